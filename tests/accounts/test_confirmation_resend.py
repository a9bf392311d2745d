"""A lost or expired confirmation email is not a dead end: a new link can be sent, with the
same answer whether or not the address has an account, and within limits."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from pages.models import ProviderType

REGISTRATION = {
    "full_name": "Pat Provider",
    "email": "pat@example.org",
    "password": "a-long-unusual-passphrase",
    "organization_name": "Riverside Academy",
    "provider_type": "",
    "state": "",
    "website": "",
    "phone": "",
}


@pytest.fixture
def registered(client, db, smtp_server):
    """Pat registered but never confirmed; the first email is ignored."""
    data = {**REGISTRATION, "provider_type": ProviderType.objects.first().pk}
    assert client.post("/portal/register/", data).status_code == 200
    smtp_server.received.clear()
    return get_user_model().objects.get(email="pat@example.org")


def _ask(client, email, ip="10.0.0.1"):
    return client.post("/accounts/confirm-again/", {"email": email}, REMOTE_ADDR=ip)


def _page(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def _link(body: str) -> str:
    return re.search(r"http://testserver(/accounts/verify/\S+)", body).group(1)


def test_the_sign_in_page_and_a_bad_link_offer_a_new_confirmation_link(client, db):
    assert "/accounts/confirm-again/" in client.get("/accounts/login/").content.decode()
    failed = client.get("/accounts/verify/not-a-token/")
    assert failed.status_code == 400
    assert "/accounts/confirm-again/" in failed.content.decode()


def test_an_unconfirmed_provider_gets_a_new_link_that_activates_the_account(
    client, registered, smtp_server, settings
):
    settings.ACCOUNT_VERIFICATION_MAX_AGE = 60
    response = _ask(client, "PAT@example.org")
    assert response.status_code == 302
    assert response.url == "/accounts/confirm-again/sent/"
    [mail] = smtp_server.to("pat@example.org")
    assert client.get(_link(mail.body)).status_code == 302
    registered.refresh_from_db()
    assert registered.is_active


def test_the_answer_is_the_same_for_unknown_and_confirmed_addresses(
    client, registered, smtp_server
):
    answers = [_ask(Client(), email) for email in ("pat@example.org", "nobody@example.org")]
    assert {answer.status_code for answer in answers} == {302}
    assert {answer.url for answer in answers} == {"/accounts/confirm-again/sent/"}
    done = [Client().get(answer.url) for answer in answers]
    assert _page(done[0]) == _page(done[1])
    assert smtp_server.to("nobody@example.org") == []


def test_a_confirmed_or_deactivated_account_gets_no_link(client, registered, smtp_server):
    get_user_model().objects.filter(pk=registered.pk).update(is_active=True)
    _ask(client, "pat@example.org")
    assert smtp_server.to("pat@example.org") == []


def test_an_old_link_does_not_revive_an_account_staff_deactivated(client, registered, smtp_server):
    _ask(client, "pat@example.org")
    link = _link(smtp_server.to("pat@example.org")[0].body)
    assert client.get(link).status_code == 302
    client.post(
        "/accounts/login/",
        {"next": "", "email": "pat@example.org", "password": REGISTRATION["password"]},
    )
    get_user_model().objects.filter(pk=registered.pk).update(is_active=False)
    assert Client().get(link).status_code == 400
    registered.refresh_from_db()
    assert not registered.is_active


def test_new_links_are_rate_limited(client, registered, smtp_server):
    answers = {_ask(client, "pat@example.org").status_code for _ in range(6)}
    assert answers == {302}
    assert len(smtp_server.to("pat@example.org")) == 3


def test_a_malformed_address_is_a_clear_400(client, db):
    response = _ask(client, "not an address")
    assert response.status_code == 400
    assert "valid email" in response.content.decode()
    assert _ask(client, "").status_code == 400
