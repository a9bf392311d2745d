"""Reads for the admin homepage panels: what waits on a coordinator, and on a reviewer."""

import datetime
from dataclasses import dataclass

from django.db.models import Min, Q
from django.utils import timezone

from ..core.states import Status
from ..models import Assignment, Decision, Submission
from .reviews import open_assignments

# The stages in which a submission waits on the review team, in the order it meets them.
WAITING_STAGES = [
    Status.SUBMITTED,
    Status.SCREENING,
    Status.ACCEPTED_FOR_REVIEW,
    Status.IN_REVIEW,
    Status.RECONCILIATION,
]


@dataclass(frozen=True)
class WaitingSubmission:
    submission: Submission
    days_waiting: int | None
    due_date: datetime.date | None  # the earliest open review's due date, in expert review


@dataclass(frozen=True)
class Stage:
    status: str
    label: str
    submissions: list[WaitingSubmission]


def submission_stages_waiting(*, today: datetime.date) -> list[Stage]:
    """The submissions waiting on the review team, by stage, the longest waiting first."""
    submissions = (
        Submission.objects.filter(status__in=WAITING_STAGES)
        .select_related("organization")
        .annotate(
            due_date=Min(
                "assignments__due_date",
                filter=Q(assignments__status__in=Assignment.OPEN),
            )
        )
        .order_by("status_changed_at", "pk")
    )
    by_status = {status: [] for status in WAITING_STAGES}
    for submission in submissions:
        by_status[submission.status].append(
            WaitingSubmission(
                submission=submission,
                days_waiting=_days_since(submission.status_changed_at, today),
                due_date=submission.due_date,
            )
        )
    return [
        Stage(status=status.value, label=status.label, submissions=by_status[status])
        for status in WAITING_STAGES
    ]


def _days_since(moment, today: datetime.date) -> int | None:
    if moment is None:
        return None
    return (today - timezone.localdate(moment)).days


def decision_list_awaiting_sign_off():
    """Decisions drafted and waiting for a second coordinator's sign-off, the oldest first."""
    return (
        Decision.objects.filter(
            stage=Decision.Stage.AWAITING_SIGN_OFF, submission__status=Status.RECONCILIATION
        )
        .select_related("submission", "drafted_by")
        .order_by("pk")
    )


def assignment_list_open_for(*, user):
    """The reviewer's invitations to answer and reviews to write, the soonest due first."""
    return (
        open_assignments()
        .filter(reviewer=user)
        .select_related("submission")
        .order_by("due_date", "pk")
    )
