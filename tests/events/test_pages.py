"""Event pages: validation, the list with its filters, the calendars, the API."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from icalendar import Calendar

from pages.models import USState
from tests.events.conftest import days_from_today
from tests.search.fixtures import curriculum
from training_events.models import Delivery, EventPage, Registration

pytestmark = pytest.mark.django_db

NO_FILTERS = {"state": "", "date_from": "", "date_to": "", "curriculum": "", "delivery": ""}


def _titles(response, section: str) -> list[str]:
    return [event.title for event in response.context[section]]


def test_an_event_needs_a_live_approved_unexpired_curriculum(make_event, catalog):
    expired = curriculum(catalog, "Expired Course", expires=datetime.date(2025, 1, 1))
    with pytest.raises(ValidationError) as refused:
        make_event(curriculum=expired)
    assert refused.value.message_dict["curriculum"] == [
        "Choose a curriculum that is live in the catalog, approved and not expired."
    ]
    unpublished = curriculum(catalog, "Draft Course")
    unpublished.unpublish()
    with pytest.raises(ValidationError):
        make_event(curriculum=unpublished)


def test_an_event_checks_its_dates_and_venue(make_event):
    with pytest.raises(ValidationError) as refused:
        make_event(
            end_date=days_from_today(1),
            registration_deadline=days_from_today(60),
            city="",
            state=None,
        )
    errors = refused.value.message_dict
    assert errors["end_date"] == ["The event cannot end before it starts."]
    assert errors["registration_deadline"] == ["Registration must close by the first day."]
    assert errors["city"] == ["An in-person event needs a city."]
    assert errors["state"] == ["An in-person event needs a state."]
    virtual = make_event("Online", delivery=Delivery.VIRTUAL, city="", state=None)
    assert virtual.location_label == "Virtual"


def test_capacity_cannot_be_set_below_the_confirmed_places(make_event):
    event = make_event(capacity=2)
    for email in ["a@example.org", "b@example.org"]:
        Registration.objects.create(
            event=event, name="A", agency="B", role="C", email=email, status="confirmed"
        )
    event.capacity = 1
    with pytest.raises(ValidationError) as refused:
        event.full_clean()
    assert "2 people already hold a confirmed place" in refused.value.message_dict["capacity"][0]


def test_the_list_splits_upcoming_and_past_and_empty_filters_mean_none(
    client, make_event, event_index
):
    make_event("Next Month", starts_in=30)
    make_event("Last Month", starts_in=-30, registration_deadline=days_from_today(-31))
    response = client.get(event_index.url, NO_FILTERS)
    assert response.status_code == 200
    assert _titles(response, "upcoming") == ["Next Month"]
    assert _titles(response, "past") == ["Last Month"]


def test_the_list_filters_by_state_dates_curriculum_and_delivery(
    client, make_event, event_index, catalog
):
    other = curriculum(catalog, "Crisis Intervention Course")
    make_event("Ohio", starts_in=10)
    make_event("Texas", starts_in=40, city="Austin", state=USState.objects.get(code="TX"))
    make_event(
        "Online", starts_in=20, delivery=Delivery.VIRTUAL, city="", state=None, curriculum=other
    )
    cases = {
        "state": ({"state": "TX"}, ["Texas"]),
        "range": (
            {"date_from": str(days_from_today(15)), "date_to": str(days_from_today(25))},
            ["Online"],
        ),
        "curriculum": ({"curriculum": str(other.pk)}, ["Online"]),
        "delivery": ({"delivery": "in_person"}, ["Ohio", "Texas"]),
    }
    for filters, expected in cases.values():
        response = client.get(event_index.url, {**NO_FILTERS, **filters})
        assert _titles(response, "upcoming") == expected, filters


def test_bad_filters_are_a_400_with_a_message(client, event_index):
    response = client.get(
        event_index.url,
        {**NO_FILTERS, "date_from": "2026-12-10", "date_to": "2026-12-01", "state": "ZZ"},
    )
    assert response.status_code == 400
    assert b"The end of the range cannot be before its start." in response.content
    assert b"Select a valid choice." in response.content


def test_the_calendar_feed_parses_back_as_rfc_5545(client, make_event):
    event = make_event("ICAT Instructor Course", starts_in=30, days=3)
    make_event("Over", starts_in=-10, registration_deadline=days_from_today(-11))
    response = client.get("/event-calendar/events.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert b"\r\n" in response.content
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar["PRODID"]
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "ICAT Instructor Course"
    assert vevent.decoded("DTSTART") == event.start_date
    # DTEND of an all-day event is exclusive: the day after the last day.
    assert vevent.decoded("DTEND") == event.end_date + datetime.timedelta(days=1)
    assert str(vevent["UID"]) == f"event-{event.pk}@testserver"
    assert vevent["DTSTAMP"]
    assert str(vevent["LOCATION"]) == "Columbus, OH"
    assert str(vevent["URL"]).endswith(event.url)


def test_each_event_has_its_own_ics_file(client, make_event):
    event = make_event("One Day", days=1)
    response = client.get(f"/event-calendar/{event.pk}.ics")
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
    (vevent,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert vevent.decoded("DTEND") - vevent.decoded("DTSTART") == datetime.timedelta(days=1)
    assert (
        client.get(f"{event.url}").content.count(f"/event-calendar/{event.pk}.ics".encode()) == 1
    )
    event.unpublish()
    assert client.get(f"/event-calendar/{event.pk}.ics").status_code == 404


def test_a_curriculum_page_lists_its_upcoming_events(client, make_event, approved_curriculum):
    make_event("Coming Soon", starts_in=10)
    make_event("Long Gone", starts_in=-40, registration_deadline=days_from_today(-41))
    page = client.get(approved_curriculum.url).content.decode()
    assert "Upcoming train-the-trainer events" in page
    assert "Coming Soon" in page
    assert "Long Gone" not in page


def test_events_api_lists_filters_and_describes_itself(client, make_event):
    event = make_event("ICAT", starts_in=10)
    make_event("Texas", starts_in=40, city="Austin", state=USState.objects.get(code="TX"))
    body = client.get("/api/v2/events/", {"state": "OH", "delivery": ""}).json()
    assert body["count"] == 1
    assert body["results"][0]["title"] == "ICAT"
    assert body["results"][0]["places_left"] == 20
    assert client.get(f"/api/v2/events/{event.pk}/").json()["state"] == "OH"
    bad = client.get("/api/v2/events/", {"date_from": "soon"})
    assert bad.status_code == 400
    assert "date_from" in bad.json()["fields"]
    assert client.get("/api/v2/events/999999/").status_code == 404
    schema = client.get("/api/v2/openapi.json").json()
    assert "/api/v2/events/" in schema["paths"]
    assert "/api/v2/events/{id}/" in schema["paths"]
    assert client.get("/api/v2/pages/").status_code == 200


def test_event_pages_are_pages_of_the_event_index_only():
    assert EventPage.parent_page_types == ["events.EventIndexPage"]
