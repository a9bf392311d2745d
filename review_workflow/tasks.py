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


def _provider_emails(submission) -> list[str]:
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
    messages = []
    templates = {template.key: template for template in EmailTemplate.objects.all()}
    context = _context(event)
    recipients = {EmailTemplate.Key.STATUS_CHANGED: _provider_emails(event.submission)}
    if event.action == "submit":
        recipients[EmailTemplate.Key.SUBMISSION_RECEIVED] = _coordinator_emails()
    for key, addresses in recipients.items():
        template = templates.get(key)
        if template is None or not addresses:
            continue
        subject, body = template.render(context)
        messages.extend(EmailMessage(subject, body, to=[address]) for address in addresses)
    if messages:
        with get_connection() as connection:
            connection.send_messages(messages)
    logger.info("Sent %d email(s) for submission event %s", len(messages), event_id)
    return len(messages)
