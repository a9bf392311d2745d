"""Reads for the coordinators' oversight dashboard: where submissions stand, how long each
stage takes, which reviews are late, how loaded reviewers are, what was decided and appealed."""

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, Window
from django.db.models.functions import Lead, TruncMonth
from django.utils import timezone

from ..core.states import Status
from ..models import Assignment, AuditEvent, Decision, ReviewerProfile, Submission
from .appeals import AppealFigures, appeal_figures
from .reviews import open_load, overdue_assignments

SECONDS_PER_DAY = 24 * 60 * 60
MONTHS_OF_DECISIONS = 12


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


@dataclass(frozen=True)
class StageDuration:
    status: str
    label: str
    stays: int  # completed stays the median is taken over
    median_days: float | None


@dataclass(frozen=True)
class OverdueReview:
    assignment: Assignment
    days_overdue: int


@dataclass(frozen=True)
class ReviewerLoad:
    profile: ReviewerProfile
    open_assignments: int

    @property
    def at_capacity(self) -> bool:
        return self.open_assignments >= self.profile.capacity


@dataclass(frozen=True)
class MonthDecisions:
    month: datetime.date  # the first day of the month
    counts: list[int]  # one per Decision.Outcome, in that order

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class Oversight:
    status_counts: list[StatusCount]
    stage_durations: list[StageDuration]
    overdue_reviews: list[OverdueReview]
    reviewer_loads: list[ReviewerLoad]
    decisions_by_month: list[MonthDecisions]
    appeals: AppealFigures


def oversight_dashboard() -> Oversight:
    """Everything the oversight dashboard shows, as of now."""
    today = timezone.localdate()
    return Oversight(
        status_counts=submission_counts_by_status(),
        stage_durations=stage_median_days(),
        overdue_reviews=assignment_list_overdue(today=today),
        reviewer_loads=reviewer_load_list(),
        decisions_by_month=decision_counts_by_month(today=today),
        appeals=appeal_figures(),
    )


def submission_counts_by_status() -> list[StatusCount]:
    """How many submissions are in each state; every state is listed, empty ones with 0."""
    counts = dict(Submission.objects.order_by().values_list("status").annotate(n=Count("pk")))
    return [
        StatusCount(status=status.value, label=status.label, count=counts.get(status.value, 0))
        for status in Status
    ]


def stage_median_days() -> list[StageDuration]:
    """The median number of days submissions stayed in each state, over stays that ended.

    A stay runs from the audit event that entered the state to the next event of the same
    submission that changed its state; events that keep the state (uploads, assignments,
    reviews) neither start nor end one. Stays still running are left out.
    """
    durations = defaultdict(list)
    for status, entered_at, left_at in _state_stays():
        if left_at is not None:
            durations[status].append((left_at - entered_at).total_seconds() / SECONDS_PER_DAY)
    return [
        StageDuration(
            status=status.value,
            label=status.label,
            stays=len(durations[status.value]),
            median_days=(
                round(statistics.median(durations[status.value]), 1)
                if durations[status.value]
                else None
            ),
        )
        for status in Status
    ]


def _state_stays():
    """(state entered, when, when the next state change left it) for every state change."""
    next_change = Window(
        Lead("at"), partition_by=[F("submission_id")], order_by=[F("at").asc(), F("pk").asc()]
    )
    return (
        AuditEvent.objects.exclude(from_status=F("to_status"))
        .annotate(left_at=next_change)
        .values_list("to_status", "at", "left_at")
    )


def assignment_list_overdue(*, today: datetime.date) -> list[OverdueReview]:
    """Open assignments past their due date, the longest overdue first."""
    assignments = overdue_assignments().order_by("due_date", "pk")
    return [
        OverdueReview(assignment=assignment, days_overdue=(today - assignment.due_date).days)
        for assignment in assignments
    ]


def reviewer_load_list() -> list[ReviewerLoad]:
    """Each active reviewer's open assignments against their capacity, the busiest first."""
    load = open_load()
    profiles = (
        ReviewerProfile.objects.filter(active=True, user__is_active=True)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    rows = [ReviewerLoad(profile=p, open_assignments=load.get(p.user_id, 0)) for p in profiles]
    return sorted(rows, key=lambda row: -row.open_assignments)  # stable: names stay in order


def decision_counts_by_month(*, today: datetime.date) -> list[MonthDecisions]:
    """Final decisions per month and outcome, for the last twelve months including this one
    (months without decisions included), oldest first."""
    months = _months_up_to(today, MONTHS_OF_DECISIONS)
    since = timezone.make_aware(datetime.datetime.combine(months[0], datetime.time.min))
    rows = (
        Decision.objects.filter(stage=Decision.Stage.FINAL, finalised_at__gte=since)
        .annotate(month=TruncMonth("finalised_at"))
        .order_by()
        .values_list("month", "outcome")
        .annotate(n=Count("pk"))
    )
    counts = defaultdict(int)
    for month, outcome, n in rows:
        counts[_local_date(month), outcome] += n
    return [
        MonthDecisions(
            month=month, counts=[counts[month, outcome] for outcome in Decision.Outcome.values]
        )
        for month in months
    ]


def _months_up_to(today: datetime.date, count: int) -> list[datetime.date]:
    """The first days of the `count` months ending with today's, oldest first."""
    index = today.year * 12 + today.month - 1
    return [
        datetime.date((index - back) // 12, (index - back) % 12 + 1, 1)
        for back in reversed(range(count))
    ]


def _local_date(value) -> datetime.date:
    # TruncMonth gives an aware datetime in the current time zone.
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date()
    return value
