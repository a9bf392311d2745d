"""Coordinators browse submissions and the audit trail in the admin; nobody edits the trail."""

import pytest

from review_workflow.services.lifecycle import submission_transition


@pytest.fixture
def submitted(complete_draft, provider_a):
    return submission_transition(submission_id=complete_draft.pk, action="submit", user=provider_a)


def test_coordinators_see_the_submission_queue_and_the_audit_trail(client, coordinator, submitted):
    client.force_login(coordinator)
    queue = client.get("/admin/review_workflow/submission/")
    assert queue.status_code == 200
    assert "Calm Contact" in queue.content.decode()
    assert client.get("/admin/review_workflow/submission/?status=submitted").status_code == 200
    trail = client.get("/admin/review_workflow/auditevent/")
    assert trail.status_code == 200
    assert "submit" in trail.content.decode()


def test_the_audit_trail_cannot_be_edited_or_deleted_through_the_admin(
    client, coordinator, submitted, admin_user
):
    event = submitted.audit_events.last()
    for user in (coordinator, admin_user):
        client.force_login(user)
        for url in [
            f"/admin/review_workflow/auditevent/edit/{event.pk}/",
            f"/admin/review_workflow/auditevent/delete/{event.pk}/",
            "/admin/review_workflow/auditevent/create/",
        ]:
            for response in (client.get(url), client.post(url, {"note": "rewritten"})):
                refused = response.status_code in (403, 404) or (
                    response.status_code == 302 and response["Location"] == "/admin/"
                )
                assert refused, (url, response.status_code)
    event.refresh_from_db()
    assert event.note == ""


def test_providers_never_reach_the_admin(client, provider_a, submitted):
    client.force_login(provider_a)
    for url in ["/admin/", "/admin/review_workflow/submission/"]:
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert "Calm Contact" not in response.content.decode()


def _file(client, submission):
    return client.get(f"/admin/submissions/{submission.pk}/")


def _act(client, submission, action, **data):
    """Post the transition as its confirmation page does."""
    return client.post(
        f"/admin/submissions/{submission.pk}/action/{action}/", {"confirmed": "yes", **data}
    )


def test_the_coordinator_screens_and_returns_from_the_submission_file(
    client, coordinator, submitted
):
    client.force_login(coordinator)
    page = _file(client, submitted).content.decode()
    assert "Start screening" in page and "curriculum.pdf" in page and "Audit trail" in page
    assert "Accept for review" not in page  # not possible before screening
    response = _act(client, submitted, "start_screening", expected_status="submitted")
    assert response.status_code == 302
    page = _file(client, submitted).content.decode()
    assert "Return to provider" in page and "Accept for review" in page
    refused = _act(client, submitted, "return_to_provider", expected_status="screening", note="")
    assert refused.status_code == 400
    response = _act(
        client, submitted, "return_to_provider", expected_status="screening", note="Add scenarios."
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == "returned" and submitted.coordinator_notes == "Add scenarios."


def test_a_stale_button_answers_409_and_changes_nothing(client, coordinator, submitted):
    client.force_login(coordinator)
    _act(client, submitted, "start_screening", expected_status="submitted")
    response = _act(client, submitted, "start_screening", expected_status="submitted")
    assert response.status_code == 409
    assert "changed by someone else" in response.content.decode()
    assert submitted.audit_events.filter(action="start_screening").count() == 1


def test_versions_compare_side_by_side_with_changes_marked(
    client, coordinator, submitted, provider_a
):
    from review_workflow.services.lifecycle import submission_transition

    client.force_login(coordinator)
    _act(client, submitted, "start_screening", expected_status="submitted")
    _act(client, submitted, "return_to_provider", expected_status="screening", note="More.")
    submitted.refresh_from_db()
    submitted.summary = "A revised summary."
    submitted.save()
    submission_transition(submission_id=submitted.pk, action="submit", user=provider_a)
    page = client.get(f"/admin/submissions/{submitted.pk}/compare/?from=1&to=2").content.decode()
    assert "A revised summary." in page and "A course on slowing encounters down." in page
    assert "Summary <strong>(changed)</strong>" in page
    assert 'Title <strong><span class="w-sr-only">(unchanged)</span></strong>' in page
    assert "The training is free of charge" in page and "is_free" not in page
    assert "Law enforcement officers" in page or "Law Enforcement Officers" in page
    assert "Self-assessment: CR-1" in page and "Where: " in page
    assert "{&#x27;" not in page and "True" not in page and "Decimal" not in page
    assert client.get(f"/admin/submissions/{submitted.pk}/compare/?from=1&to=9").status_code == 404


def test_providers_cannot_open_the_coordinator_screens(client, provider_a, submitted):
    client.force_login(provider_a)
    assert _file(client, submitted).status_code in (302, 403)
    response = _act(client, submitted, "start_screening", expected_status="submitted")
    assert response.status_code in (302, 403)
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_the_panel_offers_the_default_due_date(client, coordinator, accepted_submission, settings):
    import datetime

    from django.utils import timezone

    settings.REVIEW_DUE_DAYS = 10
    client.force_login(coordinator)
    page = client.get(f"/admin/submissions/{accepted_submission.pk}/panel/").content.decode()
    due = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    assert f'name="due_date" value="{due}"' in page


def test_the_queue_never_breaks_a_status_mid_word(client, coordinator, submitted):
    client.force_login(coordinator)
    page = client.get("/admin/review_workflow/submission/").content.decode()
    assert '<span style="white-space: nowrap">Submitted</span>' in page


def test_the_reviewer_profile_chooser_names_people_by_name_and_email_never_providers(
    client, provider_a
):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser(
        "chief", "chief@example.org", "a-long-test-password"
    )
    get_user_model().objects.create_user(
        "dr-lee", "lee@example.org", "a-long-test-password", first_name="Robin", last_name="Lee"
    )
    client.force_login(admin)
    page = client.get("/admin/review_workflow/reviewerprofile/create/").content.decode()
    assert "Robin Lee &lt;lee@example.org&gt;" in page
    assert provider_a.email not in page


def test_the_panel_names_suggested_reviewers_with_their_email(
    client, coordinator, accepted_submission, reviewers
):
    client.force_login(coordinator)
    page = client.get(f"/admin/submissions/{accepted_submission.pk}/panel/").content.decode()
    assert f"({reviewers['officer'].email})" in page
