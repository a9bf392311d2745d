"""Expert review: suggesting and assigning reviewers, their answers, and their reviews.

Every write runs in one transaction with its audit event, and raises TransitionRefused (with
the HTTP status to answer) when it may not happen; nothing changes then.
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import (
    Assignment,
    ExpertiseArea,
    Review,
    ReviewerProfile,
    StandardRating,
    Submission,
)
from .permissions import is_coordinator
from .services import TransitionRefused, event_record, run_transition
from .states import Status

logger = logging.getLogger(__name__)

REQUIRED_EXPERTISE = [ExpertiseArea.LAW_ENFORCEMENT, ExpertiseArea.MENTAL_HEALTH]


# --- Suggestions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    profile: ReviewerProfile
    load: int
    expertise: list[str]
    matches: int  # how many of the panel's still-missing areas this reviewer brings
    affiliated: bool
    at_capacity: bool

    @property
    def assignable(self) -> bool:
        return not self.affiliated and not self.at_capacity


def open_assignments():
    """Assignments still waiting for an answer or a review, on submissions still in review
    (a withdrawn submission's leftovers are nobody's work)."""
    return Assignment.objects.filter(
        status__in=Assignment.OPEN, submission__status=Status.IN_REVIEW
    )


def open_load() -> dict[int, int]:
    """Open assignments per reviewer user id."""
    rows = open_assignments().values("reviewer").annotate(n=Count("pk"))
    return {row["reviewer"]: row["n"] for row in rows}


def open_load_annotation():
    """A profile's open assignment count, as an annotation on ReviewerProfile querysets."""
    counts = (
        open_assignments()
        .filter(reviewer=OuterRef("user"))
        .order_by()
        .values("reviewer")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts), 0)


def panel(submission: Submission, round_number: int | None = None):
    """The assignments holding a place on the panel of a round (the current one by default)."""
    round_number = round_number or max(submission.review_round, 1)
    return submission.assignments.filter(round=round_number, status__in=Assignment.ON_PANEL)


def missing_expertise(submission: Submission) -> list[str]:
    """The required areas of expertise the current panel does not cover yet."""
    covered = set(
        ExpertiseArea.objects.filter(
            reviewers__user__review_assignments__in=panel(submission)
        ).values_list("slug", flat=True)
    )
    return [slug for slug in REQUIRED_EXPERTISE if slug not in covered]


def reviewer_suggestions(submission: Submission) -> list[Suggestion]:
    """Active reviewers not yet asked for this submission, best first: those who bring the
    missing expertise, then the least loaded. Affiliated reviewers are listed, marked, and
    can never be assigned."""
    missing = set(missing_expertise(submission))
    asked = submission.assignments.values_list("reviewer_id", flat=True)
    load = open_load()
    profiles = (
        ReviewerProfile.objects.filter(active=True, user__is_active=True)
        .exclude(user_id__in=asked)
        .select_related("user")
        .prefetch_related("expertise", "affiliations")
    )
    suggestions = []
    for profile in profiles:
        slugs = {area.slug for area in profile.expertise.all()}
        suggestions.append(
            Suggestion(
                profile=profile,
                load=load.get(profile.user_id, 0),
                expertise=[area.name for area in profile.expertise.all()],
                matches=len(slugs & missing),
                affiliated=any(
                    org.pk == submission.organization_id for org in profile.affiliations.all()
                ),
                at_capacity=load.get(profile.user_id, 0) >= profile.capacity,
            )
        )
    return sorted(
        suggestions, key=lambda s: (not s.assignable, -s.matches, s.load, str(s.profile))
    )


# --- Assignment ---------------------------------------------------------------------------


def _locked_submission(submission_id: int) -> Submission:
    return (
        Submission.objects.select_for_update().select_related("organization").get(pk=submission_id)
    )


def reviewers_assign(
    *, submission_id: int, reviewer_ids: list[int], user, due_date: datetime.date | None = None
) -> list[Assignment]:
    """Ask reviewers to review the submission; the first panel starts the expert review.

    Refused when anyone is affiliated with the submitting organization, inactive, already
    asked or at capacity, or when the resulting panel would be too small or lack a
    law-enforcement or a mental-health expert.
    """
    due_date = due_date or timezone.localdate() + datetime.timedelta(days=settings.REVIEW_DUE_DAYS)
    if due_date <= timezone.localdate():
        raise TransitionRefused("The due date must be in the future.", 400)
    if not reviewer_ids:
        raise TransitionRefused("Choose at least one reviewer.", 400)
    with transaction.atomic():
        submission = _locked_submission(submission_id)
        if not is_coordinator(submission, user):
            raise TransitionRefused("You are not allowed to do this.", 403)
        if submission.status not in {Status.ACCEPTED_FOR_REVIEW, Status.IN_REVIEW}:
            raise TransitionRefused(
                "Reviewers can be assigned once the submission is accepted for review.", 409
            )
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
        _check_panel(submission)
        if starting:
            run_transition(submission, "begin_review", user)
        for assignment in created:
            event_record(submission, user, "reviewer_assigned", note=str(assignment.reviewer))
        _notify(created, "reviewer_invited")
    return created


def _assignable_profiles(submission: Submission, reviewer_ids: list[int]) -> list:
    profiles = list(
        ReviewerProfile.objects.filter(user_id__in=reviewer_ids).select_related("user")
    )
    if len(profiles) != len(set(reviewer_ids)):
        raise TransitionRefused("Only people with a reviewer profile can be assigned.", 400)
    load = open_load()
    asked = set(submission.assignments.values_list("reviewer_id", flat=True))
    for profile in profiles:
        name = str(profile)
        if profile.affiliations.filter(pk=submission.organization_id).exists():
            logger.warning(
                "Refused assigning %s to submission %s: affiliated", name, submission.pk
            )
            raise TransitionRefused(
                f"{name} is affiliated with {submission.organization} and cannot review its "
                "curricula.",
                400,
            )
        if not (profile.active and profile.user.is_active):
            raise TransitionRefused(f"{name} is not an active reviewer.", 400)
        if profile.user_id in asked:
            raise TransitionRefused(f"{name} has already been asked to review this.", 400)
        if load.get(profile.user_id, 0) >= profile.capacity:
            raise TransitionRefused(f"{name} has no capacity left for another review.", 400)
    return profiles


def _check_panel(submission: Submission) -> None:
    size = panel(submission).count()
    if size < settings.REVIEW_MIN_REVIEWERS:
        raise TransitionRefused(
            f"A panel needs at least {settings.REVIEW_MIN_REVIEWERS} reviewers; "
            f"this one would have {size}.",
            400,
        )
    missing = missing_expertise(submission)
    if missing:
        names = ExpertiseArea.objects.filter(slug__in=missing).values_list("name", flat=True)
        raise TransitionRefused(
            "The panel needs at least one reviewer with expertise in: " + ", ".join(names) + ".",
            400,
        )


def assignment_respond(
    *, assignment_id: int, user, answer: str, no_conflict: bool = False, statement: str = ""
) -> Assignment:
    """The reviewer's answer: "accept" (declaring no conflict of interest), "decline", or
    "conflict" (with a statement). Declining or a conflict frees the place on the panel and
    tells the coordinators."""
    statement = statement.strip()
    if answer == "accept" and not no_conflict:
        raise TransitionRefused(
            "To accept, declare that you have no conflict of interest with this provider.", 400
        )
    if answer == "conflict" and not statement:
        raise TransitionRefused("Describe the conflict of interest.", 400)
    if answer not in {"accept", "decline", "conflict"}:
        raise TransitionRefused("Unknown answer.", 400)
    with transaction.atomic():
        assignment = _locked_own_assignment(assignment_id, user)
        if assignment.status != Assignment.Status.INVITED:
            raise TransitionRefused("You have already answered this assignment.", 409)
        assignment.status = {
            "accept": Assignment.Status.ACCEPTED,
            "decline": Assignment.Status.DECLINED,
            "conflict": Assignment.Status.CONFLICT,
        }[answer]
        assignment.responded_at = timezone.now()
        assignment.conflict_statement = statement
        assignment.save()
        action = {"accept": "assignment_accepted", "decline": "assignment_declined"}.get(
            answer, "assignment_conflict"
        )
        event_record(assignment.submission, user, action, note=statement)
        if answer != "accept":
            _notify([assignment], "assignment_declined", note=statement)
    return assignment


def assignment_remove(*, assignment_id: int, user, reason: str) -> Assignment:
    """Take an unanswered or unfinished assignment back (a reviewer who does not respond);
    the place is free for someone else. If the rest of the panel has submitted, the
    submission moves on to reconciliation."""
    reason = reason.strip()
    if not reason:
        raise TransitionRefused("Say why the reviewer is removed.", 400)
    with transaction.atomic():
        assignment = _locked_open_assignment(assignment_id, user)
        assignment.status = Assignment.Status.REMOVED
        assignment.save(update_fields=["status"])
        event_record(
            assignment.submission, user, "assignment_removed", f"{assignment.reviewer}: {reason}"
        )
        _reconcile_when_complete(assignment.submission, user)
    return assignment


def assignment_due_date_change(*, assignment_id: int, user, due_date: datetime.date) -> Assignment:
    if due_date <= timezone.localdate():
        raise TransitionRefused("The due date must be in the future.", 400)
    with transaction.atomic():
        assignment = _locked_open_assignment(assignment_id, user)
        assignment.due_date = due_date
        assignment.last_reminded_on = None
        assignment.save(update_fields=["due_date", "last_reminded_on"])
        event_record(
            assignment.submission,
            user,
            "assignment_due_date_changed",
            f"{assignment.reviewer}: due {due_date.isoformat()}",
        )
    return assignment


def _locked_open_assignment(assignment_id: int, user) -> Assignment:
    assignment = (
        Assignment.objects.select_for_update()
        .select_related("submission")
        .filter(pk=assignment_id)
    ).first()
    if assignment is None:
        raise TransitionRefused("No such assignment.", 404)
    if not is_coordinator(assignment.submission, user):
        raise TransitionRefused("You are not allowed to do this.", 403)
    if assignment.status not in Assignment.OPEN:
        raise TransitionRefused("This assignment is no longer open.", 409)
    if assignment.submission.status != Status.IN_REVIEW:
        raise TransitionRefused("This submission is not in review.", 409)
    return assignment


def _locked_own_assignment(assignment_id: int, user) -> Assignment:
    """The reviewer's own assignment, locked; someone else's does not exist for them."""
    assignment = (
        Assignment.objects.select_for_update()
        .select_related("submission")
        .filter(pk=assignment_id, reviewer=user)
        .first()
    )
    if assignment is None:
        raise TransitionRefused("No such assignment.", 404)
    return assignment


def next_round_start(submission: Submission, user) -> list[Assignment]:
    """A revised version goes back to the reviewers who reviewed the last round."""
    previous = submission.assignments.filter(
        round=submission.review_round, status=Assignment.Status.SUBMITTED
    )
    submission.review_round += 1
    submission.save(update_fields=["review_round"])
    due = timezone.localdate() + datetime.timedelta(days=settings.REVIEW_DUE_DAYS)
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
        event_record(submission, user, "reviewer_assigned", note=f"{assignment.reviewer}")
    _notify(created, "reviewer_invited")
    return created


# --- Reviews ------------------------------------------------------------------------------


def review_for(assignment: Assignment) -> Review:
    """The reviewer's review, created with one empty rating per standard on first use."""
    review, created = Review.objects.get_or_create(assignment=assignment)
    if created:
        standards = assignment.submission.standards_version.standards.all()
        StandardRating.objects.bulk_create(
            StandardRating(review=review, standard=standard) for standard in standards
        )
    return review


def review_save(*, assignment_id: int, user, ratings: dict, fields: dict, submit: bool) -> Review:
    """Save the reviewer's draft; with `submit`, lock it. `ratings` maps a standard's id to
    (rating, comment); the form has checked completeness before a submit."""
    with transaction.atomic():
        assignment = _locked_own_assignment(assignment_id, user)
        if assignment.status == Assignment.Status.SUBMITTED:
            raise TransitionRefused("This review is submitted and can no longer change.", 409)
        if assignment.status != Assignment.Status.ACCEPTED:
            raise TransitionRefused("Accept the assignment before reviewing.", 409)
        if assignment.submission.status != Status.IN_REVIEW:
            raise TransitionRefused("This submission is not in review any more.", 409)
        review = review_for(assignment)
        for rating in review.ratings.all():
            value, comment = ratings.get(rating.standard_id, (rating.rating, rating.comment))
            rating.rating, rating.comment = value, comment
            rating.save(update_fields=["rating", "comment"])
        for name, value in fields.items():
            setattr(review, name, value)
        if submit:
            review.submitted_at = timezone.now()
            assignment.status = Assignment.Status.SUBMITTED
            assignment.save(update_fields=["status"])
        review.save()
        if submit:
            event_record(assignment.submission, user, "review_submitted")
            _reconcile_when_complete(assignment.submission, user)
    return review


def _reconcile_when_complete(submission: Submission, user) -> None:
    submission = _locked_submission(submission.pk)
    on_panel = panel(submission)
    if on_panel.exclude(status=Assignment.Status.SUBMITTED).exists():
        return
    if on_panel.count() < settings.REVIEW_MIN_REVIEWERS:
        return  # a place is free: the coordinator assigns someone first
    run_transition(submission, "open_reconciliation", user)
    from .tasks import coordinators_notify

    pk, round_number = submission.pk, submission.review_round
    transaction.on_commit(
        lambda: coordinators_notify.enqueue(pk, "reviews_complete", round_number)
    )


def reviews_visible_to(assignment: Assignment):
    """Other reviewers' submitted reviews of the same round, once this one is submitted."""
    if assignment.status != Assignment.Status.SUBMITTED:
        return Review.objects.none()
    return (
        Review.objects.filter(
            assignment__submission=assignment.submission,
            assignment__round=assignment.round,
            submitted_at__isnull=False,
        )
        .exclude(assignment=assignment)
        .select_related("assignment__reviewer")
        .prefetch_related("ratings__standard")
    )


def overdue_assignments():
    return (
        open_assignments()
        .filter(due_date__lt=timezone.localdate())
        .select_related("reviewer", "submission")
    )


def assignments_needing_reminder(today: datetime.date):
    """Open assignments due within the reminder window or overdue, not reminded today."""
    window = today + datetime.timedelta(days=settings.REVIEW_REMINDER_DAYS_BEFORE)
    return (
        open_assignments()
        .filter(due_date__lte=window)
        .filter(Q(last_reminded_on__isnull=True) | Q(last_reminded_on__lt=today))
    )


def _notify(assignments: list[Assignment], key: str, note: str = "") -> None:
    from .tasks import assignment_email

    for assignment in assignments:
        pk = assignment.pk
        transaction.on_commit(lambda pk=pk: assignment_email.enqueue(pk, key, note))
