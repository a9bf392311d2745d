"""The workflow's emails: who receives them, what they say, and the tasks that send them.

Services queue these tasks once their transaction commits; the tasks read the data afresh
and send plain-text emails rendered from the editable templates (`EmailTemplate`).
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from .core.states import AppealStatus, Status
from .models import (
    Appeal,
    AppealAssignment,
    Assignment,
    AuditEvent,
    Decision,
    EmailTemplate,
    Submission,
)

logger = logging.getLogger(__name__)


# --- Recipients and addresses -----------------------------------------------------------------


def provider_emails(submission: Submission) -> list[str]:
    """The active members of the submitting organization."""
    members = submission.organization.members.filter(user__is_active=True).select_related("user")
    return sorted({member.user.email for member in members if member.user.email})


def coordinator_emails() -> list[str]:
    """Everyone who coordinates reviews."""
    User = get_user_model()
    coordinators = User.objects.filter(is_active=True).filter(
        Q(groups__permissions__codename="screen_submission") | Q(is_superuser=True)
    )
    return sorted(set(coordinators.exclude(email="").values_list("email", flat=True)))


def absolute_url(path: str) -> str:
    """The address of a path on the public site, for emails."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def portal_url(submission: Submission) -> str:
    """Where the provider follows the submission."""
    return absolute_url(reverse("portal:submission_detail", args=[submission.pk]))


def reviewer_name(user) -> str:
    return user.get_full_name() or user.username


# --- Sending ------------------------------------------------------------------------------------


def template_email_send(template: EmailTemplate, context: dict, addresses: list[str]) -> int:
    """One email from an editable template to each address."""
    if not addresses:
        return 0
    return email_send(*template.render(context), addresses)


def email_send(subject: str, body: str, addresses: list[str]) -> int:
    """The same email to each address (one message each), over one connection."""
    if not addresses:
        return 0
    messages = [EmailMessage(subject, body, to=[address]) for address in addresses]
    with get_connection() as connection:
        connection.send_messages(messages)
    return len(messages)


def _submission_context(submission: Submission, **extra) -> dict:
    return {
        "submission": submission,
        "organization": submission.organization,
        "url": portal_url(submission),
        **extra,
    }


# --- Queueing, once the transaction that decided the email has committed ------------------------


def event_notify(event: AuditEvent) -> None:
    """Queue the emails about a transition."""
    transaction.on_commit(lambda: submission_event_emails.enqueue(event.pk))


def assignments_notify(assignments: list[Assignment], key: str, note: str = "") -> None:
    """Queue an email per assignment: an invitation, or a refusal for the coordinators."""
    for assignment in assignments:
        pk = assignment.pk
        transaction.on_commit(lambda pk=pk: assignment_email.enqueue(pk, key, note))


def coordinators_notify_later(submission: Submission, key: str) -> None:
    """Queue an email to the coordinators about the submission's current round."""
    pk, round_number = submission.pk, submission.review_round
    transaction.on_commit(lambda: coordinators_notify.enqueue(pk, key, round_number))


def decision_letter_notify(decision: Decision) -> None:
    """Queue the decision letter to the provider."""
    transaction.on_commit(lambda: decision_letter_email.enqueue(decision.pk))


# --- The tasks ---------------------------------------------------------------------------------


@task()
def submission_event_emails(event_id: int) -> int:
    """Email the provider about a status change, and coordinators about a new submission."""
    event = AuditEvent.objects.select_related("submission__organization").get(pk=event_id)
    templates = {template.key: template for template in EmailTemplate.objects.all()}
    recipients = {EmailTemplate.Key.STATUS_CHANGED: provider_emails(event.submission)}
    if event.action == "submit":
        recipients[EmailTemplate.Key.SUBMISSION_RECEIVED] = coordinator_emails()
    context = _submission_context(
        event.submission,
        status=Status(event.to_status).label,
        previous_status=Status(event.from_status).label if event.from_status else "",
        note=event.note,
        by_platform=event.actor_id is None,  # a scheduled step (expiry), not a person's
        version=event.version_number,
    )
    sent = sum(
        template_email_send(templates[key], context, addresses)
        for key, addresses in recipients.items()
        if key in templates
    )
    logger.info("Sent %d email(s) for submission event %s", sent, event_id)
    return sent


@task()
def assignment_email(assignment_id: int, key: str, note: str = "") -> int:
    """Tell a reviewer of an assignment (key "reviewer_invited") or the coordinators that a
    reviewer turned one down ("assignment_declined")."""
    assignment = Assignment.objects.select_related("submission__organization", "reviewer").get(
        pk=assignment_id
    )
    template = EmailTemplate.objects.filter(key=key).first()
    if template is None:
        return 0
    recipients = [assignment.reviewer.email] if key == "reviewer_invited" else coordinator_emails()
    context = _submission_context(
        assignment.submission,
        assignment=assignment,
        reviewer_name=reviewer_name(assignment.reviewer),
        note=note,
    )
    return template_email_send(template, context, [address for address in recipients if address])


@task()
def coordinators_notify(submission_id: int, key: str, round_number: int = 0) -> int:
    """Tell the coordinators about a submission (for example, that every review is in)."""
    submission = Submission.objects.select_related("organization").get(pk=submission_id)
    template = EmailTemplate.objects.filter(key=key).first()
    if template is None:
        return 0
    context = _submission_context(submission, round=round_number)
    return template_email_send(template, context, coordinator_emails())


@task()
def decision_letter_email(decision_id: int) -> int:
    """Send the provider the letter stored with the decision, exactly as stored."""
    decision = Decision.objects.select_related("submission__organization").get(pk=decision_id)
    return email_send(
        decision.letter_subject, decision.letter_body, provider_emails(decision.submission)
    )


def review_reminder_send(assignment: Assignment, *, overdue: bool) -> int:
    """Remind a reviewer of a review due soon or overdue."""
    template = EmailTemplate.objects.get(key=EmailTemplate.Key.REVIEW_REMINDER)
    context = _submission_context(
        assignment.submission,
        assignment=assignment,
        reviewer_name=reviewer_name(assignment.reviewer),
        overdue=overdue,
    )
    return template_email_send(template, context, [assignment.reviewer.email])


def expiry_warning_send(submission: Submission, *, days: int) -> int:
    """Warn the provider that the approval expires in `days` days."""
    template = EmailTemplate.objects.get(key=EmailTemplate.Key.EXPIRY_WARNING)
    context = _submission_context(submission, days=days, expires_on=submission.expires_on)
    return template_email_send(template, context, provider_emails(submission))


def reviewer_welcome_notify(user) -> None:
    """Queue the new reviewer's welcome, with the link to choose a password."""
    pk = user.pk
    transaction.on_commit(lambda: reviewer_welcome_email.enqueue(pk))


@task()
def reviewer_welcome_email(user_id: int) -> int:
    """Welcome a reviewer whose account a coordinator created: a link to set the password."""
    user = get_user_model().objects.get(pk=user_id)
    link = absolute_url(
        reverse(
            "accounts:password_reset_confirm",
            args=[
                urlsafe_base64_encode(force_bytes(user.pk)),
                default_token_generator.make_token(user),
            ],
        )
    )
    body = render_to_string(
        "review_workflow/emails/reviewer_welcome.txt",
        {"name": reviewer_name(user), "link": link, "login": absolute_url("/admin/")},
    )
    return email_send("You are invited to review de-escalation curricula", body, [user.email])


# --- Appeals ---------------------------------------------------------------------------------


def appeal_event_notify(event: AuditEvent) -> None:
    """Queue the emails about an appeal's step (its letters go by `appeal_letter_notify`)."""
    # The state the step reached, as the provider is told it even if the appeal moves on
    # before the task runs.
    status = event.appeal.status
    transaction.on_commit(lambda: appeal_event_emails.enqueue(event.pk, status))


def appeal_assignments_notify(
    assignments: list[AppealAssignment], key: str, note: str = ""
) -> None:
    """Queue an email per appeal assignment: an invitation, or a refusal for the coordinators."""
    for assignment in assignments:
        pk = assignment.pk
        transaction.on_commit(lambda pk=pk: appeal_assignment_email.enqueue(pk, key, note))


def appeal_letter_notify(appeal: Appeal) -> None:
    """Queue the appeal's letter to the provider."""
    transaction.on_commit(lambda: appeal_letter_email.enqueue(appeal.pk))


def _appeal_context(appeal: Appeal, **extra) -> dict:
    extra.setdefault("appeal_status", AppealStatus(appeal.status).label)
    return _submission_context(appeal.submission, appeal=appeal, **extra)


@task()
def appeal_event_emails(event_id: int, status: str) -> int:
    """Tell the provider where their appeal stands, and the coordinators of a new appeal.
    Never names the appeal panel."""
    event = AuditEvent.objects.select_related("appeal__submission__organization").get(pk=event_id)
    appeal = event.appeal
    templates = {template.key: template for template in EmailTemplate.objects.all()}
    recipients = {EmailTemplate.Key.APPEAL_STATUS_CHANGED: provider_emails(appeal.submission)}
    if event.action == "appeal_lodge":
        recipients[EmailTemplate.Key.APPEAL_LODGED] = coordinator_emails()
    context = _appeal_context(appeal, appeal_status=AppealStatus(status).label)
    return sum(
        template_email_send(templates[key], context, addresses)
        for key, addresses in recipients.items()
        if key in templates
    )


@task()
def appeal_assignment_email(assignment_id: int, key: str, note: str = "") -> int:
    """Invite a reviewer to an appeal panel, or tell the coordinators one turned it down."""
    assignment = AppealAssignment.objects.select_related(
        "appeal__submission__organization", "reviewer"
    ).get(pk=assignment_id)
    template = EmailTemplate.objects.filter(key=key).first()
    if template is None:
        return 0
    invited = key == EmailTemplate.Key.APPEAL_REVIEWER_INVITED
    recipients = [assignment.reviewer.email] if invited else coordinator_emails()
    context = _appeal_context(
        assignment.appeal,
        assignment=assignment,
        reviewer_name=reviewer_name(assignment.reviewer),
        note=note,
    )
    return template_email_send(template, context, [address for address in recipients if address])


@task()
def appeal_letter_email(appeal_id: int) -> int:
    """Send the provider the appeal's letter, exactly as stored."""
    appeal = Appeal.objects.select_related("submission__organization").get(pk=appeal_id)
    return email_send(
        appeal.letter_subject, appeal.letter_body, provider_emails(appeal.submission)
    )


def appeal_letter_render(appeal: Appeal) -> tuple[str, str]:
    """The appeal's letter from its template; it names nobody on either panel."""
    key = (
        EmailTemplate.Key.APPEAL_UPHELD
        if appeal.status == AppealStatus.UPHELD
        else EmailTemplate.Key.APPEAL_OVERTURNED
    )
    return EmailTemplate.objects.get(key=key).render(_appeal_context(appeal))


def appeal_reminder_send(assignment: AppealAssignment, *, overdue: bool) -> int:
    """Remind an appeal reviewer of an answer or findings due soon or overdue."""
    template = EmailTemplate.objects.get(key=EmailTemplate.Key.APPEAL_REMINDER)
    context = _appeal_context(
        assignment.appeal,
        assignment=assignment,
        reviewer_name=reviewer_name(assignment.reviewer),
        overdue=overdue,
    )
    return template_email_send(template, context, [assignment.reviewer.email])
