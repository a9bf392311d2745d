"""Appeals: the provider's draft and lodging, the appeal panel, its findings and the outcome.

Every write runs in one transaction with its audit event, asks the appeal's own transitions
(`models/appeals.py`, rules in `models/rules.py`) through the engine, and raises a
WorkflowError when it may not happen; nothing changes then. An overturned appeal sends the
submission back to reconciliation (its `reconsider` transition), so the new decision is made
and issued by the usual rules.
"""

import datetime
import hashlib
import logging
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_fsm import ConcurrentTransition, TransitionNotAllowed

from ..core.errors import Conflict, Invalid, NotFound, NotPermitted
from ..core.files import validate_upload
from ..core.permissions import is_coordinator, is_organization_member
from ..core.states import AppealStatus
from ..models import Appeal, AppealAssignment, ReviewerProfile, Submission
from ..models.rules import appeal_problem, appealable_event
from ..notifications import (
    appeal_assignments_notify,
    appeal_event_notify,
    appeal_letter_notify,
    appeal_letter_render,
)
from ..selectors.appeals import appeal_load, appeal_reviewer_refusal
from .lifecycle import transition_with_effects
from .transitions import appeal_transition_refusal, appeal_transition_run, event_record

logger = logging.getLogger(__name__)

STALE = (
    "This appeal was changed by someone else meanwhile. Reload the page to see where it stands."
)


def appeal_review_due_date() -> datetime.date:
    """The due date an appeal reviewer gets unless the coordinator chooses another."""
    return timezone.localdate() + datetime.timedelta(days=settings.APPEAL_REVIEW_DUE_DAYS)


def _locked_appeal(appeal_id: int) -> Appeal:
    appeal = Appeal.objects.select_for_update().filter(pk=appeal_id).first()
    if appeal is None:
        raise NotFound("No such appeal.")
    # The submission is locked too: an overturn changes it, and its decision must stand.
    appeal.submission = Submission.objects.select_for_update().get(pk=appeal.submission_id)
    return appeal


# --- The provider's appeal -------------------------------------------------------------------


def appeal_draft_save(*, submission_id: int, user, grounds: str, uploaded=None) -> Appeal:
    """Start or update the provider's appeal of the submission's decision: the grounds and,
    optionally, one file checked like the submission's materials. Nothing is lodged yet."""
    grounds = grounds.strip()
    if not grounds:
        raise Invalid("Give the grounds of the appeal.")
    with transaction.atomic():
        submission = Submission.objects.select_for_update().filter(pk=submission_id).first()
        if submission is None or not is_organization_member(submission, user):
            raise NotFound("No such submission.")
        problem = appeal_problem(submission)
        if problem:
            raise Conflict(problem)
        event = appealable_event(submission)
        appeal = submission.appeals.filter(
            appealed_event=event, status=AppealStatus.DRAFT
        ).first() or Appeal(
            submission=submission,
            appealed_status=submission.status,
            appealed_event=event,
            decision=submission.decisions.filter(
                round=submission.review_round, stage="final"
            ).first()
            if submission.status == "not_approved"
            else None,
            round=submission.review_round,
            created_by=user,
        )
        appeal.grounds = grounds
        if uploaded is not None:
            _file_attach(appeal, uploaded)
        appeal.save()
    return appeal


def _file_attach(appeal: Appeal, uploaded) -> None:
    """Check the file as a submission material is checked (name, size, content), then store
    it privately; a ValidationError says what is wrong."""
    kind = validate_upload(
        uploaded,
        max_bytes=settings.SUBMISSION_FILE_MAX_BYTES,
        room_left=settings.SUBMISSION_FILE_MAX_BYTES,
    )
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    previous = appeal.file.name if appeal.file else ""
    appeal.file_token = secrets.token_urlsafe(32)
    appeal.file_name = uploaded.name
    appeal.file_kind = kind
    appeal.file_size = uploaded.size
    appeal.file_sha256 = digest.hexdigest()
    appeal.file.save(appeal.file_token, uploaded, save=False)
    if previous:
        storage, name = appeal.file.storage, previous
        transaction.on_commit(lambda: storage.delete(name))


def appeal_lodge(*, appeal_id: int, user, expected_status: str) -> Appeal:
    """Lodge the provider's appeal (after its confirmation page): in time, against a decision
    still standing, with grounds. The coordinators and the provider are emailed."""
    try:
        with transaction.atomic():
            appeal = _locked_appeal(appeal_id)
            if not is_organization_member(appeal.submission, user):
                raise NotFound("No such appeal.")
            if expected_status != appeal.status:
                raise Conflict(STALE)
            appeal.lodged_at = timezone.now()
            event = appeal_transition_run(appeal=appeal, action="lodge", user=user)
            appeal_event_notify(event)
            return appeal
    except (TransitionNotAllowed, ConcurrentTransition) as error:
        raise Conflict(STALE) from error


# --- The appeal panel --------------------------------------------------------------------------


def appeal_reviewers_assign(
    *, appeal_id: int, reviewer_ids: list[int], user, due_date: datetime.date | None = None
) -> list[AppealAssignment]:
    """Ask reviewers to sit on the appeal's panel. Refused for anyone asked to review the
    submission before (the original panel, whatever they answered), affiliated with the
    provider, inactive, already on this panel or at capacity."""
    due_date = due_date or appeal_review_due_date()
    if due_date <= timezone.localdate():
        raise Invalid("The due date must be in the future.")
    if not reviewer_ids:
        raise Invalid("Choose at least one reviewer.")
    with transaction.atomic():
        appeal = _locked_appeal(appeal_id)
        if not is_coordinator(appeal.submission, user):
            raise NotPermitted("You are not allowed to do this.")
        if appeal.status not in {AppealStatus.APPEALED, AppealStatus.IN_REVIEW}:
            raise Conflict("Reviewers can be assigned only while the appeal is open.")
        profiles = appeal_assignable_profiles(appeal, reviewer_ids)
        created = [
            AppealAssignment.objects.create(
                appeal=appeal,
                reviewer=profile.user,
                assigned_by=user,
                due_date=due_date,
            )
            for profile in profiles
        ]
        for assignment in created:
            event_record(
                submission=appeal.submission,
                user=user,
                action="appeal_reviewer_assigned",
                note=str(assignment.reviewer),
                appeal=appeal,
            )
        appeal_assignments_notify(created, "appeal_reviewer_invited")
    return created


def appeal_assignable_profiles(appeal: Appeal, reviewer_ids: list[int]) -> list:
    profiles = list(
        ReviewerProfile.objects.filter(user_id__in=reviewer_ids).select_related("user")
    )
    if len(profiles) != len(set(reviewer_ids)):
        raise Invalid("Only people with a reviewer profile can be assigned.")
    load = appeal_load()
    for profile in profiles:
        refusal = appeal_reviewer_refusal(appeal, profile, load)
        if refusal:
            logger.warning("Refused appeal panel place on appeal %s: %s", appeal.pk, refusal)
            raise Invalid(refusal)
    return profiles


ANSWERS = {
    "accept": (AppealAssignment.Status.ACCEPTED, "appeal_assignment_accepted"),
    "decline": (AppealAssignment.Status.DECLINED, "appeal_assignment_declined"),
    "conflict": (AppealAssignment.Status.CONFLICT, "appeal_assignment_conflict"),
}


def _locked_own_assignment(assignment_id: int, user) -> AppealAssignment:
    assignment = (
        AppealAssignment.objects.select_for_update()
        .filter(pk=assignment_id, reviewer=user)
        .first()
    )
    if assignment is None:
        raise NotFound("No such appeal assignment.")
    assignment.appeal = _locked_appeal(assignment.appeal_id)
    return assignment


def appeal_assignment_respond(
    *, assignment_id: int, user, answer: str, no_conflict: bool = False, statement: str = ""
) -> AppealAssignment:
    """The reviewer's answer: "accept" (declaring no conflict of interest), "decline", or
    "conflict" (with a statement). Once enough reviewers have accepted, the appeal review
    starts (its own rule decides)."""
    statement = statement.strip()
    if answer not in ANSWERS:
        raise Invalid("Unknown answer.")
    if answer == "accept" and not no_conflict:
        raise Invalid(
            "To accept, declare that you have no conflict of interest with this provider."
        )
    if answer == "conflict" and not statement:
        raise Invalid("Describe the conflict of interest.")
    with transaction.atomic():
        assignment = _locked_own_assignment(assignment_id, user)
        appeal = assignment.appeal
        if assignment.status != AppealAssignment.Status.INVITED:
            raise Conflict("You have already answered this invitation.")
        if appeal.status not in {AppealStatus.APPEALED, AppealStatus.IN_REVIEW}:
            raise Conflict("This appeal is no longer open.")
        assignment.status, action = ANSWERS[answer]
        assignment.responded_at = timezone.now()
        assignment.conflict_statement = statement
        assignment.save()
        event_record(
            submission=appeal.submission, user=user, action=action, note=statement, appeal=appeal
        )
        if answer != "accept":
            appeal_assignments_notify([assignment], "appeal_assignment_declined", note=statement)
        elif appeal_transition_refusal(appeal=appeal, action="begin_review", user=user) is None:
            appeal_event_notify(
                appeal_transition_run(appeal=appeal, action="begin_review", user=user)
            )
    return assignment


def appeal_findings_submit(
    *, assignment_id: int, user, recommendation: str, findings: str
) -> AppealAssignment:
    """The appeal reviewer's findings: a recommendation and its reasons, locked once sent."""
    findings = findings.strip()
    if recommendation not in AppealAssignment.Recommendation.values:
        raise Invalid("Choose your recommendation.")
    if not findings:
        raise Invalid("Give the reasons for your recommendation.")
    with transaction.atomic():
        assignment = _locked_own_assignment(assignment_id, user)
        if assignment.status != AppealAssignment.Status.ACCEPTED:
            raise Conflict("Only an accepted place without findings yet can send findings.")
        if assignment.appeal.status != AppealStatus.IN_REVIEW:
            raise Conflict("The appeal review has not started, or is over.")
        assignment.status = AppealAssignment.Status.SUBMITTED
        assignment.recommendation = recommendation
        assignment.findings = findings
        assignment.submitted_at = timezone.now()
        assignment.save()
        event_record(
            submission=assignment.appeal.submission,
            user=user,
            action="appeal_findings_submitted",
            note=assignment.get_recommendation_display(),
            appeal=assignment.appeal,
        )
    return assignment


def _locked_open_place(assignment_id: int, user) -> AppealAssignment:
    assignment = AppealAssignment.objects.select_for_update().filter(pk=assignment_id).first()
    if assignment is None:
        raise NotFound("No such appeal assignment.")
    assignment.appeal = _locked_appeal(assignment.appeal_id)
    if not is_coordinator(assignment.appeal.submission, user):
        raise NotPermitted("You are not allowed to do this.")
    if assignment.status not in AppealAssignment.OPEN:
        raise Conflict("This place on the panel is no longer open.")
    if assignment.appeal.status not in {AppealStatus.APPEALED, AppealStatus.IN_REVIEW}:
        raise Conflict("This appeal is no longer open.")
    return assignment


def appeal_assignment_remove(*, assignment_id: int, user, reason: str) -> AppealAssignment:
    """Take back a place not answered or not finished (a reviewer who does not respond), with
    the reason recorded; the place is free for someone else."""
    reason = reason.strip()
    if not reason:
        raise Invalid("Say why the reviewer is removed.")
    with transaction.atomic():
        assignment = _locked_open_place(assignment_id, user)
        assignment.status = AppealAssignment.Status.REMOVED
        assignment.save(update_fields=["status"])
        event_record(
            submission=assignment.appeal.submission,
            user=user,
            action="appeal_assignment_removed",
            note=f"{assignment.reviewer}: {reason}",
            appeal=assignment.appeal,
        )
    return assignment


def appeal_assignment_due_date_change(
    *, assignment_id: int, user, due_date: datetime.date
) -> AppealAssignment:
    """Move an open place's due date; reminders start again from the new one."""
    if due_date <= timezone.localdate():
        raise Invalid("The due date must be in the future.")
    with transaction.atomic():
        assignment = _locked_open_place(assignment_id, user)
        assignment.due_date = due_date
        assignment.last_reminded_on = None
        assignment.save(update_fields=["due_date", "last_reminded_on"])
        event_record(
            submission=assignment.appeal.submission,
            user=user,
            action="appeal_assignment_due_date_changed",
            note=f"{assignment.reviewer}: due {due_date.isoformat()}",
            appeal=assignment.appeal,
        )
    return assignment


# --- The outcome -------------------------------------------------------------------------------


def appeal_decide(
    *, appeal_id: int, user, action: str, reasons: str, expected_status: str
) -> Appeal:
    """Record the appeal's outcome ("uphold" or "overturn") with its reasons, after the
    coordinator's confirmation: the letter is stored and emailed; an overturned decision
    sends the submission back to reconciliation for a new one."""
    if action not in {"uphold", "overturn"}:
        raise Invalid("Choose the outcome.")
    try:
        with transaction.atomic():
            appeal = _locked_appeal(appeal_id)
            if expected_status != appeal.status:
                raise Conflict(STALE)
            appeal.outcome_reasons = reasons.strip()
            appeal.decided_by = user
            appeal.decided_at = timezone.now()
            appeal_transition_run(
                appeal=appeal, action=action, user=user, note=appeal.outcome_reasons
            )
            appeal.letter_subject, appeal.letter_body = appeal_letter_render(appeal)
            appeal.save(update_fields=["letter_subject", "letter_body"])
            appeal_letter_notify(appeal)
            if action == "overturn":
                transition_with_effects(
                    submission=appeal.submission,
                    action="reconsider",
                    user=user,
                    note="The appeal overturned the decision.",
                )
            return appeal
    except (TransitionNotAllowed, ConcurrentTransition) as error:
        raise Conflict(STALE) from error
