"""Reads of the expert review: panels, reviewer suggestions, loads and reviews."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..core.permissions import PROVIDER
from ..core.states import Status
from ..models import Assignment, Review, ReviewerProfile, Submission
from ..models.rules import panel_missing_expertise, panel_of


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
    return panel_of(submission, round_number)


def missing_expertise(submission: Submission) -> list[str]:
    """The required areas of expertise the current panel does not cover yet."""
    return panel_missing_expertise(submission)


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


def user_list_reviewer_candidates():
    """Active staff accounts that may be given a reviewer profile: never a provider's."""
    return (
        get_user_model()
        .objects.filter(is_active=True, provider_membership__isnull=True)
        .exclude(groups__name=PROVIDER)
        .order_by("last_name", "first_name", "username")
    )
