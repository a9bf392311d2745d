"""The review panel: assigning reviewers, their answers, removals and due dates.

Every write runs in one transaction with its audit event, and raises a WorkflowError when it
may not happen; nothing changes then.
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..core.errors import Conflict, Invalid, NotFound, NotPermitted
from ..core.permissions import is_coordinator
from ..core.states import Status
from ..models import Assignment, ReviewerProfile, Submission
from ..models.rules import panel_problem
from ..notifications import assignments_notify
from ..selectors.reviews import open_load
from .reviews import reconciliation_open_when_complete
from .transitions import event_record, transition_run

logger = logging.getLogger(__name__)


def locked_submission(submission_id: int) -> Submission:
    """The submission, locked for the rest of the transaction."""
    submission = (
        Submission.objects.select_for_update()
        .select_related("organization")
        .filter(pk=submission_id)
        .first()
    )
    if submission is None:
        raise NotFound("No such submission.")
    return submission


def default_due_date() -> datetime.date:
    """The due date a new assignment gets unless the coordinator chooses another."""
    return timezone.localdate() + datetime.timedelta(days=settings.REVIEW_DUE_DAYS)


def reviewers_assign(
    *, submission_id: int, reviewer_ids: list[int], user, due_date: datetime.date | None = None
) -> list[Assignment]:
    """Ask reviewers to review the submission; the first panel starts the expert review.

    Refused when anyone is affiliated with the submitting organization, inactive, already
    asked or at capacity, or when the resulting panel would be too small or lack a
    law-enforcement or a mental-health expert.
    """
    due_date = due_date or default_due_date()
    if due_date <= timezone.localdate():
        raise Invalid("The due date must be in the future.")
    if not reviewer_ids:
        raise Invalid("Choose at least one reviewer.")
    with transaction.atomic():
        submission = locked_submission(submission_id)
        if not is_coordinator(submission, user):
            raise NotPermitted("You are not allowed to do this.")
        if submission.status not in {Status.ACCEPTED_FOR_REVIEW, Status.IN_REVIEW}:
            raise Conflict("Reviewers can be assigned once the submission is accepted for review.")
        starting = submission.status == Status.ACCEPTED_FOR_REVIEW
        if starting:
            submission.review_round = 1
        profiles = _assignable_profiles(submission, reviewer_ids)
        created = [
            Assignment.objects.create(
                submission=submission,
                reviewer=profile.user,
                round=submission.review_round,
                assigned_by=user,
                due_date=due_date,
            )
            for profile in profiles
        ]
        problem = panel_problem(submission)
        if problem:
            raise Invalid(problem)
        if starting:
            transition_run(submission=submission, action="begin_review", user=user)
        for assignment in created:
            event_record(
                submission=submission,
                user=user,
                action="reviewer_assigned",
                note=str(assignment.reviewer),
            )
        assignments_notify(created, "reviewer_invited")
    return created


def _assignable_profiles(submission: Submission, reviewer_ids: list[int]) -> list:
    profiles = list(
        ReviewerProfile.objects.filter(user_id__in=reviewer_ids).select_related("user")
    )
    if len(profiles) != len(set(reviewer_ids)):
        raise Invalid("Only people with a reviewer profile can be assigned.")
    load = open_load()
    asked = set(submission.assignments.values_list("reviewer_id", flat=True))
    for profile in profiles:
        name = str(profile)
        if profile.affiliations.filter(pk=submission.organization_id).exists():
            logger.warning(
                "Refused assigning %s to submission %s: affiliated", name, submission.pk
            )
            raise Invalid(
                f"{name} is affiliated with {submission.organization} and cannot review its "
                "curricula."
            )
        if not (profile.active and profile.user.is_active):
            raise Invalid(f"{name} is not an active reviewer.")
        if profile.user_id in asked:
            raise Invalid(f"{name} has already been asked to review this.")
        if load.get(profile.user_id, 0) >= profile.capacity:
            raise Invalid(f"{name} has no capacity left for another review.")
    return profiles


ANSWERS = {
    "accept": (Assignment.Status.ACCEPTED, "assignment_accepted"),
    "decline": (Assignment.Status.DECLINED, "assignment_declined"),
    "conflict": (Assignment.Status.CONFLICT, "assignment_conflict"),
}


def assignment_respond(
    *, assignment_id: int, user, answer: str, no_conflict: bool = False, statement: str = ""
) -> Assignment:
    """The reviewer's answer: "accept" (declaring no conflict of interest), "decline", or
    "conflict" (with a statement). Declining or a conflict frees the place on the panel and
    tells the coordinators."""
    statement = statement.strip()
    if answer == "accept" and not no_conflict:
        raise Invalid(
            "To accept, declare that you have no conflict of interest with this provider."
        )
    if answer == "conflict" and not statement:
        raise Invalid("Describe the conflict of interest.")
    if answer not in ANSWERS:
        raise Invalid("Unknown answer.")
    with transaction.atomic():
        assignment = locked_own_assignment(assignment_id, user)
        if assignment.status != Assignment.Status.INVITED:
            raise Conflict("You have already answered this assignment.")
        assignment.status, action = ANSWERS[answer]
        assignment.responded_at = timezone.now()
        assignment.conflict_statement = statement
        assignment.save()
        event_record(submission=assignment.submission, user=user, action=action, note=statement)
        if answer != "accept":
            assignments_notify([assignment], "assignment_declined", note=statement)
    return assignment


def assignment_remove(*, assignment_id: int, user, reason: str) -> Assignment:
    """Take an unanswered or unfinished assignment back (a reviewer who does not respond);
    the place is free for someone else. If the rest of the panel has submitted, the
    submission moves on to reconciliation."""
    reason = reason.strip()
    if not reason:
        raise Invalid("Say why the reviewer is removed.")
    with transaction.atomic():
        assignment = _locked_open_assignment(assignment_id, user)
        assignment.status = Assignment.Status.REMOVED
        assignment.save(update_fields=["status"])
        event_record(
            submission=assignment.submission,
            user=user,
            action="assignment_removed",
            note=f"{assignment.reviewer}: {reason}",
        )
        reconciliation_open_when_complete(submission_id=assignment.submission_id, user=user)
    return assignment


def assignment_due_date_change(*, assignment_id: int, user, due_date: datetime.date) -> Assignment:
    """Move an open assignment's due date; reminders start again from the new one."""
    if due_date <= timezone.localdate():
        raise Invalid("The due date must be in the future.")
    with transaction.atomic():
        assignment = _locked_open_assignment(assignment_id, user)
        assignment.due_date = due_date
        assignment.last_reminded_on = None
        assignment.save(update_fields=["due_date", "last_reminded_on"])
        event_record(
            submission=assignment.submission,
            user=user,
            action="assignment_due_date_changed",
            note=f"{assignment.reviewer}: due {due_date.isoformat()}",
        )
    return assignment


def _locked_open_assignment(assignment_id: int, user) -> Assignment:
    assignment = (
        Assignment.objects.select_for_update()
        .select_related("submission")
        .filter(pk=assignment_id)
    ).first()
    if assignment is None:
        raise NotFound("No such assignment.")
    if not is_coordinator(assignment.submission, user):
        raise NotPermitted("You are not allowed to do this.")
    if assignment.status not in Assignment.OPEN:
        raise Conflict("This assignment is no longer open.")
    if assignment.submission.status != Status.IN_REVIEW:
        raise Conflict("This submission is not in review.")
    return assignment


def locked_own_assignment(assignment_id: int, user) -> Assignment:
    """The reviewer's own assignment, locked; someone else's does not exist for them."""
    assignment = (
        Assignment.objects.select_for_update()
        .select_related("submission")
        .filter(pk=assignment_id, reviewer=user)
        .first()
    )
    if assignment is None:
        raise NotFound("No such assignment.")
    return assignment


def next_round_start(*, submission: Submission, user) -> list[Assignment]:
    """A revised version goes back to the reviewers who reviewed the last round."""
    previous = submission.assignments.filter(
        round=submission.review_round, status=Assignment.Status.SUBMITTED
    )
    submission.review_round += 1
    submission.save(update_fields=["review_round"])
    due = default_due_date()
    created = [
        Assignment.objects.create(
            submission=submission,
            reviewer_id=old.reviewer_id,
            round=submission.review_round,
            assigned_by=old.assigned_by,
            due_date=due,
            # They declared no conflict with this provider for this curriculum already.
            status=Assignment.Status.ACCEPTED,
            responded_at=timezone.now(),
            conflict_statement=old.conflict_statement,
        )
        for old in previous
    ]
    for assignment in created:
        event_record(
            submission=submission,
            user=user,
            action="reviewer_assigned",
            note=f"{assignment.reviewer}",
        )
    assignments_notify(created, "reviewer_invited")
    return created
