"""Background work of the review workflow: emails about submission events."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django_tasks import task

from .models import AuditEvent, EmailTemplate
from .states import Status

logger = logging.getLogger(__name__)


def provider_emails(submission) -> list[str]:
    members = submission.organization.members.filter(user__is_active=True).select_related("user")
    return sorted({member.user.email for member in members if member.user.email})


def _coordinator_emails() -> list[str]:
    User = get_user_model()
    coordinators = User.objects.filter(is_active=True).filter(
        Q(groups__permissions__codename="screen_submission") | Q(is_superuser=True)
    )
    return sorted(set(coordinators.exclude(email="").values_list("email", flat=True)))


def _context(event: AuditEvent) -> dict:
    submission = event.submission
    return {
        "submission": submission,
        "organization": submission.organization,
        "status": Status(event.to_status).label,
        "previous_status": Status(event.from_status).label if event.from_status else "",
        "note": event.note,
        "version": event.version_number,
        "url": f"{settings.WAGTAILADMIN_BASE_URL}/portal/submissions/{submission.pk}/",
    }


@task()
def submission_event_emails(event_id: int) -> int:
    """Email the provider about a status change, and coordinators about a new submission."""
    event = AuditEvent.objects.select_related("submission__organization").get(pk=event_id)
    templates = {template.key: template for template in EmailTemplate.objects.all()}
    recipients = {EmailTemplate.Key.STATUS_CHANGED: provider_emails(event.submission)}
    if event.action == "submit":
        recipients[EmailTemplate.Key.SUBMISSION_RECEIVED] = _coordinator_emails()
    context = _context(event)
    sent = sum(
        template_email_send(templates[key], context, addresses)
        for key, addresses in recipients.items()
        if key in templates
    )
    logger.info("Sent %d email(s) for submission event %s", sent, event_id)
    return sent


def _reviewer_name(user) -> str:
    return user.get_full_name() or user.username


@task()
def assignment_email(assignment_id: int, key: str, note: str = "") -> int:
    """Tell a reviewer of an assignment (key "reviewer_invited") or the coordinators that a
    reviewer turned one down ("assignment_declined")."""
    from .models import Assignment

    assignment = Assignment.objects.select_related("submission__organization", "reviewer").get(
        pk=assignment_id
    )
    template = EmailTemplate.objects.filter(key=key).first()
    if template is None:
        return 0
    recipients = (
        [assignment.reviewer.email] if key == "reviewer_invited" else _coordinator_emails()
    )
    context = {
        "submission": assignment.submission,
        "organization": assignment.submission.organization,
        "assignment": assignment,
        "reviewer_name": _reviewer_name(assignment.reviewer),
        "note": note,
    }
    return template_email_send(template, context, [address for address in recipients if address])


@task()
def coordinators_notify(submission_id: int, key: str, round_number: int = 0) -> int:
    from .models import Submission

    submission = Submission.objects.select_related("organization").get(pk=submission_id)
    template = EmailTemplate.objects.filter(key=key).first()
    if template is None:
        return 0
    context = {
        "submission": submission,
        "organization": submission.organization,
        "round": round_number,
    }
    return template_email_send(template, context, _coordinator_emails())


@task()
def decision_letter_email(decision_id: int) -> int:
    """Send the provider the letter stored with the decision, exactly as stored."""
    from .models import Decision

    decision = Decision.objects.select_related("submission__organization").get(pk=decision_id)
    return _email_send(
        decision.letter_subject, decision.letter_body, provider_emails(decision.submission)
    )


def template_email_send(template, context: dict, addresses: list[str]) -> int:
    """One email from an editable template to each address."""
    if not addresses:
        return 0
    return _email_send(*template.render(context), addresses)


def _email_send(subject: str, body: str, addresses: list[str]) -> int:
    """The same email to each address (one message each), over one connection."""
    if not addresses:
        return 0
    messages = [EmailMessage(subject, body, to=[address]) for address in addresses]
    with get_connection() as connection:
        connection.send_messages(messages)
    return len(messages)


@task()
def review_reminders_send() -> int:
    """Remind reviewers of reviews due soon or overdue; at most once a day each."""
    from django.utils import timezone

    from .reviewing import assignments_needing_reminder

    today = timezone.localdate()
    template = EmailTemplate.objects.get(key=EmailTemplate.Key.REVIEW_REMINDER)
    sent = 0
    for assignment in assignments_needing_reminder(today).select_related(
        "reviewer", "submission__organization"
    ):
        context = {
            "submission": assignment.submission,
            "organization": assignment.submission.organization,
            "assignment": assignment,
            "reviewer_name": _reviewer_name(assignment.reviewer),
            "overdue": assignment.due_date < today,
        }
        sent += template_email_send(template, context, [assignment.reviewer.email])
        type(assignment).objects.filter(pk=assignment.pk).update(last_reminded_on=today)
    logger.info("Sent %d review reminder(s)", sent)
    return sent


@task()
def approvals_expire() -> int:
    """Expire approvals past their date (out of the catalog), and warn providers 90 and 30
    days ahead. Safe to run more than once a day."""
    from .expiry import approvals_expire_due, expiry_warnings_send

    expired = approvals_expire_due()
    warned = expiry_warnings_send()
    logger.info("Expired %d approval(s), sent %d expiry warning(s)", expired, warned)
    return expired
