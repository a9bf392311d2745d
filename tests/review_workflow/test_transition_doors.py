"""Every (state, transition, role) through the coordinator's action URL: only what the file
offers as a button runs, for those who may run it; everything else is refused and changes
nothing."""

import pytest
from django.db import transaction
from django.test import Client

from review_workflow.core.states import Status
from review_workflow.models import AuditEvent, Submission
from review_workflow.services.transitions import TRANSITIONS

from .states import People, submission_in

pytestmark = pytest.mark.django_db

# What a coordinator may do from the submission's file, written out by hand from the rules:
# the steps decided elsewhere (a panel, the last review, a decision, the date, the provider's
# own steps) never run from this door.
ALLOWED = {
    (Status.SUBMITTED, "start_screening"): Status.SCREENING,
    (Status.SCREENING, "return_to_provider"): Status.RETURNED,
    (Status.SCREENING, "accept_for_review"): Status.ACCEPTED_FOR_REVIEW,
    (Status.APPROVED, "suspend"): Status.SUSPENDED,
    (Status.APPROVED, "revoke"): Status.REVOKED,
    (Status.SUSPENDED, "reinstate"): Status.APPROVED,
    (Status.SUSPENDED, "revoke"): Status.REVOKED,
}
COORDINATING = {"coordinator", "administrator"}
WITHOUT_ADMIN = {"anonymous", "provider_a", "provider_b"}
ROLES = ["anonymous", "provider_a", "provider_b", "officer", "outsider", "editor", *COORDINATING]


def client_for(people: People, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(getattr(people, role))
    return client


def trace(submission: Submission) -> tuple:
    """Everything a transition could change."""
    submission.refresh_from_db()
    page = submission.catalog_page
    return (
        submission.status,
        submission.version_number,
        submission.review_round,
        submission.approved_at,
        submission.expires_on,
        AuditEvent.objects.filter(submission=submission).count(),
        page.live if page else None,
    )


@pytest.mark.parametrize("state", list(Status))
def test_every_transition_and_role_at_the_action_url(state):
    people = People()
    submission = submission_in(state, people)
    for role in ROLES:
        client = client_for(people, role)
        for action in TRANSITIONS:
            with transaction.atomic():
                before = trace(submission)
                response = client.post(
                    f"/admin/submissions/{submission.pk}/action/{action}/",
                    {
                        "note": "Because the record says so.",
                        "expected_status": state,
                        "confirmed": "yes",
                    },
                )
                after = trace(submission)
                where = (state, action, role)
                target = ALLOWED.get((state, action))
                if target and role in COORDINATING:
                    assert response.status_code == 302, where
                    assert after[0] == target, where
                    event = AuditEvent.objects.filter(submission=submission, action=action).last()
                    assert (event.action, event.from_status, event.to_status) == (
                        action,
                        state,
                        target,
                    ), where
                    assert event.actor == getattr(people, role), where
                else:
                    if role in WITHOUT_ADMIN:
                        assert response.status_code == 302, where
                        assert "/login/" in response["Location"], where
                    else:
                        assert response.status_code in {403, 409}, (where, response.status_code)
                    assert after == before, where
                transaction.set_rollback(True)
            submission.refresh_from_db()


def test_the_file_offers_exactly_the_allowed_buttons():
    people = People()
    for state in (Status.SCREENING, Status.APPROVED, Status.IN_REVIEW):
        submission = submission_in(state, people)
        page = client_for(people, "coordinator").get(f"/admin/submissions/{submission.pk}/")
        offered = {
            action
            for action in TRANSITIONS
            if f"/admin/submissions/{submission.pk}/action/{action}/" in page.content.decode()
        }
        assert offered == {action for (s, action) in ALLOWED if s == state}, state
        Submission.objects.all().update(catalog_page=None)
