"""The rules a submission's transitions need: the django-fsm `conditions=` of each transition.

Every door (the services, the buttons on the coordinator's file, the action URL, the tasks)
asks the transition itself, so a rule lives here once. Each rule knows how to say why it is
not met.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from ..core.errors import Conflict, Invalid, WorkflowError
from ..core.states import APPEAL_DECIDED, APPEAL_OPEN, APPEALABLE_ACTIONS, AppealStatus
from .decisions import ConsensusRating, Decision
from .reviews import Assignment, ExpertiseArea, Rating

REQUIRED_EXPERTISE = [ExpertiseArea.LAW_ENFORCEMENT, ExpertiseArea.MENTAL_HEALTH]

REQUIRED_TEXT = {
    "summary": "a summary",
    "learning_objectives": "the learning objectives",
    "instructional_methods": "the instructional methods",
    "assessment_methods": "how learning is assessed",
    "instructor_qualifications": "the instructor qualifications",
    "evidence_of_effectiveness": "the evidence of effectiveness",
    "contact_name": "a contact name",
    "contact_email": "a contact email",
}


def submission_completeness_errors(submission) -> list[str]:
    """Plain-language reasons the submission cannot be submitted yet (empty when complete)."""
    errors = [
        f"Give {description}."
        for name, description in REQUIRED_TEXT.items()
        if not (getattr(submission, name) or "").strip()
    ]
    if not submission.total_hours:
        errors.append("Give the total hours.")
    if not submission.is_free and not submission.cost_description.strip():
        errors.append("Describe the cost, or mark the training as free.")
    for relation, description in [
        ("audiences", "an intended audience"),
        ("topic_areas", "a core topic area"),
        ("delivery_methods", "a delivery method"),
    ]:
        if not getattr(submission, relation).exists():
            errors.append(f"Choose at least {description}.")
    if not submission.offered_nationwide and not submission.states.exists():
        errors.append("Choose the states where it is offered, or nationwide.")
    if not submission.modules.exists():
        errors.append("Outline at least one module with its hours.")
    if not submission.materials.exists():
        errors.append("Upload the curriculum materials.")
    errors.extend(_self_assessment_errors(submission))
    if not (submission.certified_by_name.strip() and submission.certified_at):
        errors.append("Certify the submission with your name.")
    return errors


def _self_assessment_errors(submission) -> list[str]:
    answered = {
        entry.standard_id
        for entry in submission.self_assessments.all()
        if entry.location.strip() and entry.explanation.strip()
    }
    missing = [
        standard.code
        for standard in submission.standards_version.standards.all()
        if standard.pk not in answered
    ]
    if missing:
        return [f"Complete the self-assessment for {', '.join(missing)}."]
    return []


@dataclass(frozen=True)
class Rule:
    """A condition of a transition, with the words that explain it when it is not met."""

    check: Callable[..., bool]
    explain: Callable[..., str]
    # Content the person can fix is invalid input; anything else is the state of things.
    error: type[WorkflowError] = Conflict

    def __call__(self, submission) -> bool:
        return bool(self.check(submission))

    @property
    def __name__(self) -> str:  # django-fsm's graphs name conditions by their function
        return self.check.__name__


# --- The panel ----------------------------------------------------------------------------


def panel_of(submission, round_number: int | None = None):
    """The assignments holding a place on the panel of a round (the current one by default)."""
    round_number = round_number or max(submission.review_round, 1)
    return submission.assignments.filter(round=round_number, status__in=Assignment.ON_PANEL)


def panel_missing_expertise(submission) -> list[str]:
    """The required areas of expertise the current panel does not cover yet."""
    covered = set(
        ExpertiseArea.objects.filter(
            reviewers__user__review_assignments__in=panel_of(submission)
        ).values_list("slug", flat=True)
    )
    return [slug for slug in REQUIRED_EXPERTISE if slug not in covered]


def panel_problem(submission) -> str:
    """Why the current panel may not start a review ("" when it may)."""
    size = panel_of(submission).count()
    if size < settings.REVIEW_MIN_REVIEWERS:
        return (
            f"A panel needs at least {settings.REVIEW_MIN_REVIEWERS} reviewers; "
            f"this one has {size}."
        )
    missing = panel_missing_expertise(submission)
    if missing:
        names = ExpertiseArea.objects.filter(slug__in=missing).values_list("name", flat=True)
        return "The panel needs at least one reviewer with expertise in: " + ", ".join(names) + "."
    return ""


def _reviews_in(submission) -> bool:
    panel = panel_of(submission)
    return (
        panel.count() >= settings.REVIEW_MIN_REVIEWERS
        and not panel.exclude(status=Assignment.Status.SUBMITTED).exists()
    )


# --- The decision ---------------------------------------------------------------------------


def unmet_required_standards(submission, round_number: int | None = None) -> list:
    """Required standards not rated "meets" in the consensus of a round (the current one)."""
    met = set(
        submission.consensus.filter(
            round=round_number or submission.review_round, rating=Rating.MEETS
        ).values_list("standard_id", flat=True)
    )
    return [
        s for s in submission.standards_version.standards.filter(required=True) if s.pk not in met
    ]


def consensus_missing(submission) -> list:
    """Standards of the submission's version with no consensus rating in the current round."""
    rated = set(
        ConsensusRating.objects.filter(
            submission=submission, round=submission.review_round
        ).values_list("standard_id", flat=True)
    )
    return [s for s in submission.standards_version.standards.all() if s.pk not in rated]


def decision_problem(submission, outcome: str) -> str:
    """Why the current round's decision does not allow moving to `outcome` ("" when it does)."""
    if consensus_missing(submission):
        return "Record the consensus on every standard first."
    decision = submission.decisions.filter(round=submission.review_round).first()
    if decision is None or decision.stage != Decision.Stage.FINAL:
        return "This is decided only by issuing the round's decision."
    if decision.outcome != outcome:
        return f"The round's decision is “{decision.get_outcome_display()}”."
    if settings.REVIEW_DECISION_SIGN_OFF and not (
        decision.signed_off_by_id and decision.signed_off_by_id != decision.drafted_by_id
    ):
        return "A second coordinator must sign the decision off."
    return _decision_content_problem(submission, decision)


def _decision_content_problem(submission, decision) -> str:
    if decision.outcome == Decision.Outcome.APPROVED:
        if unmet_required_standards(submission) and not decision.override_justification.strip():
            return "Approval needs every required standard met, or a written justification."
    elif decision.outcome == Decision.Outcome.REVISIONS_REQUESTED:
        if not decision.required_changes.strip():
            return "A request for revisions needs the changes the provider must make."
    elif not decision.feedback.strip():
        return "A decision not to approve needs feedback for the provider."
    return ""


def _decision_rule(outcome: str) -> Rule:
    def decision_issued(submission) -> bool:
        return not decision_problem(submission, outcome)

    decision_issued.__name__ = f"decision_issued_{outcome}"
    return Rule(decision_issued, lambda submission: decision_problem(submission, outcome))


# --- The approval -------------------------------------------------------------------------


def _expiry_passed(submission) -> bool:
    return submission.expires_on is not None and submission.expires_on < timezone.localdate()


def _approval_current(submission) -> bool:
    return submission.expires_on is not None and submission.expires_on >= timezone.localdate()


def _recertification_approved(submission) -> bool:
    return submission.recertifications.filter(status="approved").exists()


def _complete(submission) -> bool:
    return not submission_completeness_errors(submission)


COMPLETE = Rule(
    _complete,
    lambda s: "The submission is not complete: " + " ".join(submission_completeness_errors(s)),
    error=Invalid,
)
PANEL_READY = Rule(lambda s: not panel_problem(s), panel_problem)
REVIEWS_IN = Rule(
    _reviews_in,
    lambda s: (
        "Every reviewer on the panel must submit a review, or be removed and replaced, "
        "before reconciliation."
    ),
)
APPROVAL_ISSUED = _decision_rule(Decision.Outcome.APPROVED)
REVISIONS_ISSUED = _decision_rule(Decision.Outcome.REVISIONS_REQUESTED)
NOT_APPROVED_ISSUED = _decision_rule(Decision.Outcome.NOT_APPROVED)
EXPIRY_PASSED = Rule(_expiry_passed, lambda s: "The approval has not reached its expiry date.")
APPROVAL_CURRENT = Rule(
    _approval_current, lambda s: "The approval is past its expiry date; it cannot be reinstated."
)
RECERTIFICATION_APPROVED = Rule(
    _recertification_approved, lambda s: "No recertification of this curriculum is approved."
)


# --- Appeals ------------------------------------------------------------------------------

# An appeal panel: at least this many reviewers who were not on the original panel.
APPEAL_MIN_PANEL = 2


def appealable_event(submission):
    """The audit event of the decision the submission's state comes from, if it may be
    appealed (not approved, suspended, revoked); None otherwise."""
    action = APPEALABLE_ACTIONS.get(submission.status)
    if action is None:
        return None
    return (
        submission.audit_events.filter(action=action, to_status=submission.status)
        .order_by("-at", "-pk")
        .first()
    )


def appeal_deadline(event) -> datetime.date:
    """The last day on which the decision recorded by `event` may be appealed."""
    return timezone.localdate(event.at) + datetime.timedelta(days=settings.APPEAL_WINDOW_DAYS)


def _window_open(appeal) -> bool:
    return timezone.localdate() <= appeal_deadline(appeal.appealed_event)


def _long_date(day: datetime.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def late_appeal_message(event) -> str:
    """What a provider is told when the decision recorded by `event` is past its window."""
    return (
        "The time to appeal has passed: a decision may be appealed within "
        f"{settings.APPEAL_WINDOW_DAYS} days, and this one was made on "
        f"{_long_date(timezone.localdate(event.at))}; the last day to appeal was "
        f"{_long_date(appeal_deadline(event))}."
    )


def _window_explain(appeal) -> str:
    return late_appeal_message(appeal.appealed_event)


def _decision_stands(appeal) -> bool:
    submission = appeal.submission
    if submission.status != appeal.appealed_status or submission.review_round != appeal.round:
        return False
    if appealable_event(submission) != appeal.appealed_event:
        return False
    others = submission.appeals.filter(appealed_event=appeal.appealed_event).exclude(pk=appeal.pk)
    return not others.exclude(status=AppealStatus.DRAFT).exists()


def _panel_cleared(appeal):
    return appeal.assignments.filter(status__in=["accepted", "submitted"])


def _appeal_panel_ready(appeal) -> bool:
    return _panel_cleared(appeal).count() >= APPEAL_MIN_PANEL


def _appeal_findings_in(appeal) -> bool:
    return (
        appeal.assignments.filter(status="submitted").count() >= APPEAL_MIN_PANEL
        and not appeal.assignments.filter(status__in=["invited", "accepted"]).exists()
    )


def _appeal_overturned(submission) -> bool:
    return submission.appeals.filter(
        status=AppealStatus.OVERTURNED,
        appealed_status=submission.status,
        round=submission.review_round,
    ).exists()


def appeal_problem(submission) -> str:
    """Why the provider may not start an appeal of the submission's decision now ("" when
    they may)."""
    event = appealable_event(submission)
    if event is None:
        return "Only a decision not to approve, a suspension or a revocation can be appealed."
    appeals = submission.appeals.filter(appealed_event=event)
    if appeals.filter(status__in=[*APPEAL_OPEN, *APPEAL_DECIDED]).exists():
        return "This decision has already been appealed."
    if timezone.localdate() > appeal_deadline(event):
        return late_appeal_message(event)
    return ""


APPEAL_WINDOW_OPEN = Rule(_window_open, _window_explain)
DECISION_STANDS = Rule(
    _decision_stands,
    lambda a: "The decision appealed has changed since, or has already been appealed.",
)
GROUNDS_GIVEN = Rule(
    lambda a: bool(a.grounds.strip()),
    lambda a: "Give the grounds of the appeal.",
    error=Invalid,
)
APPEAL_PANEL_READY = Rule(
    _appeal_panel_ready,
    lambda a: (
        f"An appeal panel needs at least {APPEAL_MIN_PANEL} reviewers who have declared no "
        "conflict of interest."
    ),
)
APPEAL_FINDINGS_IN = Rule(
    _appeal_findings_in,
    lambda a: (
        f"Every reviewer on the appeal panel (at least {APPEAL_MIN_PANEL}) must submit their "
        "findings first."
    ),
)
APPEAL_OVERTURNED = Rule(
    _appeal_overturned,
    lambda s: "Only an overturned appeal reopens the decision.",
)
