"""Editors create events in the admin; the form refuses what would break the rules."""

import datetime

import pytest
from django.contrib.auth.models import Group

from pages.models import USState
from tests.events.conftest import days_from_today
from tests.search.fixtures import curriculum
from training_events.models import EventPage, Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(admin)
    return client


def _form(curriculum_page, **changes):
    start = days_from_today(30)
    data = {
        "title": "ICAT Instructor Course",
        "slug": "icat-instructor-course",
        "curriculum": str(curriculum_page.pk),
        "start_date": str(start),
        "end_date": str(start + datetime.timedelta(days=1)),
        "delivery": "in_person",
        "venue": "",
        "city": "Columbus",
        "state": str(USState.objects.get(code="OH").pk),
        "capacity": "20",
        "registration_deadline": str(start - datetime.timedelta(days=2)),
        "audience": "Agency trainers",
        "description": "",
        "contact_name": "Events Team",
        "contact_email": "events@example.org",
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        "action-publish": "publish",
    }
    data.update(changes)
    return data


def test_an_editor_publishes_an_event_with_an_approved_curriculum(
    admin_client, event_index, approved_curriculum, django_user_model
):
    organizer = django_user_model.objects.create_user("org", "org@example.org", "pw")
    organizer.groups.add(Group.objects.get(name="Event organizer"))
    url = f"/admin/pages/add/events/eventpage/{event_index.pk}/"
    response = admin_client.post(url, _form(approved_curriculum, organizers=[str(organizer.pk)]))
    assert response.status_code == 302, response.context["form"].errors
    event = EventPage.objects.get()
    assert event.live and list(event.organizers.all()) == [organizer]


def test_the_admin_refuses_an_expired_curriculum_and_bad_dates(admin_client, event_index, catalog):
    expired = curriculum(catalog, "Expired Course", expires=datetime.date(2025, 1, 1))
    url = f"/admin/pages/add/events/eventpage/{event_index.pk}/"
    response = admin_client.post(url, _form(expired, end_date=str(days_from_today(1)), city=""))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "Select a valid choice" in errors["curriculum"][0]
    assert errors["end_date"] == ["The event cannot end before it starts."]
    assert errors["city"] == ["An in-person event needs a city."]
    assert not EventPage.objects.exists()


def test_an_editor_cannot_overbook_by_lowering_the_capacity(admin_client, make_event):
    event = make_event(capacity=3)
    for email in ["a@example.org", "b@example.org"]:
        Registration.objects.create(
            event=event, name="A", agency="B", role="C", email=email, status="confirmed"
        )
    response = admin_client.post(
        f"/admin/pages/{event.pk}/edit/",
        _form(event.curriculum, slug=event.slug, title=event.title, capacity="1"),
    )
    assert response.status_code == 200
    event.refresh_from_db()
    assert event.capacity == 3
    assert b"2 people already hold a confirmed place" in response.content
