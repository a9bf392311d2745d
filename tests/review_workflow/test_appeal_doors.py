"""Every (appeal state, transition, role) through the doors that run an appeal's steps: the
coordinator's outcome URL in the admin and the provider's lodging URL in the portal. Only the
step each door offers runs, for those who may run it, when its rules are met; everything else
is refused and changes nothing."""

import pytest
from django.db import transaction
from django.test import Client

from review_workflow.core.states import AppealStatus
from review_workflow.models import Appeal, AuditEvent
from review_workflow.services.transitions import APPEAL_TRANSITIONS

from .appeals import AppealPeople, appeal_in, findings_in

pytestmark = pytest.mark.django_db

# Written out by hand from the rules: the outcome is the coordinators', once every finding
# is in; lodging is the provider's own, from a draft; the review starts only when the panel
# has cleared itself, never from a door.
ADMIN_ALLOWED = {
    (AppealStatus.IN_REVIEW, "uphold"): AppealStatus.UPHELD,
    (AppealStatus.IN_REVIEW, "overturn"): AppealStatus.OVERTURNED,
}
PORTAL_ALLOWED = {(AppealStatus.DRAFT, "lodge"): AppealStatus.APPEALED}
COORDINATING = {"coordinator", "administrator"}
WITHOUT_ADMIN = {"anonymous", "provider_a", "provider_b"}
ROLES = [
    "anonymous",
    "provider_a",
    "provider_b",
    "officer",  # on the original panel
    "arbiter",  # on the appeal panel
    "editor",
    *COORDINATING,
]


def client_for(people, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(getattr(people, role))
    return client


def appeal_ready(state, people) -> Appeal:
    appeal = appeal_in(state, people)
    if state == AppealStatus.IN_REVIEW:
        appeal = findings_in(people, appeal)  # every rule of the outcome met
    return appeal


def trace(appeal: Appeal) -> tuple:
    """Everything an appeal's step could change."""
    appeal.refresh_from_db()
    submission = appeal.submission
    submission.refresh_from_db()
    return (
        appeal.status,
        appeal.lodged_at,
        appeal.decided_at,
        appeal.letter_body,
        submission.status,
        submission.review_round,
        AuditEvent.objects.filter(submission=submission).count(),
    )


@pytest.mark.parametrize("state", list(AppealStatus))
def test_every_appeal_transition_and_role_at_the_outcome_url(state):
    people = AppealPeople()
    appeal = appeal_ready(state, people)
    for role in ROLES:
        client = client_for(people, role)
        for action in APPEAL_TRANSITIONS:
            with transaction.atomic():
                before = trace(appeal)
                response = client.post(
                    f"/admin/appeals/{appeal.pk}/action/{action}/",
                    {
                        "note": "The panel's findings.",
                        "expected_status": state,
                        "confirmed": "yes",
                    },
                )
                after = trace(appeal)
                where = (state, action, role)
                target = ADMIN_ALLOWED.get((state, action))
                if target and role in COORDINATING:
                    assert response.status_code == 302, where
                    assert after[0] == target, where
                    event = AuditEvent.objects.filter(appeal=appeal, action=f"appeal_{action}")
                    assert event.get().actor == getattr(people, role), where
                else:
                    if role in WITHOUT_ADMIN:
                        assert response.status_code == 302, where
                        assert "/login/" in response["Location"], where
                    elif state == AppealStatus.DRAFT and role in COORDINATING:
                        # A draft is the provider's until lodged: staff do not see it.
                        assert response.status_code == 404, where
                    else:
                        assert response.status_code in {403, 409}, (where, response.status_code)
                    assert after == before, where
                transaction.set_rollback(True)
            appeal.refresh_from_db()


@pytest.mark.parametrize("state", list(AppealStatus))
def test_every_appeal_state_and_role_at_the_lodging_url(state):
    people = AppealPeople()
    appeal = appeal_ready(state, people)
    url = f"/portal/submissions/{appeal.submission_id}/appeal/lodge/"
    for role in ROLES:
        client = client_for(people, role)
        with transaction.atomic():
            before = trace(appeal)
            response = client.post(
                url, {"confirmed": "yes", "appeal": appeal.pk, "expected_status": state}
            )
            after = trace(appeal)
            where = (state, role)
            if PORTAL_ALLOWED.get((state, "lodge")) and role == "provider_a":
                assert response.status_code == 302, where
                assert after[0] == AppealStatus.APPEALED, where
            else:
                if role == "anonymous":
                    assert response.status_code == 302 and "/login/" in response["Location"]
                elif role == "provider_a":
                    assert response.status_code == 409, where
                else:
                    assert response.status_code == 404, (where, response.status_code)
                assert after == before, where
            transaction.set_rollback(True)
        appeal.refresh_from_db()


def test_the_appeal_file_offers_exactly_the_allowed_outcomes():
    people = AppealPeople()
    for state in (AppealStatus.APPEALED, AppealStatus.IN_REVIEW, AppealStatus.UPHELD):
        appeal = appeal_ready(state, people)
        page = client_for(people, "coordinator").get(f"/admin/appeals/{appeal.pk}/")
        offered = {
            action
            for action in APPEAL_TRANSITIONS
            if f"/admin/appeals/{appeal.pk}/action/{action}/" in page.content.decode()
        }
        assert offered == {action for (s, action) in ADMIN_ALLOWED if s == state}, state
