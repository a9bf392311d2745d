"""The review's scheduled work, enqueued by the scheduler (or `review_daily`): reminders
(reviews and appeals) and expiry."""

import logging

from django.utils import timezone
from django_tasks import task

from .notifications import appeal_reminder_send, review_reminder_send
from .selectors.appeals import appeal_assignments_needing_reminder
from .selectors.reviews import assignments_needing_reminder
from .services.expiry import approvals_expire_due, expiry_warnings_send

logger = logging.getLogger(__name__)


@task()
def review_reminders_send() -> int:
    """Remind reviewers of reviews due soon or overdue; at most once a day each."""
    today = timezone.localdate()
    sent = 0
    for assignment in assignments_needing_reminder(today).select_related(
        "reviewer", "submission__organization"
    ):
        sent += review_reminder_send(assignment, overdue=assignment.due_date < today)
        type(assignment).objects.filter(pk=assignment.pk).update(last_reminded_on=today)
    logger.info("Sent %d review reminder(s)", sent)
    return sent


@task()
def appeal_reminders_send() -> int:
    """Remind appeal reviewers of answers or findings due soon or overdue; once a day each."""
    today = timezone.localdate()
    sent = 0
    for assignment in appeal_assignments_needing_reminder(today).select_related(
        "reviewer", "appeal__submission__organization"
    ):
        sent += appeal_reminder_send(assignment, overdue=assignment.due_date < today)
        type(assignment).objects.filter(pk=assignment.pk).update(last_reminded_on=today)
    logger.info("Sent %d appeal reminder(s)", sent)
    return sent


@task()
def approvals_expire() -> int:
    """Expire approvals past their date (out of the catalog), and warn providers 90 and 30
    days ahead. Safe to run more than once a day."""
    expired = approvals_expire_due()
    warned = expiry_warnings_send()
    logger.info("Expired %d approval(s), sent %d expiry warning(s)", expired, warned)
    return expired
