"""Stay connected: double opt-in, signed links, preferences, one-click unsubscribe, bounces."""

import re

import pytest

from mailing.links import manage_url, unsubscribe_url
from mailing.models import Subscriber
from pages.models import TopicArea

pytestmark = pytest.mark.django_db


def sign_up(client, email="sam@example.org", **extra):
    data = {"email": email, "consent": "on", "project_announcements": "on", **extra}
    return client.post("/stay-connected/", data)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def link(mail, kind: str) -> str:
    return path_of(re.search(rf"(http\S+/stay-connected/{kind}/\S+/)", mail.body).group(1))


def test_signup_sends_only_a_confirmation_and_confirming_subscribes(
    client, smtp_server, django_capture_on_commit_callbacks
):
    topic = TopicArea.objects.get(slug="suicide-prevention")
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, "Sam@Example.org", topics=[topic.pk])
    assert (
        response.status_code == 302 and response["Location"] == "/stay-connected/check-your-email/"
    )
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "sam@example.org" and subscriber.status == "pending"
    assert list(subscriber.topics.all()) == [topic]
    [mail] = smtp_server.to("sam@example.org")
    assert mail.subject == "Confirm your subscription"
    confirm = link(mail, "confirm")
    assert client.get(confirm).status_code == 200  # a page with a button: scanners confirm nothing
    assert Subscriber.objects.get().status == "pending"
    assert client.post(confirm).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed" and subscriber.confirmed_at


def test_a_repeated_signup_looks_the_same_and_reveals_nothing(
    client, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = sign_up(client)
    Subscriber.objects.update(status="confirmed")
    with django_capture_on_commit_callbacks(execute=True):
        second = sign_up(client)
        unknown = sign_up(client, "new@example.org")
    assert first.status_code == second.status_code == unknown.status_code == 302
    assert first["Location"] == second["Location"] == unknown["Location"]
    assert len(smtp_server.to("sam@example.org")) == 1  # a confirmed address gets no new mail
    assert Subscriber.objects.count() == 2


@pytest.mark.parametrize("kind", ["confirm", "preferences", "unsubscribe"])
def test_tampered_links_are_refused(client, smtp_server, kind, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    subscriber = Subscriber.objects.get()
    url = {
        "confirm": link(smtp_server.received[0], "confirm"),
        "preferences": path_of(manage_url(subscriber)),
        "unsubscribe": path_of(unsubscribe_url(subscriber)),
    }[kind]
    tampered = url[:-4] + ("x" if url[-4] != "x" else "y") + url[-3:]
    assert client.get(tampered).status_code == 400
    assert client.post(tampered).status_code == 400
    assert Subscriber.objects.get().status == "pending"


def test_an_expired_confirmation_link_is_refused(
    client, smtp_server, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    settings.MAILING_CONFIRM_MAX_AGE = -1
    assert client.post(link(smtp_server.received[0], "confirm")).status_code == 400
    assert Subscriber.objects.get().status == "pending"


def test_erasing_invalidates_every_link(client, smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    subscriber = Subscriber.objects.get()
    preferences = path_of(manage_url(subscriber))
    assert client.post(preferences, {"erase": ""}).status_code == 200
    assert not Subscriber.objects.exists()
    assert client.get(preferences).status_code == 400


def test_preferences_change_topics_and_unsubscribe(client):
    subscriber = Subscriber.objects.create(email="sam@example.org", status="confirmed")
    preferences = path_of(manage_url(subscriber))
    topic = TopicArea.objects.get(slug="disability-awareness")
    response = client.post(preferences, {"topics": [topic.pk], "save": ""})
    assert "Your preferences are saved." in response.content.decode()
    assert list(subscriber.topics.all()) == [topic]
    assert not Subscriber.objects.get().project_announcements
    client.post(preferences, {"unsubscribe": ""})
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed" and subscriber.unsubscribed_at


def test_one_click_unsubscribe_works_without_a_session_or_csrf_token(client):
    from django.test import Client

    subscriber = Subscriber.objects.create(email="sam@example.org", status="confirmed")
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        path_of(unsubscribe_url(subscriber)),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert Subscriber.objects.get().status == "unsubscribed"


def test_bots_filling_the_honeypot_are_ignored_quietly(
    client, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, website="http://spam.example")
    assert response.status_code == 302
    assert not Subscriber.objects.exists() and smtp_server.received == []


def test_signups_are_rate_limited_per_address_and_per_client(client):
    for _ in range(3):
        assert sign_up(client).status_code == 302
    assert sign_up(client).status_code == 429
    for n in range(7):  # ten sign-ups from this client within the hour, counting the first three
        assert sign_up(client, f"other{n}@example.org").status_code == 302
    assert sign_up(client, "fresh@example.org").status_code == 429


def test_invalid_signups_get_a_clear_400(client):
    response = client.post("/stay-connected/", {"email": "not-an-email", "consent": "on"})
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert client.post("/stay-connected/", {"email": "a@example.org"}).status_code == 400


def test_bounced_addresses_are_never_mailed_again(
    client, smtp_server, settings, django_capture_on_commit_callbacks
):
    settings.MAILING_WEBHOOK_SECRET = "s3cret-value"
    Subscriber.objects.create(email="sam@example.org", status="confirmed")
    response = client.post(
        "/stay-connected/delivery-events/",
        data={"email": "SAM@example.org", "type": "bounce"},
        content_type="application/json",
        headers={"Authorization": "Bearer s3cret-value"},
    )
    assert response.status_code == 200 and response.json() == {"updated": True}
    assert Subscriber.objects.get().status == "bounced"
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    assert smtp_server.received == []
    assert Subscriber.objects.get().status == "bounced"


@pytest.mark.parametrize(
    ("headers", "body", "status"),
    [
        ({}, {"email": "a@example.org", "type": "bounce"}, 401),
        ({"Authorization": "Bearer wrong"}, {"email": "a@example.org", "type": "bounce"}, 401),
        ({"Authorization": "Bearer s3cret-value"}, {"email": "a@example.org"}, 400),
        ({"Authorization": "Bearer s3cret-value"}, {"email": "a@example.org", "type": "x"}, 400),
    ],
)
def test_the_delivery_webhook_checks_its_secret_and_payload(
    client, settings, headers, body, status
):
    settings.MAILING_WEBHOOK_SECRET = "s3cret-value"
    response = client.post(
        "/stay-connected/delivery-events/",
        data=body,
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == status


def test_every_page_carries_the_footer_signup_form(client, demo_site):
    response = client.get("/about/")
    body = response.content.decode()
    assert 'method="get" action="/stay-connected/"' in body
    assert "csrfmiddlewaretoken" not in body and "csrftoken" not in response.cookies


def test_the_footer_form_opens_the_signup_page_with_the_address_filled_in(client, demo_site):
    response = client.get("/stay-connected/", {"email": "sam@example.org"})
    assert response.status_code == 200
    assert 'value="sam@example.org"' in response.content.decode()
    assert "csrftoken" in response.cookies  # the real form is here


def test_staff_export_subscribers_as_csv(client, admin_user):
    Subscriber.objects.create(email="sam@example.org", status="confirmed")
    client.force_login(admin_user)
    listing = client.get("/admin/mailing/subscriber/?status=confirmed")
    assert listing.status_code == 200 and "sam@example.org" in listing.content.decode()
    export = client.get("/admin/mailing/subscriber/?export=csv")
    assert export.status_code == 200
    content = b"".join(export.streaming_content) if export.streaming else export.content
    assert b"sam@example.org" in content
