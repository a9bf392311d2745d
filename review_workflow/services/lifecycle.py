"""The submission lifecycle: a transition with everything it brings with it.

`submission_transition` locks the submission, runs the transition through the engine (which
asks the transition's own rules), then does what that step brings: a version snapshot on
submit, the next review round on resubmit, the catalog entry on approval, its withdrawal on
suspension, revocation or expiry. All of it in one transaction: everything happens, or nothing.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_fsm import ConcurrentTransition, TransitionNotAllowed

from ..core.errors import Conflict, NotFound
from ..core.states import Status
from ..models import ConsensusRating, Submission, SubmissionVersion
from . import publication
from .approvals import approval_record_create
from .panel import next_round_start
from .snapshots import submission_snapshot
from .transitions import TRANSITIONS, transition_run

logger = logging.getLogger(__name__)

STALE = (
    "This submission was changed by someone else, or is no longer in a state that allows "
    "this. Reload the page to see where it stands."
)


def submission_transition(
    *, submission_id: int, action: str, user, note: str = "", expected_status: str = ""
) -> Submission:
    """Run one lifecycle transition with its rules, audit event, effects and emails.

    `expected_status` is the status the user saw: if the submission has moved on since, the
    transition is refused as stale. Raises a WorkflowError; nothing is changed then.
    """
    try:
        with transaction.atomic():
            submission = Submission.objects.select_for_update().filter(pk=submission_id).first()
            if submission is None:
                raise NotFound("No such submission.")
            if expected_status and submission.status != expected_status:
                raise Conflict(STALE)
            transition_with_effects(
                submission=submission, action=action, user=user, note=note.strip()
            )
            return submission
    except (TransitionNotAllowed, ConcurrentTransition) as error:
        logger.warning("Refused %s on submission %s by %s: %s", action, submission_id, user, error)
        raise Conflict(STALE) from error


def transition_with_effects(*, submission: Submission, action: str, user, note: str = ""):
    """Run a transition on a submission locked by the caller, then its effects."""
    # A submitted version is numbered before the event is written, so the event records it.
    prepare = (lambda s: _version_take(s, user)) if action in {"submit", "resubmit"} else None
    event = transition_run(
        submission=submission, action=action, user=user, note=note, prepare=prepare
    )
    effect = EFFECTS.get(action)
    if effect:
        effect(submission, user)
    return event


def _version_take(submission: Submission, user) -> None:
    """Freeze the submission as its next numbered version and lock its materials."""
    submission.version_number += 1
    version = SubmissionVersion.objects.create(
        submission=submission,
        number=submission.version_number,
        snapshot=submission_snapshot(submission),
        created_by=user,
    )
    version.materials.set(list(submission.materials.all()))
    submission.materials.update(locked=True)


def _approval_start(submission: Submission, user) -> None:
    submission.approved_at = timezone.now()
    submission.expires_on = publication.approval_expiry(
        timezone.localdate(), settings.APPROVAL_VALID_YEARS
    )
    submission.expiry_warnings_sent = []
    submission.save(update_fields=["approved_at", "expires_on", "expiry_warnings_sent"])
    approval_record_create(submission=submission)
    publication.catalog_publish(submission, user)
    if submission.recertifies_id:
        _earlier_approval_supersede(submission, user)


def _earlier_approval_supersede(submission: Submission, user) -> None:
    earlier = Submission.objects.select_for_update().get(pk=submission.recertifies_id)
    if earlier.status in {Status.APPROVED, Status.EXPIRED}:
        transition_run(
            submission=earlier,
            action="supersede",
            user=None,
            note=f"Recertification {submission.pk} approved.",
        )


def _reconsideration_start(submission: Submission, user) -> None:
    """A new round for the decision taken again, starting from the last round's consensus
    (the coordinator revises it in the light of the appeal before deciding)."""
    previous = list(submission.consensus.filter(round=submission.review_round))
    submission.review_round += 1
    submission.save(update_fields=["review_round"])
    ConsensusRating.objects.bulk_create(
        ConsensusRating(
            submission=submission,
            round=submission.review_round,
            standard_id=rating.standard_id,
            rating=rating.rating,
            note=rating.note,
            recorded_by=user,
        )
        for rating in previous
    )


EFFECTS = {
    "reconsider": _reconsideration_start,
    "resubmit": lambda submission, user: next_round_start(submission=submission, user=user),
    "approve": _approval_start,
    "reinstate": publication.catalog_publish,
    "suspend": publication.catalog_withdraw,
    "revoke": publication.catalog_withdraw,
    "expire": publication.catalog_withdraw,
}

assert set(EFFECTS) <= set(TRANSITIONS)  # noqa: S101 (a typo here would silently skip an effect)
