"""Approvals reaching their end: warnings ahead of time, and expiry on the day after.

Run by the scheduler (or the `review_daily` command) through the task worker; both steps only
do what is still to do, so running them twice does no harm.
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..core.errors import WorkflowError
from ..core.states import Status
from ..models import Submission
from ..notifications import expiry_warning_send
from .lifecycle import submission_transition
from .transitions import event_record

logger = logging.getLogger(__name__)


def approvals_expire_due() -> int:
    """Move approvals whose last valid day has passed to "expired" (out of the catalog); the
    transition's own rule checks the date again."""
    due = Submission.objects.filter(status=Status.APPROVED, expires_on__lt=timezone.localdate())
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
        except WorkflowError:  # suspended, revoked or superseded meanwhile: nothing to expire
            continue
        expired += 1
    return expired


def expiry_warnings_send(today: datetime.date | None = None) -> int:
    """Warn the providers of approvals expiring within 90 or 30 days, once per threshold."""
    today = today or timezone.localdate()
    thresholds = sorted(settings.APPROVAL_EXPIRY_WARNING_DAYS)
    horizon = today + datetime.timedelta(days=max(thresholds))
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
            event_record(
                submission=locked,
                user=None,
                action="expiry_warning",
                note=f"{days} days before expiry",
            )
        sent += expiry_warning_send(submission, days=days)
    return sent
