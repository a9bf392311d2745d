"""From a new event to a full house: double opt-in, waitlist, promotion on cancel, reminders."""

import io
import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from tests.events.conftest import days_from_today
from training_events.models import Registration

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://\S+/event-registrations/(?:confirm|cancel)/\S+/")


def _form(name, email, **extra):
    return {"name": name, "agency": "Columbus Police", "role": "Trainer", "email": email, **extra}


def _register(client, event, name, email):
    return client.post(event.url, _form(name, email))


def _link(mail, kind: str) -> str:
    links = [link for link in LINK.findall(mail.body) if f"/{kind}/" in link]
    assert links, mail.body
    return urlsplit(links[0]).path


def _open_link(client, mail, kind):
    path = _link(mail, kind)
    page = client.get(path)
    assert page.status_code == 200
    return client.post(path)


def test_event_fills_up_then_waitlists_then_promotes_when_someone_cancels(
    client, make_event, smtp_server, django_capture_on_commit_callbacks
):
    event = make_event(capacity=2)
    people = [("Ada", "ada@example.org"), ("Ben", "ben@example.org"), ("Cy", "cy@example.org")]
    with django_capture_on_commit_callbacks(execute=True):
        for name, email in people:
            response = _register(client, event, name, email)
            assert response.status_code == 200
            assert b"Check your email" in response.content
    assert Registration.objects.filter(status="pending").count() == 3
    for _name, email in people:
        (mail,) = smtp_server.to(email)
        assert mail.subject == f"Confirm your registration: {event.title}"
        assert "/event-registrations/cancel/" in mail.body
        # Following the link confirms nothing: the button press does.
        client.get(_link(mail, "confirm"))
        assert Registration.objects.get(email=email).status == "pending"
        with django_capture_on_commit_callbacks(execute=True):
            assert _open_link(client, mail, "confirm").status_code == 200

    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "ada@example.org": "confirmed",
        "ben@example.org": "confirmed",
        "cy@example.org": "waitlisted",
    }
    assert (
        smtp_server.to("cy@example.org")[-1].subject == f"You are on the waitlist: {event.title}"
    )
    assert b"registering puts you on the waitlist" in client.get(event.url).content

    ada_confirmed = smtp_server.to("ada@example.org")[-1]
    assert ada_confirmed.subject == f"Your place is confirmed: {event.title}"
    with django_capture_on_commit_callbacks(execute=True):
        assert _open_link(client, ada_confirmed, "cancel").status_code == 200

    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses["ada@example.org"] == "cancelled"
    assert statuses["cy@example.org"] == "confirmed"
    promoted = smtp_server.to("cy@example.org")[-1]
    assert promoted.subject == f"A place opened up for you: {event.title}"
    assert "/event-registrations/cancel/" in promoted.body
    assert event.confirmed_count() == 2


def test_registration_with_empty_fields_is_refused_with_messages(client, make_event):
    event = make_event()
    response = client.post(event.url, {"name": "", "agency": "", "role": "", "email": "nope"})
    assert response.status_code == 400
    assert b"This field is required." in response.content
    assert b"Enter a valid email address." in response.content
    assert not Registration.objects.exists()


def test_registration_after_the_deadline_is_refused(client, make_event):
    event = make_event(starts_in=3, registration_deadline=days_from_today(-1))
    response = client.post(event.url, _form("Ada", "ada@example.org"))
    assert response.status_code == 409
    assert b"Registration for this event has closed." in response.content
    assert not Registration.objects.exists()


def test_a_tampered_link_is_a_404(client):
    assert client.get("/event-registrations/confirm/not-a-token/").status_code == 404
    assert client.post("/event-registrations/cancel/not-a-token/").status_code == 404


def _confirmed(event, email):
    return Registration.objects.create(
        event=event, name="A", agency="B", role="C", email=email, status="confirmed"
    )


def test_reminders_go_7_days_and_1_day_before_and_only_once(
    make_event, smtp_server, django_capture_on_commit_callbacks
):
    in_a_week = make_event("Week", starts_in=7)
    tomorrow = make_event("Tomorrow", starts_in=1, registration_deadline=days_from_today(0))
    in_three_days = make_event("Soon", starts_in=3, registration_deadline=days_from_today(0))
    later = make_event("Later", starts_in=20)
    _confirmed(in_a_week, "week@example.org")
    _confirmed(tomorrow, "day@example.org")
    _confirmed(in_three_days, "soon@example.org")
    _confirmed(later, "later@example.org")
    Registration.objects.create(
        event=in_a_week,
        name="W",
        agency="B",
        role="C",
        email="wait@example.org",
        status="waitlisted",
    )
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("event_reminders", stdout=io.StringIO())

    assert [mail.subject for mail in smtp_server.to("week@example.org")] == [
        "Reminder: Week starts in 7 days"
    ]
    assert [mail.subject for mail in smtp_server.to("day@example.org")] == [
        "Reminder: Tomorrow starts in 1 day"
    ]
    assert "/event-registrations/cancel/" in smtp_server.to("day@example.org")[0].body
    assert [mail.subject for mail in smtp_server.to("soon@example.org")] == [
        "Reminder: Soon starts in 3 days"
    ]
    assert smtp_server.to("later@example.org") == []
    assert smtp_server.to("wait@example.org") == []
