"""Reconciliation and decision: the reviewers' matrix, the consensus, and the decision.

A decision is drafted, optionally signed off by a second coordinator
(`REVIEW_DECISION_SIGN_OFF`), then issued: the submission moves to its outcome, the letter is
rendered from its editable template, stored and emailed, and an approval is published.
"""

import itertools
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_fsm import ConcurrentTransition, TransitionNotAllowed

from .models import (
    ConsensusRating,
    Decision,
    EmailTemplate,
    Rating,
    Review,
    Submission,
)
from .permissions import is_coordinator
from .publication import approval_expiry
from .services import TransitionRefused, event_record, run_transition
from .states import Status

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


# --- The matrix -------------------------------------------------------------------------------


@dataclass
class MatrixRow:
    standard: object
    ratings: list  # one StandardRating (or None) per reviewer column
    consensus: ConsensusRating | None = None

    @property
    def values(self) -> list[str]:
        return [r.rating for r in self.ratings if r is not None and r.rating]

    @property
    def disagreement(self) -> bool:
        return len(set(self.values)) > 1


@dataclass
class Matrix:
    reviews: list[Review]
    rows: list[MatrixRow] = field(default_factory=list)

    @property
    def agreement(self) -> float | None:
        """Share of reviewer pairs giving the same rating, over every standard (0 to 1)."""
        same = total = 0
        for row in self.rows:
            for a, b in itertools.combinations(row.values, 2):
                same += a == b
                total += 1
        return same / total if total else None

    @property
    def kappa(self) -> float | None:
        """Fleiss' kappa over the standards every reviewer rated: agreement beyond chance."""
        return fleiss_kappa([row.values for row in self.rows], len(self.reviews))


def fleiss_kappa(items: list[list[str]], raters: int) -> float | None:
    items = [values for values in items if len(values) == raters]
    if raters < 2 or not items:
        return None
    categories = sorted({value for values in items for value in values})
    n = len(items)
    shares = {c: sum(values.count(c) for values in items) / (n * raters) for c in categories}
    per_item = [
        (sum(values.count(c) ** 2 for c in categories) - raters) / (raters * (raters - 1))
        for values in items
    ]
    observed = sum(per_item) / n
    expected = sum(share**2 for share in shares.values())
    if expected == 1:
        return 1.0  # everyone gave one and the same rating throughout
    return (observed - expected) / (1 - expected)


def reconciliation_matrix(submission: Submission, round_number: int | None = None) -> Matrix:
    """Standards down, reviewers across, for the submitted reviews of a round."""
    round_number = round_number or submission.review_round
    reviews = list(
        Review.objects.filter(
            assignment__submission=submission,
            assignment__round=round_number,
            submitted_at__isnull=False,
        )
        .select_related("assignment__reviewer")
        .prefetch_related("ratings")
        .order_by("assignment__pk")
    )
    by_review = [{r.standard_id: r for r in review.ratings.all()} for review in reviews]
    consensus = {c.standard_id: c for c in submission.consensus.filter(round=round_number)}
    matrix = Matrix(reviews=reviews)
    for standard in submission.standards_version.standards.all():
        matrix.rows.append(
            MatrixRow(
                standard=standard,
                ratings=[ratings.get(standard.pk) for ratings in by_review],
                consensus=consensus.get(standard.pk),
            )
        )
    return matrix


# --- Consensus and decision ----------------------------------------------------------------


def _locked_for_decision(submission_id: int, user, expected_round: int | None = None):
    submission = Submission.objects.select_for_update().get(pk=submission_id)
    if not is_coordinator(submission, user):
        raise TransitionRefused("You are not allowed to do this.", 403)
    if submission.status != Status.RECONCILIATION:
        raise TransitionRefused("This submission is not in reconciliation.", 409)
    if expected_round and expected_round != submission.review_round:
        raise TransitionRefused("This submission has moved on to another round.", 409)
    return submission


def consensus_record(*, submission_id: int, user, entries: dict) -> None:
    """Record the consensus rating (and note) of each standard: `{standard_id: (rating, note)}`."""
    valid = {choice for choice, _ in Rating.choices}
    with transaction.atomic():
        submission = _locked_for_decision(submission_id, user)
        standards = {s.pk: s for s in submission.standards_version.standards.all()}
        for standard_id, (rating, note) in entries.items():
            if standard_id not in standards or rating not in valid:
                raise TransitionRefused("Unknown standard or rating.", 400)
            ConsensusRating.objects.update_or_create(
                submission=submission,
                round=submission.review_round,
                standard_id=standard_id,
                defaults={"rating": rating, "note": note.strip(), "recorded_by": user},
            )
        event_record(submission, user, "consensus_recorded", note=f"{len(entries)} standard(s)")


def unmet_required_standards(submission: Submission) -> list:
    """Required standards not rated "meets" in the consensus of the current round."""
    met = set(
        submission.consensus.filter(
            round=submission.review_round, rating=Rating.MEETS
        ).values_list("standard_id", flat=True)
    )
    return [
        s for s in submission.standards_version.standards.filter(required=True) if s.pk not in met
    ]


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
        raise TransitionRefused("Choose an outcome.", 400)
    if outcome == Decision.Outcome.REVISIONS_REQUESTED and not required_changes:
        raise TransitionRefused("List the changes the provider must make.", 400)
    if outcome == Decision.Outcome.NOT_APPROVED and not feedback:
        raise TransitionRefused("Write the feedback the provider will receive.", 400)
    try:
        with transaction.atomic():
            submission = _locked_for_decision(submission_id, user)
            unmet = unmet_required_standards(submission)
            overriding = outcome == Decision.Outcome.APPROVED and bool(unmet)
            if overriding and not override_justification:
                codes = ", ".join(s.code for s in unmet)
                raise TransitionRefused(
                    f"Approval needs every required standard met in consensus ({codes} are "
                    "not). To approve anyway, write a justification for the override.",
                    400,
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
            event_record(submission, user, "decision_drafted", note=decision.get_outcome_display())
            if overriding:
                event_record(submission, user, "decision_override", note=override_justification)
    except IntegrityError:
        # The round's decision is past drafting (awaiting sign-off or issued) meanwhile.
        raise TransitionRefused(
            "This round's decision has already gone forward; reload the page.", 409
        ) from None
    return decision


def decision_issue(*, submission_id: int, user, expected_round: int | None = None) -> Decision:
    """Issue the drafted decision, or with sign-off required, move it forward one step: the
    drafter asks for sign-off, and a second coordinator's sign-off issues it."""
    try:
        with transaction.atomic():
            submission = _locked_for_decision(submission_id, user, expected_round)
            decision = (
                Decision.objects.select_for_update()
                .filter(submission=submission, round=submission.review_round)
                .first()
            )
            if decision is None:
                raise TransitionRefused("Draft the decision first.", 409)
            if decision.stage == Decision.Stage.FINAL:
                raise TransitionRefused("This decision has already been issued.", 409)
            if settings.REVIEW_DECISION_SIGN_OFF:
                if decision.stage == Decision.Stage.DRAFT:
                    decision.stage = Decision.Stage.AWAITING_SIGN_OFF
                    decision.save(update_fields=["stage"])
                    return decision
                if decision.drafted_by_id == user.pk:
                    raise TransitionRefused(
                        "A second coordinator must sign off a decision you drafted.", 403
                    )
                decision.signed_off_by = user
                event_record(submission, user, "decision_signed_off")
            return _finalise(submission, decision, user)
    except (TransitionNotAllowed, ConcurrentTransition) as error:
        logger.warning("Refused issuing a decision on %s: %s", submission_id, error)
        raise TransitionRefused(
            "This submission was changed by someone else; reload the page.", 409
        ) from error


def _finalise(submission: Submission, decision: Decision, user) -> Decision:
    if decision.outcome == Decision.Outcome.APPROVED:
        submission.approved_at = timezone.now()
        submission.expires_on = approval_expiry(
            timezone.localdate(), settings.APPROVAL_VALID_YEARS
        )
        submission.expiry_warnings_sent = []
    run_transition(submission, OUTCOME_ACTIONS[decision.outcome], user)
    decision.stage = Decision.Stage.FINAL
    decision.finalised_at = timezone.now()
    decision.letter_subject, decision.letter_body = decision_letter(submission, decision)
    decision.save()
    from .tasks import decision_letter_email

    transaction.on_commit(lambda: decision_letter_email.enqueue(decision.pk))
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
            "url": f"{settings.WAGTAILADMIN_BASE_URL}/portal/submissions/{submission.pk}/",
        }
    )


def consolidated_required_changes(submission: Submission) -> str:
    """The reviewers' required changes of the current round, as a starting point to edit."""
    reviews = Review.objects.filter(
        assignment__submission=submission,
        assignment__round=submission.review_round,
        submitted_at__isnull=False,
    ).exclude(required_changes="")
    return "\n\n".join(review.required_changes.strip() for review in reviews)
