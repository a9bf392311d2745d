"""Delivery of account emails: each attempt recorded, failures retried with growing delays."""

import datetime
import logging
import smtplib

from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from .models import AccountEmail

logger = logging.getLogger(__name__)

# Waits before the 2nd, 3rd, ... attempt; after the last, the email is marked failed.
RETRY_DELAYS = (
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=2),
    datetime.timedelta(hours=6),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


def account_email_create(*, subject: str, body: str, recipient: str, html_body: str = ""):
    """Record an account email about to be sent."""
    return AccountEmail.objects.create(
        subject=subject[:255], body=body, recipient=recipient, html_body=html_body
    )


def _message(email: AccountEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(email.subject, email.body, to=[email.recipient])
    if email.html_body:
        message.attach_alternative(email.html_body, "text/html")
    return message


def account_email_send(*, email: AccountEmail) -> None:
    """Make one delivery attempt; on an SMTP failure, schedule the next or give up."""
    try:
        _message(email).send()
    except (smtplib.SMTPException, OSError) as error:
        _attempt_failed(email, error)
        return
    email.attempts += 1
    email.status = AccountEmail.Status.SENT
    email.sent_at = timezone.now()
    email.next_attempt_at = None
    email.body = email.html_body = ""
    email.save()


def _attempt_failed(email: AccountEmail, error: Exception) -> None:
    email.attempts += 1
    email.last_error = f"{type(error).__name__}: {error}"[:500]
    if email.attempts >= MAX_ATTEMPTS:
        logger.error("Gave up sending %r after %s attempts", email.subject, email.attempts)
        email.status = AccountEmail.Status.FAILED
        email.next_attempt_at = None
        email.body = email.html_body = ""
        email.save()
        return
    email.status = AccountEmail.Status.RETRYING
    email.next_attempt_at = timezone.now() + RETRY_DELAYS[email.attempts - 1]
    email.save()
    _schedule_retry(email)


def _schedule_retry(email: AccountEmail) -> None:
    from .tasks import retry_account_email

    # A backend that can defer runs the retry at its time; otherwise `account_emails_retry`
    # (enqueued every minute by `manage.py scheduler`) sends what is due.
    if retry_account_email.get_backend().supports_defer:
        retry_account_email.using(run_after=email.next_attempt_at).enqueue(email.pk)


def _claim(email_id: int, now: datetime.datetime) -> AccountEmail | None:
    """Take a due email for one attempt, so a retry task and the sweep never both send it."""
    claimed = AccountEmail.objects.filter(
        pk=email_id, status=AccountEmail.Status.RETRYING, next_attempt_at__lte=now
    ).update(status=AccountEmail.Status.PENDING)
    return AccountEmail.objects.get(pk=email_id) if claimed else None


def account_email_retry(*, email_id: int, now: datetime.datetime | None = None) -> None:
    """Send an account email again if it is still waiting and its time has come."""
    email = _claim(email_id, now or timezone.now())
    if email is not None:
        account_email_send(email=email)


def account_emails_retry_due(*, now: datetime.datetime | None = None) -> int:
    """Send every account email whose next attempt is due; returns how many were tried."""
    now = now or timezone.now()
    due = AccountEmail.objects.filter(
        status=AccountEmail.Status.RETRYING, next_attempt_at__lte=now
    ).values_list("pk", flat=True)
    tried = 0
    for email_id in list(due):
        email = _claim(email_id, now)
        if email is not None:
            account_email_send(email=email)
            tried += 1
    return tried
