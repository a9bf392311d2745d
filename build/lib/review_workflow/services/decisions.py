"""Reconciliation and decision: the consensus per standard, and the decision of a round.

A decision is drafted, optionally signed off by a second coordinator
(`REVIEW_DECISION_SIGN_OFF`), then issued: it becomes final, the submission moves to its
outcome (a transition whose rule requires exactly that final decision), the letter is rendered
from its editable template, stored and emailed, and an approval is published.
"""

import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_fsm import ConcurrentTransition, TransitionNotAllowed

from ..core.errors import Conflict, Invalid, NotFound, NotPermitted
from ..core.permissions import is_coordinator
from ..core.states import Status
from ..models import ConsensusRating, Decision, EmailTemplate, Rating, Submission
from ..models.rules import unmet_required_standards
from ..notifications import decision_letter_notify, portal_url
from .lifecycle import transition_with_effects
from .transitions import event_record

logger = logging.getLogger(__name__)

OUTCOME_ACTIONS = {
    Decision.Outcome.APPROVED: "approve",
    Decision.Outcome.REVISIONS_REQUESTED: "request_revisions",
    Decision.Outcome.NOT_APPROVED: "not_approve",
}
LETTERS = {
    Decision.Outcome.APPROVED: EmailTemplate.Key.DECISION_APPROVED,
    Decision.Outcome.REVISIONS_REQUESTED: EmailTemplate.Key.DECISION_REVISIONS,
    Decision.Outcome.NOT_APPROVED: EmailTemplate.Key.DECISION_NOT_APPROVED,
}


def _locked_for_decision(submission_id: int, user, expected_round: int | None = None):
    submission = Submission.objects.select_for_update().filter(pk=submission_id).first()
    if submission is None:
        raise NotFound("No such submission.")
    if not is_coordinator(submission, user):
        raise NotPermitted("You are not allowed to do this.")
    if submission.status != Status.RECONCILIATION:
        raise Conflict("This submission is not in reconciliation.")
    if expected_round and expected_round != submission.review_round:
        raise Conflict("This submission has moved on to another round.")
    return submission


def consensus_record(*, submission_id: int, user, entries: dict) -> None:
    """Record the consensus rating (and note) of each standard: `{standard_id: (rating, note)}`."""
    valid = {choice for choice, _ in Rating.choices}
    with transaction.atomic():
        submission = _locked_for_decision(submission_id, user)
        standards = {s.pk: s for s in submission.standards_version.standards.all()}
        for standard_id, (rating, note) in entries.items():
            if standard_id not in standards or rating not in valid:
                raise Invalid("Unknown standard or rating.")
            ConsensusRating.objects.update_or_create(
                submission=submission,
                round=submission.review_round,
                standard_id=standard_id,
                defaults={"rating": rating, "note": note.strip(), "recorded_by": user},
            )
        event_record(
            submission=submission,
            user=user,
            action="consensus_recorded",
            note=f"{len(entries)} standard(s)",
        )


def decision_draft(
    *,
    submission_id: int,
    user,
    outcome: str,
    required_changes: str = "",
    feedback: str = "",
    override_justification: str = "",
) -> Decision:
    """Draft (or redraft) the decision of the current round, enforcing its rules."""
    required_changes, feedback = required_changes.strip(), feedback.strip()
    override_justification = override_justification.strip()
    if outcome not in OUTCOME_ACTIONS:
        raise Invalid("Choose an outcome.")
    if outcome == Decision.Outcome.REVISIONS_REQUESTED and not required_changes:
        raise Invalid("List the changes the provider must make.")
    if outcome == Decision.Outcome.NOT_APPROVED and not feedback:
        raise Invalid("Write the feedback the provider will receive.")
    try:
        with transaction.atomic():
            submission = _locked_for_decision(submission_id, user)
            unmet = unmet_required_standards(submission)
            overriding = outcome == Decision.Outcome.APPROVED and bool(unmet)
            if overriding and not override_justification:
                codes = ", ".join(s.code for s in unmet)
                raise Invalid(
                    f"Approval needs every required standard met in consensus ({codes} are "
                    "not). To approve anyway, write a justification for the override."
                )
            decision, _ = Decision.objects.update_or_create(
                submission=submission,
                round=submission.review_round,
                stage=Decision.Stage.DRAFT,
                defaults={
                    "outcome": outcome,
                    "required_changes": required_changes,
                    "feedback": feedback,
                    "override_justification": override_justification if overriding else "",
                    "drafted_by": user,
                },
            )
            event_record(
                submission=submission,
                user=user,
                action="decision_drafted",
                note=decision.get_outcome_display(),
            )
            if overriding:
                event_record(
                    submission=submission,
                    user=user,
                    action="decision_override",
                    note=override_justification,
                )
    except IntegrityError:
        # The round's decision is past drafting (awaiting sign-off or issued) meanwhile.
        raise Conflict(
            "This round's decision has already gone forward; reload the page."
        ) from None
    return decision


def decision_issue(
    *,
    submission_id: int,
    user,
    expected_round: int | None = None,
    expected_stage: str | None = None,
) -> Decision:
    """Issue the drafted decision, or with sign-off required, move it forward one step: the
    drafter asks for sign-off, and a second coordinator's sign-off issues it.

    `expected_stage` is the stage the coordinator confirmed: a replayed confirmation finds the
    decision moved on and is refused, so one confirmation moves it one step at most.
    """
    try:
        with transaction.atomic():
            submission = _locked_for_decision(submission_id, user, expected_round)
            decision = (
                Decision.objects.select_for_update()
                .filter(submission=submission, round=submission.review_round)
                .first()
            )
            if decision is None:
                raise Conflict("Draft the decision first.")
            if decision.stage == Decision.Stage.FINAL:
                raise Conflict("This decision has already been issued.")
            if expected_stage and decision.stage != expected_stage:
                raise Conflict("This decision has moved on since you confirmed; reload the page.")
            if settings.REVIEW_DECISION_SIGN_OFF:
                if decision.stage == Decision.Stage.DRAFT:
                    decision.stage = Decision.Stage.AWAITING_SIGN_OFF
                    decision.save(update_fields=["stage"])
                    event_record(
                        submission=submission, user=user, action="decision_sign_off_requested"
                    )
                    return decision
                if decision.drafted_by_id == user.pk:
                    raise NotPermitted(
                        "A second coordinator must sign off a decision you drafted."
                    )
                decision.signed_off_by = user
                event_record(submission=submission, user=user, action="decision_signed_off")
            return _finalise(submission, decision, user)
    except (TransitionNotAllowed, ConcurrentTransition) as error:
        logger.warning("Refused issuing a decision on %s: %s", submission_id, error)
        raise Conflict("This submission was changed by someone else; reload the page.") from error


def _finalise(submission: Submission, decision: Decision, user) -> Decision:
    # The decision is final first: the outcome's transition requires it.
    decision.stage = Decision.Stage.FINAL
    decision.finalised_at = timezone.now()
    decision.save()
    transition_with_effects(
        submission=submission, action=OUTCOME_ACTIONS[decision.outcome], user=user
    )
    decision.letter_subject, decision.letter_body = decision_letter(submission, decision)
    decision.save(update_fields=["letter_subject", "letter_body"])
    decision_letter_notify(decision)
    return decision


def decision_letter(submission: Submission, decision: Decision) -> tuple[str, str]:
    """The letter from its template; it names no reviewer and quotes no confidential note."""
    template = EmailTemplate.objects.get(key=LETTERS[decision.outcome])
    consensus = [
        {"code": c.standard.code, "title": c.standard.title, "rating": c.get_rating_display()}
        for c in submission.consensus.filter(round=decision.round).select_related("standard")
    ]
    return template.render(
        {
            "submission": submission,
            "organization": submission.organization,
            "decision": decision,
            "consensus": consensus,
            "expires_on": submission.expires_on,
            "url": portal_url(submission),
        }
    )
