"""One set of limits for every sign-in and password reset door, keyed so strangers cannot
lock a person out, and a lockout that answers exactly like a wrong password."""

import re

import pytest
from django.test import Client

from accounts.limits import client_ip
from tests.accounts.conftest import PASSWORD

HOME = "10.0.0.1"
ELSEWHERE = "10.9.9.9"


def _page(response) -> str:
    body = response.content.decode()
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
    return re.sub(r'"CSRF_TOKEN": "[^"]+"', "", body)


def portal_sign_in(client, email, password, ip=HOME):
    return client.post(
        "/accounts/login/", {"next": "", "email": email, "password": password}, REMOTE_ADDR=ip
    )


def admin_sign_in(client, username, password, ip=HOME):
    return client.post(
        "/admin/login/", {"next": "", "username": username, "password": password}, REMOTE_ADDR=ip
    )


def page_login(client, username, password, ip=HOME):
    return client.post(
        "/_util/login/", {"next": "/", "username": username, "password": password}, REMOTE_ADDR=ip
    )


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_a_locked_portal_account_answers_like_a_wrong_password(client, provider):
    for _ in range(5):
        wrong = portal_sign_in(client, provider.email, "wrong-password")
        assert wrong.status_code == 400
    locked = portal_sign_in(client, provider.email, PASSWORD)
    assert locked.status_code == wrong.status_code
    assert _page(locked) == _page(wrong)
    assert not _signed_in(client)


def test_a_stranger_elsewhere_cannot_lock_a_person_out(client, provider):
    stranger = Client()
    for _ in range(10):
        portal_sign_in(stranger, provider.email, "wrong-password", ip=ELSEWHERE)
    response = portal_sign_in(client, provider.email, PASSWORD, ip=HOME)
    assert response.status_code == 302
    assert _signed_in(client)


def test_guessing_spread_over_many_clients_is_slowed_per_account(client, provider):
    for n in range(50):
        portal_sign_in(Client(), provider.email, "wrong-password", ip=f"10.1.{n // 4}.{n}")
    response = portal_sign_in(client, provider.email, PASSWORD, ip="10.200.0.1")
    assert response.status_code == 400
    assert not _signed_in(client)


def test_naming_the_account_by_user_name_or_email_shares_one_counter(client, staff):
    for n in range(5):
        name = staff.username if n % 2 else staff.email.upper()
        admin_sign_in(client, name, "wrong-password")
    response = admin_sign_in(client, staff.username, PASSWORD)
    assert response.status_code == 200
    assert not _signed_in(client)


def test_the_admin_login_is_limited_and_locked_looks_like_wrong(client, staff):
    for _ in range(20):
        wrong = admin_sign_in(client, staff.username, "wrong-password")
        assert wrong.status_code == 200
    locked = admin_sign_in(client, staff.username, PASSWORD)
    assert locked.status_code == wrong.status_code
    assert _page(locked) == _page(wrong)
    assert not _signed_in(client)
    assert admin_sign_in(Client(), staff.username, PASSWORD, ip=ELSEWHERE).status_code == 302


def test_the_admin_login_gives_a_provider_the_wrong_password_answer(client, provider):
    wrong = admin_sign_in(client, provider.email, "wrong-password")
    right = admin_sign_in(Client(), provider.email, PASSWORD)
    assert right.status_code == wrong.status_code == 200
    assert _page(right) == _page(wrong)


def test_the_admin_login_signs_in_staff(client, staff):
    response = admin_sign_in(client, staff.username, PASSWORD)
    assert response.status_code == 302
    assert _signed_in(client)


def test_the_private_page_login_refuses_an_account_the_portal_locked(client, provider):
    for _ in range(5):
        portal_sign_in(client, provider.email, "wrong-password")
    response = page_login(client, provider.email, PASSWORD)
    assert response.status_code == 200
    assert not _signed_in(client)
    assert page_login(Client(), provider.email, PASSWORD, ip=ELSEWHERE).status_code == 302


def test_the_private_page_login_counts_failures_too(client, provider):
    for _ in range(5):
        page_login(client, provider.email, "wrong-password")
    assert portal_sign_in(client, provider.email, PASSWORD).status_code == 400


def _reset(client, url, email, ip=HOME):
    return client.post(url, {"email": email}, REMOTE_ADDR=ip)


@pytest.mark.parametrize("url", ["/accounts/password-reset/", "/admin/password_reset/"])
def test_password_reset_emails_stop_after_five_with_the_same_answer(
    client, staff, smtp_server, url
):
    answers = {_reset(client, url, staff.email).status_code for _ in range(10)}
    assert answers == {302}
    assert len(smtp_server.to(staff.email)) == 5


def test_both_reset_doors_share_one_count(client, staff, smtp_server):
    for _ in range(3):
        _reset(client, "/accounts/password-reset/", staff.email)
        _reset(client, "/admin/password_reset/", staff.email)
    assert len(smtp_server.to(staff.email)) == 5


def test_resets_from_many_clients_stop_at_the_per_address_limit(client, staff, smtp_server):
    for n in range(15):
        _reset(Client(), "/accounts/password-reset/", staff.email, ip=f"10.2.0.{n}")
    assert len(smtp_server.to(staff.email)) == 10


def test_the_client_address_is_taken_from_trusted_proxies_only(rf, settings):
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7", REMOTE_ADDR="10.0.0.2")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "198.51.100.7"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request) == "6.6.6.6"
    settings.TRUSTED_PROXY_COUNT = 3
    assert client_ip(request) == "10.0.0.2"


def test_a_forged_forwarded_address_does_not_escape_the_limit(client, provider, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(5):
        client.post(
            "/accounts/login/",
            {"next": "", "email": provider.email, "password": "wrong-password"},
            HTTP_X_FORWARDED_FOR=f"1.2.3.{n}, 198.51.100.7",
        )
    response = client.post(
        "/accounts/login/",
        {"next": "", "email": provider.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="9.9.9.9, 198.51.100.7",
    )
    assert response.status_code == 400
