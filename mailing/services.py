"""Writes for the mailing list: sign-up, confirmation, preferences, unsubscription, erasure."""

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.limits import Limit

from .models import CURRENT_CONSENT_VERSION, Subscriber
from .tasks import send_confirmation_email

logger = logging.getLogger(__name__)

SIGNUPS_PER_CLIENT = Limit("mailing-signup-ip", attempts=10, window=60 * 60)
SIGNUPS_PER_ADDRESS = Limit("mailing-signup-address", attempts=3, window=60 * 60)
NEVER_MAIL = {Subscriber.Status.BOUNCED, Subscriber.Status.COMPLAINED}


class TooManySignups(Exception):
    """Too many sign-ups from this client or for this address within the hour."""


def subscriber_signup(
    *, email: str, topics, project_announcements: bool, source: str, client: str
) -> None:
    """Record a sign-up and send the confirmation link; the caller learns nothing else.

    A known confirmed address is left as it is, and a bounced or complained one is never
    mailed; the response to the person signing up is the same in every case.
    """
    email = email.strip().lower()
    if SIGNUPS_PER_CLIENT.exceeded(client) or SIGNUPS_PER_ADDRESS.exceeded(email):
        raise TooManySignups
    SIGNUPS_PER_CLIENT.hit(client)
    SIGNUPS_PER_ADDRESS.hit(email)
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
        if subscriber is None:
            subscriber = Subscriber.objects.create(email=email, source=source)
        elif subscriber.status in NEVER_MAIL or subscriber.status == Subscriber.Status.CONFIRMED:
            return
        subscriber.status = Subscriber.Status.PENDING
        subscriber.project_announcements = project_announcements
        subscriber.consent_version = CURRENT_CONSENT_VERSION
        subscriber.save()
        subscriber.topics.set(topics)
        pk = subscriber.pk
        transaction.on_commit(lambda: send_confirmation_email.enqueue(pk))


def subscriber_confirm(subscriber: Subscriber) -> bool:
    """Confirm a pending address (from its signed link); False if it cannot be confirmed."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.status == Subscriber.Status.CONFIRMED:
            return True
        if subscriber.status != Subscriber.Status.PENDING:
            return False
        subscriber.status = Subscriber.Status.CONFIRMED
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["status", "confirmed_at", "updated_at"])
    return True


def subscriber_preferences_update(
    *, subscriber: Subscriber, topics, project_announcements: bool
) -> None:
    with transaction.atomic():
        subscriber.project_announcements = project_announcements
        subscriber.save(update_fields=["project_announcements", "updated_at"])
        subscriber.topics.set(topics)


def subscriber_unsubscribe(subscriber: Subscriber) -> None:
    """Stop every email to this address at once."""
    if subscriber.status in NEVER_MAIL or subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return
    subscriber.status = Subscriber.Status.UNSUBSCRIBED
    subscriber.unsubscribed_at = timezone.now()
    subscriber.save(update_fields=["status", "unsubscribed_at", "updated_at"])


def subscriber_erase(subscriber: Subscriber) -> None:
    """Delete everything held about this address."""
    logger.info("Subscriber %s erased at their request", subscriber.pk)
    subscriber.delete()


def subscriber_mark_undeliverable(*, email: str, status: str) -> bool:
    """Record a bounce or complaint, so the address is never mailed again."""
    if status not in NEVER_MAIL:
        raise ValueError(f"not a delivery failure status: {status}")
    updated = Subscriber.objects.filter(email__iexact=email.strip()).update(
        status=status, updated_at=timezone.now()
    )
    return bool(updated)


class AnnouncementNotReady(Exception):
    """The announcement has not been approved, or was already sent."""


def announcement_audience(announcement):
    """The confirmed subscribers who asked for this announcement: its topics, or the project's."""
    confirmed = Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED)
    if announcement.send_to_all:
        return confirmed.filter(project_announcements=True)
    return confirmed.filter(topics__in=announcement.topics.all()).distinct()


def announcement_send(*, announcement, user) -> int:
    """Queue an approved announcement: one delivery row per recipient, then the batches.

    The rows make sending resumable and once-only: a worker restarted half-way carries on
    with the rows still queued.
    """
    from .models import Announcement, Delivery
    from .tasks import announcement_send_batch

    with transaction.atomic():
        announcement = Announcement.objects.select_for_update().get(pk=announcement.pk)
        if not announcement.live or announcement.sending != Announcement.Sending.NOT_SENT:
            raise AnnouncementNotReady(
                "Only an approved announcement that has not been sent can be sent."
            )
        recipients = announcement_audience(announcement).values_list("pk", flat=True)
        count = 0
        batch = []
        for subscriber_id in recipients.iterator(chunk_size=5000):
            batch.append(Delivery(announcement=announcement, subscriber_id=subscriber_id))
            if len(batch) == 5000:
                Delivery.objects.bulk_create(batch, ignore_conflicts=True)
                count += len(batch)
                batch = []
        Delivery.objects.bulk_create(batch, ignore_conflicts=True)
        count += len(batch)
        announcement.sending = Announcement.Sending.QUEUED
        announcement.queued_at = timezone.now()
        announcement.queued_by = user
        announcement.save(update_fields=["sending", "queued_at", "queued_by"])
        pk = announcement.pk
        transaction.on_commit(lambda: announcement_send_batch.enqueue(pk))
    logger.info("Announcement %s queued for %d subscribers by %s", pk, count, user)
    return count


def announcement_resume(*, stalled_after: float, pk: int | None = None) -> list[int]:
    """Carry on with sends whose worker stopped (no heartbeat for `stalled_after` seconds).

    Of each dead batch, the first row still "sending" may have reached the mail server
    before the worker died: it is marked unknown, never resent. The rows after it were not
    sent and are queued again. `pk` limits this to one announcement. Returns the ids resumed.
    """
    from .models import Announcement
    from .tasks import announcement_send_batch

    cutoff = timezone.now() - timedelta(seconds=stalled_after)
    stalled = Announcement.objects.filter(sending=Announcement.Sending.QUEUED).filter(
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, queued_at__lt=cutoff)
    )
    if pk is not None:
        stalled = stalled.filter(pk=pk)
    resumed = []
    for announcement_id in stalled.values_list("pk", flat=True):
        with transaction.atomic():
            # Re-checked under the lock: another resume may have got here first.
            announcement = stalled.select_for_update().filter(pk=announcement_id).first()
            if announcement is None:
                continue
            unknown = _release_dead_claims(announcement)
            announcement.heartbeat_at = timezone.now()
            announcement.save(update_fields=["heartbeat_at"])
            transaction.on_commit(
                lambda resumed_id=announcement_id: announcement_send_batch.enqueue(resumed_id)
            )
        logger.warning(
            "Announcement %s resumed after its worker stopped; %d delivery outcome(s) unknown",
            announcement_id,
            unknown,
        )
        resumed.append(announcement_id)
    return resumed


def _release_dead_claims(announcement) -> int:
    """Mark the rows a dead batch may have had in flight unknown; queue its others again."""
    from .models import Delivery
    from .tasks import claim_width

    sending = announcement.deliveries.filter(status=Delivery.Status.SENDING)
    claims = set(sending.values_list("claim", flat=True))
    unknown = 0
    for claim in claims:
        rows = sending.filter(claim=claim).order_by("pk").values_list("pk", flat=True)
        in_flight = list(rows[: claim_width(claim)])
        Delivery.objects.filter(pk__in=in_flight).update(status=Delivery.Status.UNKNOWN)
        sending.filter(claim=claim).exclude(pk__in=in_flight).update(
            status=Delivery.Status.QUEUED, claim=""
        )
        unknown += len(in_flight)
    return unknown
