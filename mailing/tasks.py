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

    The batch's rows are claimed together ("sending", with this batch's claim), and each is
    recorded "sent" as soon as the server accepts it. A worker killed half-way thus leaves at
    most one row whose outcome is unknown; `announcement_resume` finds the rest and queues
    them again, so nobody receives the same announcement twice.
    """
    from django.utils import timezone

    from .models import Announcement, Delivery

    announcement = Announcement.objects.get(pk=announcement_id)
    Announcement.objects.filter(pk=announcement_id).update(heartbeat_at=timezone.now())
    claim = _claim_batch(announcement)
    if claim is None:
        if not announcement.deliveries.filter(status=Delivery.Status.SENDING).exists():
            Announcement.objects.filter(pk=announcement_id).update(
                sending=Announcement.Sending.DONE, finished_at=timezone.now()
            )
        return 0
    sent = _send_batch(announcement, claim)
    announcement_send_batch.enqueue(announcement_id)
    return sent


def _claim_batch(announcement) -> str | None:
    """Mark the next queued rows as this batch's; None when none are left."""
    import uuid

    from django.conf import settings

    from .models import Delivery

    queued = Delivery.objects.filter(announcement=announcement, status=Delivery.Status.QUEUED)
    ids = list(queued.order_by("pk").values_list("pk", flat=True)[: settings.MAILING_BATCH_SIZE])
    if not ids:
        return None
    claim = uuid.uuid4().hex
    # Conditional on "queued": a row another worker claimed in between stays theirs.
    queued.filter(pk__in=ids).update(status=Delivery.Status.SENDING, claim=claim)
    return claim


def _send_batch(announcement, claim: str) -> int:
    """Send the claimed rows in order, recording each outcome as it happens."""
    import time

    from django.conf import settings
    from django.core.mail import get_connection
    from django.utils import timezone

    from .messages import AnnouncementRenderer
    from .models import Announcement, Delivery
    from .services import announcement_wanted_by

    pause = 1 / settings.MAILING_RATE_PER_SECOND if settings.MAILING_RATE_PER_SECOND else 0
    renderer = AnnouncementRenderer(announcement)
    batch = Delivery.objects.filter(claim=claim, status=Delivery.Status.SENDING)
    sent = 0
    beat = time.monotonic()
    with get_connection() as connection:
        send = _sender(renderer, connection)
        for delivery in batch.select_related("subscriber").order_by("pk"):
            row = Delivery.objects.filter(pk=delivery.pk)
            if not announcement_wanted_by(
                announcement=announcement, subscriber=delivery.subscriber
            ):
                row.update(status=Delivery.Status.SKIPPED)
                continue
            try:
                send(delivery.subscriber)
            except Exception as error:  # the SMTP server refused this one: record it, go on
                row.update(status=Delivery.Status.FAILED, error=str(error)[:1000])
                continue
            row.update(status=Delivery.Status.SENT, sent_at=timezone.now())
            sent += 1
            if time.monotonic() - beat > 30:  # a slow, rate-limited batch is still alive
                beat = time.monotonic()
                Announcement.objects.filter(pk=announcement.pk).update(heartbeat_at=timezone.now())
            if pause:
                time.sleep(pause)
    return sent


def _sender(renderer, connection):
    """A function sending one subscriber's email on `connection`: raw pre-built bytes over
    an SMTP connection when the message allows it, a Django email otherwise."""
    from django.core.mail.backends.smtp import EmailBackend as SMTPBackend

    if not isinstance(connection, SMTPBackend):
        return lambda subscriber: renderer.message(subscriber, connection).send()
    sender = renderer.envelope_sender()

    def send(subscriber):
        raw = renderer.raw(subscriber)
        if raw is None:
            renderer.message(subscriber, connection).send()
            return
        if connection.connection is None:
            connection.open()
        connection.connection.sendmail(sender, [subscriber.email], raw)

    return send
