"""The coordinators' oversight dashboard: states, stage durations, late reviews, load, decisions."""

import datetime
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from review_workflow.core.permissions import REVIEWER
from review_workflow.core.states import Status
from review_workflow.models import (
    Assignment,
    AuditEvent,
    Decision,
    ReviewerProfile,
    StandardsVersion,
    Submission,
)
from review_workflow.selectors.oversight import (
    assignment_list_overdue,
    decision_counts_by_month,
    reviewer_load_list,
    stage_median_days,
    submission_counts_by_status,
)
from review_workflow.services.lifecycle import submission_transition
from review_workflow.services.submissions import submission_create

from .conftest import make_reviewer

URL = "/admin/review-oversight/"
T0 = datetime.datetime(2025, 3, 3, 9, 0, tzinfo=datetime.UTC)
DAY = datetime.timedelta(days=1)


def submission_in(status, *, organization, user, title="Calm Contact"):
    """A submission created straight in a state, without the audit events of getting there."""
    return Submission.objects.create(
        organization=organization,
        created_by=user,
        title=title,
        standards_version=StandardsVersion.current(),
        status=status,
    )


def assign(submission, reviewer, *, by, due_in_days, status=Assignment.Status.INVITED, round=1):
    return Assignment.objects.create(
        submission=submission,
        reviewer=reviewer,
        assigned_by=by,
        round=round,
        status=status,
        due_date=timezone.localdate() + datetime.timedelta(days=due_in_days),
    )


def event_at(when, submission, action, from_status, to_status):
    # `at` is auto_now_add, which overrides any value given: fix the clock for the insert.
    with mock.patch("django.utils.timezone.now", return_value=when):
        return AuditEvent.objects.create(
            submission=submission, action=action, from_status=from_status, to_status=to_status
        )


@pytest.fixture
def reviewer(db):
    """A reviewer in the Reviewer group: with admin access, like every reviewer."""
    user = make_reviewer("rowan")
    user.groups.add(Group.objects.get(name=REVIEWER))
    return user


def test_every_state_is_counted_including_empty_ones(org_a, provider_a, complete_draft):
    submission_transition(submission_id=complete_draft.pk, action="submit", user=provider_a)
    submission_create(organization=org_a, user=provider_a, title="Second")
    submission_create(organization=org_a, user=provider_a, title="Third")

    counts = {row.status: row.count for row in submission_counts_by_status()}

    assert list(counts) == list(Status.values)
    assert counts[Status.DRAFT] == 2
    assert counts[Status.SUBMITTED] == 1
    assert sum(counts.values()) == 3


def test_median_days_in_a_stage_are_taken_over_completed_stays(org_a, provider_a):
    quick, slow, slowest = (
        submission_in(Status.SUBMITTED, organization=org_a, user=provider_a, title=title)
        for title in ("Quick", "Slow", "Slowest")
    )
    for submission, drafted_days in ((quick, 2), (slow, 4), (slowest, 10)):
        event_at(T0, submission, "create", "", Status.DRAFT)
        event_at(T0 + drafted_days * DAY, submission, "submit", Status.DRAFT, Status.SUBMITTED)
    # Uploads keep the state: they neither end a stay nor start one.
    event_at(T0 + DAY, slow, "material_added", Status.DRAFT, Status.DRAFT)
    event_at(T0 + 3 * DAY, quick, "start_screening", Status.SUBMITTED, Status.SCREENING)

    stages = {row.status: row for row in stage_median_days()}

    assert stages[Status.DRAFT].median_days == 4.0
    assert stages[Status.DRAFT].stays == 3
    # Only Quick has left "submitted"; the others are still there and not counted.
    assert stages[Status.SUBMITTED].median_days == 1.0
    assert stages[Status.SUBMITTED].stays == 1
    assert stages[Status.SCREENING].median_days is None
    assert stages[Status.APPROVED].stays == 0


def test_overdue_reviews_are_open_assignments_past_due_longest_first(
    org_a, provider_a, coordinator, reviewer
):
    submission = submission_in(Status.IN_REVIEW, organization=org_a, user=provider_a)
    other = make_reviewer("sasha")
    third = make_reviewer("tam")
    assign(submission, reviewer, by=coordinator, due_in_days=-2, status="accepted")
    assign(submission, other, by=coordinator, due_in_days=-5)
    assign(submission, third, by=coordinator, due_in_days=0)  # due today: not late yet
    assign(submission, third, by=coordinator, due_in_days=-9, status="submitted", round=2)
    assign(submission, reviewer, by=coordinator, due_in_days=-9, status="declined", round=2)

    overdue = assignment_list_overdue(today=timezone.localdate())

    assert [(row.assignment.reviewer, row.days_overdue) for row in overdue] == [
        (other, 5),
        (reviewer, 2),
    ]


def test_reviewer_load_counts_open_assignments_against_capacity(
    org_a, provider_a, coordinator, reviewer
):
    idle = make_reviewer("sasha", capacity=3)
    retired = make_reviewer("retired")
    ReviewerProfile.objects.filter(user=retired).update(active=False)
    ReviewerProfile.objects.filter(user=reviewer).update(capacity=2)
    first, second, third = (
        submission_in(Status.IN_REVIEW, organization=org_a, user=provider_a, title=title)
        for title in ("First", "Second", "Third")
    )
    assign(first, reviewer, by=coordinator, due_in_days=7)
    assign(second, reviewer, by=coordinator, due_in_days=7, status="accepted")
    assign(third, reviewer, by=coordinator, due_in_days=7, status="submitted")

    loads = [
        (row.profile.user, row.open_assignments, row.at_capacity) for row in reviewer_load_list()
    ]

    assert loads == [(reviewer, 2, True), (idle, 0, False)]


def test_final_decisions_are_counted_per_month_and_outcome_for_twelve_months(
    org_a, provider_a, coordinator
):
    submission = submission_in(Status.APPROVED, organization=org_a, user=provider_a)
    today = timezone.localdate()
    last_month = timezone.make_aware(
        datetime.datetime.combine(today.replace(day=1) - DAY, datetime.time(12))
    )
    decided = [
        (Decision.Outcome.REVISIONS_REQUESTED, timezone.now()),
        (Decision.Outcome.APPROVED, timezone.now()),
        (Decision.Outcome.NOT_APPROVED, last_month),
        (Decision.Outcome.APPROVED, timezone.now() - 400 * DAY),  # more than a year ago
    ]
    for round_number, (outcome, finalised_at) in enumerate(decided, start=1):
        Decision.objects.create(
            submission=submission,
            round=round_number,
            outcome=outcome,
            stage=Decision.Stage.FINAL,
            drafted_by=coordinator,
            finalised_at=finalised_at,
        )
    Decision.objects.create(  # a draft is not a decision yet
        submission=submission, round=9, outcome="approved", drafted_by=coordinator
    )

    months = decision_counts_by_month(today=today)

    assert len(months) == 12
    assert months[-1].month == today.replace(day=1)
    assert months[-2].month == last_month.date().replace(day=1)
    # Counts follow Decision.Outcome: approved, revisions requested, not approved.
    assert months[-1].counts == [1, 1, 0]
    assert months[-2].counts == [0, 0, 1]
    assert sum(month.total for month in months) == 3


def test_the_dashboard_shows_every_figure_to_a_coordinator(
    client, org_a, provider_a, coordinator, reviewer
):
    submission = submission_in(Status.IN_REVIEW, organization=org_a, user=provider_a)
    assign(submission, reviewer, by=coordinator, due_in_days=-4)
    client.force_login(coordinator)

    response = client.get(URL)

    page = response.content.decode()
    assert response.status_code == 200
    for status in Status:
        assert status.label in page
    assert "Rowan Reviewer" in page
    assert f'href="/admin/submissions/{submission.pk}/"' in page
    assert "<td>4</td>" in page  # days overdue, the only 4 on the page
    assert "At capacity" not in page  # one open assignment of three


def test_the_dashboard_says_so_when_there_is_nothing_to_show(client, coordinator):
    client.force_login(coordinator)

    page = client.get(URL).content.decode()

    assert "No review is overdue." in page
    assert "No active reviewers." in page
    assert "Final decisions, last 12 months" in page


def test_superusers_see_the_dashboard(client, admin_user):
    client.force_login(admin_user)
    assert client.get(URL).status_code == 200


def test_reviewers_are_refused_the_dashboard(client, reviewer):
    client.force_login(reviewer)
    response = client.get(URL)
    assert response.status_code == 403
    assert "Submissions by state" not in response.content.decode()


def test_providers_and_anonymous_visitors_never_reach_the_dashboard(client, provider_a):
    anonymous = client.get(URL)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    client.force_login(provider_a)
    response = client.get(URL)
    assert response.status_code in (302, 403)
    assert "Submissions by state" not in response.content.decode()


def test_only_coordinators_see_the_menu_item(client, coordinator, reviewer):
    client.force_login(coordinator)
    assert "Review oversight" in client.get("/admin/").content.decode()
    client.force_login(reviewer)
    home = client.get("/admin/")
    assert home.status_code == 200
    assert "Review oversight" not in home.content.decode()
