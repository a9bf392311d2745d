import datetime

import pytest
from django.utils import timezone

from curricula.models import CatalogPage
from pages.models import USState
from tests.search.fixtures import curriculum, publish_child
from training_events.models import Delivery, EventIndexPage, EventPage


@pytest.fixture
def catalog(home_page):
    return publish_child(home_page, CatalogPage(title="Catalog", slug="catalog"))


@pytest.fixture
def approved_curriculum(catalog):
    return curriculum(catalog, "Patrol De-escalation Fundamentals")


@pytest.fixture
def event_index(home_page):
    return publish_child(home_page, EventIndexPage(title="Training Events", slug="events"))


def days_from_today(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def make_event(event_index, approved_curriculum):
    def make(title="ICAT Instructor Course", *, starts_in=30, days=2, **fields):
        start = days_from_today(starts_in)
        values = {
            "curriculum": approved_curriculum,
            "start_date": start,
            "end_date": start + datetime.timedelta(days=days - 1),
            "delivery": Delivery.IN_PERSON,
            "city": "Columbus",
            "state": USState.objects.get(code="OH"),
            "capacity": 20,
            "registration_deadline": start - datetime.timedelta(days=1),
            "audience": "Agency trainers",
            "contact_name": "Events Team",
            "contact_email": "events@example.org",
            **fields,
        }
        return publish_child(event_index, EventPage(title=title, **values))

    return make
