"""Approvals reaching their end: warnings ahead of time, and expiry on the day after.

Run daily by the `review_daily` command (through the task worker); both steps only do what
is still to do, so running them twice does no harm.
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import EmailTemplate, Submission
from .services import TransitionRefused, event_record, submission_transition
from .states import Status

logger = logging.getLogger(__name__)


def approvals_expire_due(today: datetime.date | None = None) -> int:
    """Move approvals whose last valid day has passed to "expired" (out of the catalog)."""
    today = today or timezone.localdate()
    due = Submission.objects.filter(status=Status.APPROVED, expires_on__lt=today)
    expired = 0
    for submission_id in due.values_list("pk", flat=True):
        try:
            submission_transition(
                submission_id=submission_id,
                action="expire",
                user=None,
                note="The approval reached its expiry date.",
                expected_status=Status.APPROVED,
            )
        except TransitionRefused:  # suspended or revoked meanwhile: nothing to expire
            continue
        expired += 1
    return expired


def expiry_warnings_send(today: datetime.date | None = None) -> int:
    """Warn the providers of approvals expiring within 90 or 30 days, once per threshold."""
    from .tasks import provider_emails, template_email_send

    today = today or timezone.localdate()
    thresholds = sorted(settings.APPROVAL_EXPIRY_WARNING_DAYS)
    horizon = today + datetime.timedelta(days=max(thresholds))
    template = EmailTemplate.objects.get(key=EmailTemplate.Key.EXPIRY_WARNING)
    sent = 0
    candidates = Submission.objects.filter(
        status=Status.APPROVED, expires_on__gte=today, expires_on__lte=horizon
    )
    for submission in candidates.select_related("organization"):
        days = (submission.expires_on - today).days
        crossed = [t for t in thresholds if days <= t and t not in submission.expiry_warnings_sent]
        if not crossed:
            continue
        with transaction.atomic():
            locked = Submission.objects.select_for_update().get(pk=submission.pk)
            if set(crossed) <= set(locked.expiry_warnings_sent):
                continue  # another run got here first
            locked.expiry_warnings_sent = sorted({*locked.expiry_warnings_sent, *crossed})
            locked.save(update_fields=["expiry_warnings_sent"])
            event_record(locked, None, "expiry_warning", note=f"{days} days before expiry")
        context = {
            "submission": submission,
            "organization": submission.organization,
            "days": days,
            "expires_on": submission.expires_on,
            "url": f"{settings.WAGTAILADMIN_BASE_URL}/portal/submissions/{submission.pk}/",
        }
        sent += template_email_send(template, context, provider_emails(submission))
    return sent
