"""Coordinators browse submissions and the audit trail in the admin; nobody edits the trail."""

import pytest

from review_workflow.services import submission_transition


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
