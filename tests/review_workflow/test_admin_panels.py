"""The admin homepage shows each role what waits on them, each item linking to its screen."""

import datetime

from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone

from review_workflow.core.permissions import COORDINATOR
from review_workflow.models import Assignment, Decision, Submission
from review_workflow.services.lifecycle import submission_transition
from review_workflow.services.submissions import submission_create
from tests.review_workflow.conftest import fill_complete, make_user
from tests.review_workflow.test_expert_review import accept, assign, assignment_of


def home(user) -> str:
    client = Client()
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_coordinator_sees_submissions_waiting_by_stage_with_days_and_due_dates(
    accepted_submission, coordinator, reviewers, provider_a, org_a
):
    assign(coordinator, accepted_submission, reviewers["officer"], reviewers["clinician"])
    overdue = timezone.localdate() - datetime.timedelta(days=2)
    Assignment.objects.filter(reviewer=reviewers["officer"]).update(due_date=overdue)
    fresh = fill_complete(
        submission_create(organization=org_a, user=provider_a, title="Crisis Calm"), provider_a
    )
    submission_transition(submission_id=fresh.pk, action="submit", user=provider_a)
    Submission.objects.filter(pk=fresh.pk).update(
        status_changed_at=timezone.now() - datetime.timedelta(days=5)
    )

    page = home(coordinator)
    assert "Review: waiting on coordinators" in page
    assert "Submitted (1)" in page and "5 days" in page
    assert f'href="/admin/submissions/{fresh.pk}/"' in page
    assert "In expert review (1)" in page
    assert f'href="/admin/submissions/{accepted_submission.pk}/panel/"' in page
    assert overdue.strftime("%Y-%m-%d") in page and "(overdue)" in page
    assert "Overdue reviews (1)" in page and "2 days overdue" in page


def test_a_decision_awaiting_sign_off_links_to_its_confirmation(accepted_submission, coordinator):
    Submission.objects.filter(pk=accepted_submission.pk).update(status="reconciliation")
    Decision.objects.create(
        submission=accepted_submission,
        round=1,
        outcome="approved",
        stage="awaiting_sign_off",
        drafted_by=coordinator,
    )
    second = make_user("second-coordinator", group=COORDINATOR)
    page = home(second)
    assert "Decisions awaiting sign-off (1)" in page
    assert f'href="/admin/submissions/{accepted_submission.pk}/reconcile/issue/"' in page


def test_a_reviewer_sees_invitations_and_reviews_due_and_nothing_of_the_coordinators(
    accepted_submission, coordinator, reviewers
):
    officer, clinician = reviewers["officer"], reviewers["clinician"]
    assign(coordinator, accepted_submission, officer, clinician)
    page = home(officer)
    assert "Your review work" in page and "Invitations to answer (1)" in page
    assignment = assignment_of(accepted_submission, officer)
    assert f'href="/admin/reviews/{assignment.pk}/"' in page
    assert "Review: waiting on coordinators" not in page
    accept(officer, assignment)
    page = home(officer)
    assert "Invitations to answer (0)" in page and "Reviews due (1)" in page


def test_a_communications_editor_sees_announcements_ready_to_send(db, admin_user):
    from mailing.models import Announcement

    ready = Announcement.objects.create(subject="Portal open", body="<p>Hi</p>", live=True)
    Announcement.objects.create(subject="Old news", body="<p>x</p>", live=True, sending="done")
    editor = make_user("editor", group="Communications editor")
    editor.user_permissions.add(Permission.objects.get(codename="send_announcement"))
    page = home(editor)
    assert "Announcements ready to send (1)" in page
    assert f'href="/admin/announcements/{ready.pk}/send/"' in page
    assert "Old news" not in page
    assert "Review: waiting on coordinators" not in page
