"""The daily review work: reminders before and after the due date, at most once a day."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from review_workflow.models import Assignment
from review_workflow.selectors.reviews import assignments_needing_reminder
from review_workflow.services.panel import reviewers_assign
from review_workflow.tasks import review_reminders_send

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel(accepted_submission, coordinator, reviewers):
    due = timezone.localdate() + datetime.timedelta(days=10)
    reviewers_assign(
        submission_id=accepted_submission.pk,
        reviewer_ids=[reviewers["officer"].pk, reviewers["clinician"].pk],
        user=coordinator,
        due_date=due,
    )
    return {a.reviewer.username: a for a in accepted_submission.assignments.all()}


def due_in(assignment, days):
    Assignment.objects.filter(pk=assignment.pk).update(
        due_date=timezone.localdate() + datetime.timedelta(days=days)
    )


def reminders(smtp_server):
    return [m for m in smtp_server.received if "your review of" in m.subject]


def test_reviews_due_soon_or_overdue_are_reminded_once_a_day(panel, smtp_server):
    due_in(panel["officer"], 2)  # within the three-day window
    due_in(panel["clinician"], -1)  # overdue
    assert review_reminders_send.call() == 2
    subjects = sorted(m.subject.split(":")[0] for m in reminders(smtp_server))
    assert subjects == ["Due soon", "Overdue"]
    assert review_reminders_send.call() == 0  # not twice on the same day
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert assignments_needing_reminder(tomorrow).count() == 2


def test_reviews_far_from_due_and_submitted_ones_are_left_alone(panel, smtp_server):
    due_in(panel["officer"], 9)
    Assignment.objects.filter(pk=panel["clinician"].pk).update(
        status="submitted", due_date=timezone.localdate() - datetime.timedelta(days=3)
    )
    assert review_reminders_send.call() == 0
    assert reminders(smtp_server) == []


def test_the_daily_command_queues_reminders_and_expiry(panel, smtp_server, settings):
    due_in(panel["officer"], -2)
    call_command("review_daily", stdout=io.StringIO())
    assert [m.recipients for m in reminders(smtp_server)] == [[panel["officer"].reviewer.email]]
