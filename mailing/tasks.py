"""Mailing-list emails, sent by the task worker."""

import re
import uuid

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
def announcements_resume() -> list[int]:
    """Carry on with the sends whose worker stopped; a send already resumed is left alone."""
    from django.conf import settings

    from .services import announcement_resume

    return announcement_resume(stalled_after=settings.MAILING_STALLED_AFTER)


# Messages each SMTP connection has in flight between two recordings of outcomes.
IN_FLIGHT_PER_CONNECTION = 8


def claim_new(width: int) -> str:
    """A batch's claim; it says how many of its rows are sent at once (see claim_width)."""
    return f"{uuid.uuid4().hex[:26]}:w{width:04d}"


def claim_width(claim: str) -> int:
    """How many rows of a claim may have been in flight together: the first `width` rows
    still "sending" after a worker died may have reached the server. A claim without a width
    was sent one message at a time."""
    match = re.fullmatch(r"[0-9a-f]{26}:w(\d{4})", claim)
    return int(match[1]) if match else 1


@task()
def announcement_send_batch(announcement_id: int) -> int:
    """Send the next batch of queued deliveries over a few SMTP connections, then queue the next.

    The batch's rows are claimed together ("sending", with this batch's claim) and sent in
    groups, a few messages on each connection at once; a group's outcomes are recorded
    together once the server has answered for all of them. A worker killed half-way thus
    leaves at most one group whose outcomes are unknown; `announcement_resume` marks those
    unknown, never resent, and queues the rest again, so nobody receives the same
    announcement twice.
    """
    from django.utils import timezone

    from .models import Announcement, Delivery

    announcement = Announcement.objects.get(pk=announcement_id)
    Announcement.objects.filter(pk=announcement_id).update(heartbeat_at=timezone.now())
    senders = _connection_count()
    claim = _claim_batch(announcement, width=senders * IN_FLIGHT_PER_CONNECTION)
    if claim is None:
        if not announcement.deliveries.filter(status=Delivery.Status.SENDING).exists():
            Announcement.objects.filter(pk=announcement_id).update(
                sending=Announcement.Sending.DONE, finished_at=timezone.now()
            )
        return 0
    sent = _send_batch(announcement, claim, senders=senders)
    announcement_send_batch.enqueue(announcement_id)
    return sent


def _connection_count() -> int:
    from django.conf import settings
    from django.core.mail import get_connection
    from django.core.mail.backends.smtp import EmailBackend as SMTPBackend

    if not isinstance(get_connection(), SMTPBackend):
        return 1  # console, file or memory backends: nothing to wait for
    return max(1, settings.MAILING_SMTP_CONNECTIONS)


def _claim_batch(announcement, *, width: int) -> str | None:
    """Mark the next queued rows as this batch's; None when none are left."""
    from django.conf import settings

    from .models import Delivery

    queued = Delivery.objects.filter(announcement=announcement, status=Delivery.Status.QUEUED)
    ids = list(queued.order_by("pk").values_list("pk", flat=True)[: settings.MAILING_BATCH_SIZE])
    if not ids:
        return None
    claim = claim_new(width)
    # Conditional on "queued": a row another worker claimed in between stays theirs.
    queued.filter(pk__in=ids).update(status=Delivery.Status.SENDING, claim=claim)
    return claim


def _send_batch(announcement, claim: str, *, senders: int) -> int:
    """Send the claimed rows in pk order, group by group, recording each group's outcomes."""
    import time

    from django.conf import settings

    from .messages import AnnouncementRenderer
    from .models import Delivery
    from .services import announcement_audience

    rate = settings.MAILING_RATE_PER_SECOND
    batch = (
        Delivery.objects.filter(claim=claim, status=Delivery.Status.SENDING)
        .select_related("subscriber")
        .only("pk", "subscriber__email", "subscriber__status", "subscriber__link_key")
        .order_by("pk")
    )
    outcomes = _Outcomes(announcement)
    with _Senders(AnnouncementRenderer(announcement), count=senders) as send:
        for group in _groups(list(batch), claim_width(claim)):
            started = time.monotonic()
            mailable = []
            # Preferences are read again as the group goes out: one query for the group.
            wanted = set(
                announcement_audience(announcement)
                .filter(pk__in=[delivery.subscriber_id for delivery in group])
                .values_list("pk", flat=True)
            )
            for delivery in group:
                if delivery.subscriber_id in wanted:
                    mailable.append(delivery)
                else:
                    outcomes.skipped.append(delivery.pk)
            errors = send([delivery.subscriber for delivery in mailable])
            for delivery, error in zip(mailable, errors, strict=True):
                if error is None:
                    outcomes.sent.append(delivery.pk)
                else:
                    outcomes.failed.append((delivery.pk, error))
            outcomes.record()
            if rate:
                time.sleep(max(0, len(group) / rate - (time.monotonic() - started)))
    return outcomes.sent_count


def _groups(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]


class _Outcomes:
    """A group's outcomes, written in a few statements; keeps the send's heartbeat."""

    def __init__(self, announcement):
        import time

        self.announcement = announcement
        self.sent, self.skipped, self.failed = [], [], []
        self.sent_count = 0
        self.beat = time.monotonic()

    def record(self) -> None:
        import time

        from django.db import transaction
        from django.utils import timezone

        from .models import Announcement, Delivery

        with transaction.atomic():
            Delivery.objects.filter(pk__in=self.sent).update(
                status=Delivery.Status.SENT, sent_at=timezone.now()
            )
            Delivery.objects.filter(pk__in=self.skipped).update(status=Delivery.Status.SKIPPED)
            for pk, error in self.failed:  # the server refused these: recorded, not retried
                Delivery.objects.filter(pk=pk).update(
                    status=Delivery.Status.FAILED, error=error[:1000]
                )
        self.sent_count += len(self.sent)
        self.sent, self.skipped, self.failed = [], [], []
        if time.monotonic() - self.beat > 30:  # a slow, rate-limited batch is still alive
            self.beat = time.monotonic()
            Announcement.objects.filter(pk=self.announcement.pk).update(
                heartbeat_at=timezone.now()
            )


class _Senders:
    """`count` SMTP connections, each in a thread of its own; calling it with a group of
    subscribers sends their emails spread over the connections and returns, in order, None
    for each message the server accepted or the reason it did not."""

    def __init__(self, renderer, *, count: int):
        from concurrent.futures import ThreadPoolExecutor

        from django.core.mail import get_connection

        self.renderer = renderer
        self.connections = [get_connection() for _ in range(count)]
        self.pool = ThreadPoolExecutor(max_workers=count) if count > 1 else None

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        if self.pool:
            self.pool.shutdown()
        for connection in self.connections:
            connection.close()

    def __call__(self, subscribers: list) -> list[str | None]:
        count = len(self.connections)
        shares = [subscribers[i::count] for i in range(count)]
        if self.pool:
            results = list(self.pool.map(self._send_all, self.connections, shares))
        else:
            results = [self._send_all(self.connections[0], shares[0])]
        errors = [None] * len(subscribers)
        for i, share_errors in enumerate(results):
            errors[i::count] = share_errors
        return errors

    def _send_all(self, connection, subscribers: list) -> list[str | None]:
        send = _sender(self.renderer, connection)
        errors = []
        for subscriber in subscribers:
            try:
                send(subscriber)
            except Exception as error:  # the SMTP server refused this one
                errors.append(str(error) or type(error).__name__)
            else:
                errors.append(None)
        return errors


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
