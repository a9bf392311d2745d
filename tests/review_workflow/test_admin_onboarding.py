"""A coordinator invites a reviewer in one form; the reviewer chooses a password from the email."""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from review_workflow.models import ExpertiseArea, ReviewerProfile

URL = "/admin/reviewer-invitations/"


def invite_data(org_a, **overrides) -> dict:
    data = {
        "first_name": "Robin",
        "last_name": "Lee",
        "email": "Robin.Lee@Example.org",
        "expertise": [str(ExpertiseArea.objects.get(slug="mental-health-practice").pk)],
        "affiliations": [str(org_a.pk)],
        "capacity": "2",
    }
    data.update(overrides)
    return data


def test_a_coordinator_invites_a_reviewer_who_sets_a_password_and_signs_in(
    client, coordinator, org_a, smtp_server, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    assert "Areas of expertise" in client.get(URL).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, invite_data(org_a))
    assert response.status_code == 302
    user = get_user_model().objects.get(email="robin.lee@example.org")
    assert not user.has_usable_password() and user.get_full_name() == "Robin Lee"
    profile = ReviewerProfile.objects.get(user=user)
    assert profile.capacity == 2 and list(profile.affiliations.all()) == [org_a]
    assert [area.slug for area in profile.expertise.all()] == ["mental-health-practice"]

    mail = smtp_server.to("robin.lee@example.org")[0]
    link = re.search(r"https?://\S+/accounts/password-reset/\S+/", mail.body).group(0)
    reviewer = Client()
    form_page = reviewer.get(urlsplit(link).path, follow=True)
    assert form_page.status_code == 200 and "new_password1" in form_page.content.decode()
    done = reviewer.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-long-reviewer-password", "new_password2": "a-long-reviewer-password"},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-long-reviewer-password")


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"email": "not-an-address"}, "Enter a valid email address."),
        ({"expertise": []}, "This field is required."),
        ({"capacity": "0"}, "greater than or equal to 1"),
        ({"first_name": ""}, "This field is required."),
    ],
)
def test_an_incomplete_invitation_is_refused_and_creates_nobody(
    client, coordinator, org_a, overrides, message
):
    client.force_login(coordinator)
    before = get_user_model().objects.count()
    response = client.post(URL, invite_data(org_a, **overrides))
    assert response.status_code == 400 and message in response.content.decode()
    assert get_user_model().objects.count() == before


def test_an_address_already_in_use_is_refused_with_the_way_forward(
    client, coordinator, org_a, provider_a
):
    client.force_login(coordinator)
    response = client.post(URL, invite_data(org_a, email=provider_a.email.upper()))
    assert response.status_code == 409
    assert "already exists" in response.content.decode()
    assert not ReviewerProfile.objects.filter(user=provider_a).exists()


def test_only_those_who_manage_reviewers_can_invite(client, provider_a, reviewers, org_a):
    for user in (provider_a, reviewers["officer"]):
        client.force_login(user)
        assert client.get(URL).status_code in (302, 403)
        assert client.post(URL, invite_data(org_a)).status_code in (302, 403)
    assert not get_user_model().objects.filter(email="robin.lee@example.org").exists()
