"""Every irreversible step asks first: the original POST alone changes nothing, the confirmed
one acts once, and a replayed confirmation does not act twice."""

import pytest
from django.test import Client

from review_workflow.core.permissions import COORDINATOR
from review_workflow.models import AuditEvent, Decision, Submission
from review_workflow.services.lifecycle import submission_transition
from tests.confirmation import confirmation_form
from tests.review_workflow.conftest import make_user
from tests.review_workflow.test_expert_review import (
    accept_and_review,
    assign,
    consensus,
    reconcile,
    status_of,
)


@pytest.fixture
def in_reconciliation(accepted_submission, coordinator, reviewers):
    officer, clinician = reviewers["officer"], reviewers["clinician"]
    assign(coordinator, accepted_submission, officer, clinician)
    accept_and_review(accepted_submission, officer, clinician)
    return accepted_submission


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def action_url(submission, action) -> str:
    return f"/admin/submissions/{submission.pk}/action/{action}/"


def events(submission, action) -> int:
    return AuditEvent.objects.filter(submission=submission, action=action).count()


def moved_to(submission, *steps):
    for action, user in steps:
        submission_transition(submission_id=submission.pk, action=action, user=user)
    submission.refresh_from_db()
    return submission


@pytest.mark.parametrize(
    "before, action, after, note, consequence",
    [
        (["submit"], "start_screening", "screening", "", "emailed that it has begun"),
        (
            ["submit", "start_screening"],
            "accept_for_review",
            "accepted_for_review",
            "",
            "waits for its review panel",
        ),
        (
            ["submit", "start_screening"],
            "return_to_provider",
            "returned",
            "Add a scenario on mental health crises.",
            "can edit the submission again",
        ),
    ],
)
def test_a_transition_button_asks_first_and_acts_once(
    complete_draft, provider_a, coordinator, before, action, after, note, consequence
):
    users = {"submit": provider_a}
    submission = moved_to(
        complete_draft, *[(step, users.get(step, coordinator)) for step in before]
    )
    status = submission.status
    client = as_user(coordinator)
    file_page = client.get(f"/admin/submissions/{submission.pk}/").content.decode()
    assert f'href="{action_url(submission, action)}"' in file_page

    unconfirmed = client.post(
        action_url(submission, action), {"expected_status": status, "note": note}
    )
    assert unconfirmed.status_code == 200 and consequence in unconfirmed.content.decode()
    assert status_of(submission) == status and events(submission, action) == 0

    page = client.get(action_url(submission, action))
    assert consequence in page.content.decode()
    form_action, fields = confirmation_form(page.content.decode())
    fields["note"] = note
    assert client.post(form_action, fields).status_code == 302
    assert status_of(submission) == after and events(submission, action) == 1

    replay = client.post(form_action, fields)
    assert replay.status_code == 409
    assert status_of(submission) == after and events(submission, action) == 1


def test_a_confirmation_without_the_status_it_saw_changes_nothing(
    submitted_by_provider, coordinator
):
    submission = submitted_by_provider
    response = as_user(coordinator).post(
        action_url(submission, "start_screening"), {"confirmed": "yes", "expected_status": ""}
    )
    assert response.status_code == 400 and "reload" in response.content.decode()
    assert status_of(submission) == "submitted"


@pytest.fixture
def submitted_by_provider(complete_draft, provider_a):
    return moved_to(complete_draft, ("submit", provider_a))


def test_only_coordinators_reach_a_transitions_confirmation(
    submitted_by_provider, provider_a, reviewers
):
    submission = submitted_by_provider
    for user in [provider_a, reviewers["officer"]]:
        client = as_user(user)
        assert client.get(action_url(submission, "start_screening")).status_code in (302, 403)
        confirmed = {"confirmed": "yes", "expected_status": "submitted"}
        assert client.post(action_url(submission, "start_screening"), confirmed).status_code in (
            302,
            403,
        )
    assert status_of(submission) == "submitted"


def test_a_step_not_possible_now_has_no_confirmation(submitted_by_provider, coordinator):
    response = as_user(coordinator).get(action_url(submitted_by_provider, "accept_for_review"))
    assert response.status_code == 409 and "not possible" in response.content.decode()


def test_issuing_a_decision_asks_first_says_what_follows_and_issues_once(
    demo_site, in_reconciliation, coordinator, django_capture_on_commit_callbacks
):
    submission = in_reconciliation
    reconcile(coordinator, submission, consensus(submission))
    reconcile(coordinator, submission, {"draft": "", "outcome": "approved"})
    client = as_user(coordinator)
    page = client.get(f"/admin/submissions/{submission.pk}/reconcile/").content.decode()
    issue_url = f"/admin/submissions/{submission.pk}/reconcile/issue/"
    assert f'href="{issue_url}"' in page

    original = reconcile(coordinator, submission, {"issue": "", "round": "1"})
    assert original.status_code == 302 and original.url == issue_url
    assert status_of(submission) == "reconciliation" and events(submission, "approve") == 0

    confirmation = client.get(issue_url).content.decode()
    assert "publishes it to the public catalog and emails the decision letter" in confirmation
    form_action, fields = confirmation_form(confirmation)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(form_action, fields).status_code == 302
    assert status_of(submission) == "approved" and events(submission, "approve") == 1

    replay = client.post(form_action, fields)
    assert replay.status_code == 409
    assert events(submission, "approve") == 1 and Decision.objects.count() == 1


def test_a_replayed_sign_off_request_does_not_sign_the_decision_off(
    demo_site, in_reconciliation, coordinator, settings
):
    settings.REVIEW_DECISION_SIGN_OFF = True
    second = make_user("second-coordinator", group=COORDINATOR)
    submission = in_reconciliation
    reconcile(coordinator, submission, consensus(submission))
    reconcile(coordinator, submission, {"draft": "", "outcome": "approved"})
    issue_url = f"/admin/submissions/{submission.pk}/reconcile/issue/"
    page = as_user(coordinator).get(issue_url).content.decode()
    assert "goes to a second coordinator" in page and "Nothing is sent to the provider" in page
    form_action, drafted_stage = confirmation_form(page)
    assert as_user(coordinator).post(form_action, drafted_stage).status_code == 302
    assert Decision.objects.get().stage == "awaiting_sign_off"
    # The second coordinator posting the form that asked for sign-off does not issue.
    assert as_user(second).post(form_action, drafted_stage).status_code == 409
    assert Decision.objects.get().stage == "awaiting_sign_off"
    assert status_of(submission) == "reconciliation"


@pytest.mark.parametrize(
    "data", [{"confirmed": "yes"}, {"confirmed": "yes", "round": "1", "stage": "maybe"}]
)
def test_an_incomplete_issue_confirmation_is_refused_cleanly(in_reconciliation, coordinator, data):
    reconcile(coordinator, in_reconciliation, consensus(in_reconciliation))
    reconcile(coordinator, in_reconciliation, {"draft": "", "outcome": "approved"})
    before = AuditEvent.objects.count()
    url = f"/admin/submissions/{in_reconciliation.pk}/reconcile/issue/"
    assert as_user(coordinator).post(url, data).status_code == 400
    assert AuditEvent.objects.count() == before


def test_the_provider_confirms_a_withdrawal_and_it_happens_once(
    client, submitted_by_provider, provider_a, provider_b, coordinator
):
    submission = submitted_by_provider
    url = f"/portal/submissions/{submission.pk}/withdraw/"
    client.force_login(provider_a)
    detail = client.get(f"/portal/submissions/{submission.pk}/").content.decode()
    assert f'href="{url}"' in detail and 'data-confirm-dialog="withdraw-dialog"' in detail
    assert "cannot be resumed" in detail  # the dialog's text, for the enhanced page

    unconfirmed = client.post(url, {"expected_status": "submitted"})
    assert unconfirmed.status_code == 200 and "cannot be resumed" in unconfirmed.content.decode()
    assert status_of(submission) == "submitted"

    page = client.get(url).content.decode()
    assert "<h1>Withdraw" in page
    form_action, fields = confirmation_form(page)
    assert client.post(form_action, fields).status_code == 302
    assert status_of(submission) == "withdrawn" and events(submission, "withdraw") == 1
    assert client.post(form_action, fields).status_code == 409
    assert events(submission, "withdraw") == 1

    client.force_login(provider_b)
    assert client.get(url).status_code == 404


def test_nobody_but_the_provider_withdraws(client, submitted_by_provider, coordinator):
    url = f"/portal/submissions/{submitted_by_provider.pk}/withdraw/"
    client.force_login(coordinator)
    assert client.get(url).status_code in (403, 404)
    refused = client.post(url, {"confirmed": "yes", "expected_status": "submitted"})
    assert refused.status_code in (403, 404)
    assert Submission.objects.get(pk=submitted_by_provider.pk).status == "submitted"


def test_where_every_reviewer_agrees_the_consensus_is_proposed_for_the_coordinator_to_confirm(
    in_reconciliation, coordinator
):
    from review_workflow.models import ConsensusRating

    page = as_user(coordinator).get(f"/admin/submissions/{in_reconciliation.pk}/reconcile/")
    html = page.content.decode()
    standards = list(in_reconciliation.standards_version.standards.all())
    assert html.count("Proposed: every reviewer agrees.") == len(standards)
    assert '<option value="meets" selected>' in html
    assert not ConsensusRating.objects.exists()  # nothing is recorded until confirmed
    reconcile(coordinator, in_reconciliation, consensus(in_reconciliation))
    html = (
        as_user(coordinator)
        .get(f"/admin/submissions/{in_reconciliation.pk}/reconcile/")
        .content.decode()
    )
    assert "Proposed: every reviewer agrees." not in html
    assert ConsensusRating.objects.count() == len(standards)
