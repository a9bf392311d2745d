"""The transitions engine: runs one lifecycle transition after asking the transition itself.

A transition's django-fsm declaration says where it may start (`source`), who may run it
(`permission=`) and what it needs (`conditions=`, see `models/rules.py`). The engine asks
those, in that order, records the audit event and queues the provider's status email; what a
transition brings with it beyond that (versions, rounds, publication) is `services.lifecycle`'s. It imports nothing above the
models, so every other service can use it. An appeal's transitions (on `Appeal`) are asked and
recorded the same way; their emails and effects are `services.appeals`'.
"""

import logging
from dataclasses import dataclass

from django.utils import timezone
from django_fsm import can_proceed

from ..core.audit import AuditAction
from ..core.errors import Conflict, Invalid, NotPermitted, WorkflowError
from ..core.states import AppealStatus
from ..models import Appeal, AuditEvent, Submission
from ..notifications import event_notify

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TransitionSpec:
    method: str
    label: str
    note_required: str = ""  # what to ask for when a note is required
    button: bool = False  # offered as a button on the coordinator's submission file
    notify_provider: bool = True  # False where a decision letter says it instead
    consequence: str = ""  # what happens, said on the confirmation step


TRANSITIONS = {
    spec.method: spec
    for spec in [
        TransitionSpec("submit", "Submit for review"),
        TransitionSpec(
            "start_screening",
            "Start screening",
            button=True,
            consequence="You take up the screening; the provider is emailed that it has begun.",
        ),
        TransitionSpec(
            "return_to_provider",
            "Return to provider",
            note_required="Write a note explaining what the provider must change.",
            button=True,
            consequence="The provider can edit the submission again and sees your note.",
        ),
        TransitionSpec(
            "accept_for_review",
            "Accept for review",
            button=True,
            consequence=(
                "Screening ends: the submission waits for its review panel, and the provider "
                "is emailed."
            ),
        ),
        TransitionSpec(
            "withdraw",
            "Withdraw",
            consequence=(
                "The review stops for good: reviewers are released and this submission cannot "
                "be resumed. You can start a new submission later."
            ),
        ),
        TransitionSpec("begin_review", "Start expert review"),
        TransitionSpec("open_reconciliation", "Start reconciliation"),
        TransitionSpec("approve", "Approve", notify_provider=False),
        TransitionSpec("request_revisions", "Request revisions", notify_provider=False),
        TransitionSpec("not_approve", "Do not approve", notify_provider=False),
        TransitionSpec("resubmit", "Submit the revised version"),
        TransitionSpec("expire", "Expire the approval"),
        TransitionSpec(
            "suspend",
            "Suspend the approval",
            note_required="Give the reason for the suspension; the provider will see it.",
            button=True,
            consequence="The curriculum leaves the catalog at once and the provider is told.",
        ),
        TransitionSpec(
            "reinstate",
            "Reinstate the approval",
            note_required="Say why the approval is reinstated; the provider will see it.",
            button=True,
            consequence="The curriculum returns to the catalog until the same expiry date.",
        ),
        TransitionSpec(
            "revoke",
            "Revoke the approval",
            note_required="Give the reason for the revocation; the provider will see it.",
            button=True,
            consequence="The approval ends for good and the curriculum leaves the catalog.",
        ),
        TransitionSpec("supersede", "Supersede the approval", notify_provider=False),
        # The appeal's letter tells the provider; the new decision's letter follows.
        TransitionSpec("reconsider", "Take the decision again", notify_provider=False),
    ]
}

# An appeal's own transitions (on `Appeal`), asked and run the same way.
APPEAL_TRANSITIONS = {
    spec.method: spec
    for spec in [
        TransitionSpec(
            "lodge",
            "Lodge the appeal",
            consequence=(
                "The appeal goes to the review coordinators, who form a panel of reviewers who "
                "took no part in the decision. It cannot be withdrawn or changed once lodged, "
                "and the decision stands meanwhile."
            ),
        ),
        TransitionSpec("begin_review", "Start the appeal review"),
        TransitionSpec(
            "uphold",
            "Uphold the decision",
            note_required="Give the reasons; the provider receives them in the letter.",
            button=True,
            consequence=(
                "The appeal ends: the decision stands, and the provider is sent a letter with "
                "your reasons. It cannot be undone."
            ),
        ),
        TransitionSpec(
            "overturn",
            "Overturn the decision",
            note_required="Give the reasons; the provider receives them in the letter.",
            button=True,
            consequence=(
                "The appeal ends: the submission goes back to reconciliation for a new decision "
                "(a new round, starting from the last consensus), and the provider is sent a "
                "letter with your reasons. It cannot be undone."
            ),
        ),
    ]
}


def transition_refusal(*, submission: Submission, action: str, user) -> WorkflowError | None:
    """Why this user may not run the transition now (None when they may)."""
    spec = TRANSITIONS.get(action)
    if spec is None:
        return Invalid(f"Unknown action {action!r}.")
    return _refusal(submission, spec, user, "submission")


def _refusal(instance, spec: TransitionSpec, user, noun: str) -> WorkflowError | None:
    """Ask a django-fsm transition where it may start, who may run it and what it needs."""
    bound = getattr(instance, spec.method)
    if not can_proceed(bound, check_conditions=False):
        return Conflict(
            f"“{spec.label}” is not possible while the {noun} is "
            f"{instance.get_status_display().lower()}."
        )
    transition = bound._django_fsm.get_transition(instance.status)
    # Asked of the transition itself: django-fsm's has_transition_perm also checks the
    # conditions, which would report an unmet rule as a missing permission.
    if not transition.has_perm(instance, user):
        return NotPermitted("You are not allowed to do this.")
    unmet = [condition for condition in transition.conditions if not condition(instance)]
    if unmet:
        error = getattr(unmet[0], "error", Conflict)
        return error(" ".join(_explain(condition, instance) for condition in unmet))
    return None


def _explain(condition, instance) -> str:
    explain = getattr(condition, "explain", None)
    return explain(instance) if explain else "A condition of this step is not met."


def transitions_available(*, submission: Submission, user, buttons_only: bool = False) -> list:
    """The transitions this user may run on the submission now."""
    return [
        spec
        for spec in TRANSITIONS.values()
        if (spec.button or not buttons_only)
        and transition_refusal(submission=submission, action=spec.method, user=user) is None
    ]


def transition_run(
    *, submission: Submission, action: str, user, note: str = "", prepare=None
) -> AuditEvent:
    """Run a transition on a submission the caller has locked, and record it.

    `prepare(submission)`, if given, runs once the state has changed and before the record is
    written (a new version number belongs in the record). Raises a WorkflowError, before
    anything changes, when the transition may not run.
    """
    spec = TRANSITIONS.get(action)
    if spec is None:
        raise Invalid(f"Unknown action {action!r}.")
    refusal = transition_refusal(submission=submission, action=action, user=user)
    if refusal is not None:
        logger.warning(
            "Refused %s on submission %s by %s: %s", action, submission.pk, user, refusal
        )
        raise refusal
    if spec.note_required and not note:
        raise Invalid(spec.note_required)
    from_status = submission.status
    getattr(submission, spec.method)()
    submission.status_changed_at = timezone.now()
    if action == "return_to_provider":
        submission.coordinator_notes = note
    if prepare is not None:
        prepare(submission)
    submission.save()
    event = event_record(
        submission=submission, user=user, action=action, note=note, from_status=from_status
    )
    if spec.notify_provider:
        event_notify(event)
    return event


def event_record(
    *,
    submission: Submission,
    user,
    action: str,
    note: str = "",
    from_status: str | None = None,
    appeal: Appeal | None = None,
) -> AuditEvent:
    """Record one step in the submission's audit trail (a transition when `from_status` is
    given; otherwise a step that leaves the state as it is, such as an appeal's)."""
    return AuditEvent.objects.create(
        submission=submission,
        actor=user,
        action=AuditAction(action),
        from_status=submission.status if from_status is None else from_status,
        to_status=submission.status,
        note=note,
        version_number=submission.version_number,
        appeal=appeal,
    )


# --- Appeals ------------------------------------------------------------------------------


def appeal_transition_refusal(*, appeal: Appeal, action: str, user) -> WorkflowError | None:
    """Why this user may not run the appeal's transition now (None when they may)."""
    spec = APPEAL_TRANSITIONS.get(action)
    if spec is None:
        return Invalid(f"Unknown action {action!r}.")
    return _refusal(appeal, spec, user, "appeal")


def appeal_transitions_available(*, appeal: Appeal, user, buttons_only: bool = False) -> list:
    """The appeal's transitions this user may run now."""
    return [
        spec
        for spec in APPEAL_TRANSITIONS.values()
        if (spec.button or not buttons_only)
        and appeal_transition_refusal(appeal=appeal, action=spec.method, user=user) is None
    ]


def appeal_transition_run(*, appeal: Appeal, action: str, user, note: str = "") -> AuditEvent:
    """Run a transition on an appeal the caller has locked (with its submission), and record
    it in the submission's audit trail. Raises a WorkflowError, before anything changes, when
    the transition may not run. The emails are the caller's (a letter or a status email)."""
    spec = APPEAL_TRANSITIONS.get(action)
    if spec is None:
        raise Invalid(f"Unknown action {action!r}.")
    refusal = appeal_transition_refusal(appeal=appeal, action=action, user=user)
    if refusal is not None:
        logger.warning("Refused %s on appeal %s by %s: %s", action, appeal.pk, user, refusal)
        raise refusal
    if spec.note_required and not note:
        raise Invalid(spec.note_required)
    from_status = appeal.status
    getattr(appeal, spec.method)()
    appeal.status_changed_at = timezone.now()
    appeal.save()
    return event_record(
        submission=appeal.submission,
        user=user,
        action=f"appeal_{action}",
        note=f"Appeal: {AppealStatus(from_status).label} → {appeal.get_status_display()}."
        + (f" {note}" if note else ""),
        appeal=appeal,
    )
