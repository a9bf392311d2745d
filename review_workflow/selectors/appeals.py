"""Reads of appeals: the coordinators' list, the provider's view, the panel's work, reminders
and the oversight figures. Who may see what is decided here."""

import datetime
import statistics
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from ..core.permissions import can_view_any_submission, is_organization_member
from ..core.states import APPEAL_OPEN, AppealStatus
from ..models import Appeal, AppealAssignment, Assignment, ReviewerProfile, Submission
from ..models.rules import appeal_deadline, appeal_problem, appealable_event
from .reviews import open_load

SECONDS_PER_DAY = 24 * 60 * 60


def appeal_list_for_staff(*, user) -> QuerySet[Appeal]:
    """Every lodged appeal, for those who see every submission; nothing for anyone else."""
    if not user.is_authenticated or not can_view_any_submission(user):
        return Appeal.objects.none()
    return (
        Appeal.objects.exclude(status=AppealStatus.DRAFT)
        .select_related("submission__organization")
        .order_by("-lodged_at", "-pk")
    )


@dataclass(frozen=True)
class ProviderAppeal:
    """What the provider sees of an appeal: its state and letter, never the panel."""

    appeal: Appeal
    next_step: str


def appeal_window(*, submission: Submission, user) -> dict | None:
    """Whether the provider may appeal the submission's decision now, and until when (None
    when the user does not act for the submission's organization or nothing is appealable)."""
    if not is_organization_member(submission, user):
        return None
    event = appealable_event(submission)
    if event is None:
        return None
    draft = submission.appeals.filter(appealed_event=event, status=AppealStatus.DRAFT).first()
    return {
        "problem": appeal_problem(submission),
        "deadline": appeal_deadline(event),
        "draft": draft,
    }


def appeal_list_for_provider(*, submission: Submission, user) -> list[Appeal]:
    """The lodged appeals of the submission, for its own organization."""
    if not is_organization_member(submission, user):
        return []
    return list(submission.appeals.exclude(status=AppealStatus.DRAFT).order_by("lodged_at"))


def appeal_draft_for(*, submission: Submission, user) -> Appeal | None:
    """The provider's appeal being prepared against the submission's current decision."""
    window = appeal_window(submission=submission, user=user)
    return window["draft"] if window else None


def appeal_reviewer_refusal(appeal: Appeal, profile: ReviewerProfile, load: dict) -> str:
    """Why this reviewer may not sit on the appeal's panel ("" when they may)."""
    name = str(profile)
    submission = appeal.submission
    if Assignment.objects.filter(submission=submission, reviewer_id=profile.user_id).exists():
        return (
            f"{name} was asked to review this submission before; an appeal panel is made of "
            "reviewers who were not on the original panel."
        )
    if profile.affiliations.filter(pk=submission.organization_id).exists():
        return f"{name} is affiliated with {submission.organization} and cannot sit on its appeal."
    if not (profile.active and profile.user.is_active):
        return f"{name} is not an active reviewer."
    if appeal.assignments.filter(reviewer_id=profile.user_id).exists():
        return f"{name} has already been asked to sit on this appeal."
    if load.get(profile.user_id, 0) >= profile.capacity:
        return f"{name} has no capacity left for another review."
    return ""


def appeal_load() -> dict[int, int]:
    """Open reviews and open appeal places per reviewer user id."""
    load = open_load()
    open_places = AppealAssignment.objects.filter(
        status__in=AppealAssignment.OPEN,
        appeal__status__in=[AppealStatus.APPEALED, AppealStatus.IN_REVIEW],
    ).values_list("reviewer_id", flat=True)
    for user_id in open_places:
        load[user_id] = load.get(user_id, 0) + 1
    return load


@dataclass(frozen=True)
class AppealSuggestion:
    profile: ReviewerProfile
    refusal: str  # why they may not sit on this panel, "" when they may


def appeal_reviewer_suggestions(appeal: Appeal) -> list[AppealSuggestion]:
    """Active reviewers not yet on this appeal's panel, those who may sit on it first, each
    with the reason when they may not (on the original panel, affiliated, at capacity)."""
    load = appeal_load()
    asked = appeal.assignments.values_list("reviewer_id", flat=True)
    profiles = (
        ReviewerProfile.objects.filter(active=True, user__is_active=True)
        .exclude(user_id__in=asked)
        .select_related("user")
        .prefetch_related("affiliations")
    )
    rows = [AppealSuggestion(p, appeal_reviewer_refusal(appeal, p, load)) for p in profiles]
    return sorted(rows, key=lambda row: (bool(row.refusal), load.get(row.profile.user_id, 0)))


def appeal_assignment_for_reviewer(*, user, pk: int) -> AppealAssignment | None:
    """The reviewer's own place on an appeal panel; anyone else's does not exist for them."""
    if not user.is_authenticated or not user.is_active:
        return None
    return (
        AppealAssignment.objects.select_related("appeal__submission__organization")
        .filter(pk=pk, reviewer=user)
        .first()
    )


def appeal_file_visible_to(*, user, appeal: Appeal) -> bool:
    """The appeal's file opens to the coordinators and to panel members who declared no
    conflict."""
    if not appeal.file or not user.is_authenticated:
        return False
    if can_view_any_submission(user):
        return True
    return appeal.assignments.filter(reviewer=user, status__in=AppealAssignment.CLEARED).exists()


def appeal_assignments_needing_reminder(today: datetime.date):
    """Open places on open appeals due within the reminder window or overdue, not reminded
    today (the reviews' reminder window)."""
    window = today + datetime.timedelta(days=settings.REVIEW_REMINDER_DAYS_BEFORE)
    return AppealAssignment.objects.filter(
        status__in=AppealAssignment.OPEN,
        appeal__status__in=APPEAL_OPEN,
        due_date__lte=window,
    ).filter(Q(last_reminded_on__isnull=True) | Q(last_reminded_on__lt=today))


# --- Oversight ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AppealFigures:
    counts: list[tuple[str, int]]  # (label, appeals) per lodged state
    decided: int
    median_days: float | None  # from lodging to outcome, over decided appeals
    open_median_days: float | None  # how long the open ones have waited so far


def appeal_figures() -> AppealFigures:
    """Appeals per state, and the median days from lodging to outcome."""
    counts = dict(
        Appeal.objects.exclude(status=AppealStatus.DRAFT)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    now = timezone.now()
    decided = [
        (decided_at - lodged_at).total_seconds() / SECONDS_PER_DAY
        for lodged_at, decided_at in Appeal.objects.filter(
            decided_at__isnull=False, lodged_at__isnull=False
        ).values_list("lodged_at", "decided_at")
    ]
    waiting = [
        (now - lodged_at).total_seconds() / SECONDS_PER_DAY
        for lodged_at in Appeal.objects.filter(
            status__in=APPEAL_OPEN, lodged_at__isnull=False
        ).values_list("lodged_at", flat=True)
    ]
    return AppealFigures(
        counts=[
            (status.label, counts.get(status.value, 0))
            for status in AppealStatus
            if status != AppealStatus.DRAFT
        ],
        decided=len(decided),
        median_days=round(statistics.median(decided), 1) if decided else None,
        open_median_days=round(statistics.median(waiting), 1) if waiting else None,
    )


def appeal_list_waiting():
    """Open appeals, the longest waiting first, for the coordinators' homepage."""
    return (
        Appeal.objects.filter(status__in=APPEAL_OPEN)
        .select_related("submission__organization")
        .order_by("lodged_at", "pk")
    )


def appeal_assignment_list_open_for(*, user):
    """The reviewer's appeal invitations to answer and findings to send, the soonest first."""
    return (
        AppealAssignment.objects.filter(
            reviewer=user, status__in=AppealAssignment.OPEN, appeal__status__in=APPEAL_OPEN
        )
        .select_related("appeal__submission")
        .order_by("due_date", "pk")
    )
