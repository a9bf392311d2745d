"""Mailing-list emails, sent by the task worker."""

from django.core.mail import EmailMessage
from django_tasks import task

from .models import Subscriber


@task()
def send_confirmation_email(subscriber_id: int) -> bool:
    """The one email a pending address receives: the link to confirm it."""
    from .links import confirm_url, manage_url

    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None or subscriber.status != Subscriber.Status.PENDING:
        return False
    body = (
        "Please confirm that you want to receive announcements from the De-escalation Training "
        f"Review:\n\n{confirm_url(subscriber)}\n\nThe link works for 7 days. If you did not "
        "sign up, ignore this email and you will hear nothing more.\n\n"
        f"Change your topics or remove your address: {manage_url(subscriber)}\n"
    )
    EmailMessage("Confirm your subscription", body, to=[subscriber.email]).send()
    return True


@task()
def announcement_send_batch(announcement_id: int) -> int:
    """Send the next batch of queued deliveries over one SMTP connection, then queue the next.

    Each row is marked "sending" (committed) before its message leaves and "sent" after, so
    a worker killed half-way never sends anyone the same announcement twice: a row it left in
    "sending" is not retried but reported for a person to check.
    """
    import time

    from django.conf import settings
    from django.core.mail import get_connection
    from django.db import transaction
    from django.utils import timezone

    from .messages import AnnouncementRenderer
    from .models import Announcement, Delivery

    announcement = Announcement.objects.get(pk=announcement_id)
    batch = list(
        Delivery.objects.filter(announcement=announcement, status=Delivery.Status.QUEUED)
        .select_related("subscriber")
        .order_by("pk")[: settings.MAILING_BATCH_SIZE]
    )
    if not batch:
        Announcement.objects.filter(pk=announcement_id).update(
            sending=Announcement.Sending.DONE, finished_at=timezone.now()
        )
        return 0
    pause = 1 / settings.MAILING_RATE_PER_SECOND if settings.MAILING_RATE_PER_SECOND else 0
    renderer = AnnouncementRenderer(announcement)
    sent_ids = []
    with get_connection() as connection:
        for delivery in batch:
            claimed = Delivery.objects.filter(
                pk=delivery.pk, status=Delivery.Status.QUEUED
            ).update(status=Delivery.Status.SENDING)
            if not claimed:
                continue  # another worker has it
            if not delivery.subscriber.can_be_mailed:
                Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.SKIPPED)
                continue
            try:
                renderer.message(delivery.subscriber, connection).send()
            except Exception as error:  # the SMTP server refused this one: record it, go on
                Delivery.objects.filter(pk=delivery.pk).update(
                    status=Delivery.Status.FAILED, error=str(error)[:1000]
                )
                continue
            sent_ids.append(delivery.pk)
            if pause:
                time.sleep(pause)
    # Recorded per batch: a worker killed before this leaves its rows "sending", never resent.
    with transaction.atomic():
        Delivery.objects.filter(pk__in=sent_ids).update(
            status=Delivery.Status.SENT, sent_at=timezone.now()
        )
    announcement_send_batch.enqueue(announcement_id)
    return len(sent_ids)
