"""Editors get clear messages when a catalog entry's fields contradict each other."""

import datetime

import pytest

from curricula.models import CatalogPage, CurriculumPage
from pages.models import Audience, DeliveryMethod, ProviderType, TopicArea


def _form(catalog, **overrides):
    form_class = CurriculumPage.get_edit_handler().get_form_class()
    data = {
        "title": "A curriculum",
        "slug": "a-curriculum",
        "provider_name": "Provider",
        "provider_type": ProviderType.objects.first().pk,
        "summary": "Summary",
        "audiences": [Audience.objects.first().pk],
        "topic_areas": [TopicArea.objects.first().pk],
        "delivery_methods": [DeliveryMethod.objects.first().pk],
        "duration_hours": "8",
        "is_free": "on",
        "offered_nationwide": "on",
        "approval_date": "2026-01-01",
        "expiry_date": "2029-01-01",
        # The admin's empty stream fields send their counts.
        "modules-count": "0",
        "standards_met-count": "0",
    }
    data.update(overrides)
    data = {key: value for key, value in data.items() if value is not None}
    return form_class(data, instance=CurriculumPage(), parent_page=catalog, for_user=None)


@pytest.fixture
def catalog(home_page):
    return home_page.add_child(instance=CatalogPage(title="Catalog", slug="catalog"))


@pytest.mark.django_db
def test_a_complete_entry_is_valid(catalog):
    form = _form(catalog)
    assert form.is_valid(), form.errors


@pytest.mark.django_db
def test_an_entry_must_say_where_it_is_offered(catalog):
    form = _form(catalog, offered_nationwide=None)
    assert not form.is_valid()
    assert "tick nationwide" in str(form.errors["states"])


@pytest.mark.django_db
def test_a_paid_entry_must_describe_its_fee(catalog):
    form = _form(catalog, is_free=None)
    assert not form.is_valid()
    assert "Describe the fee" in str(form.errors["cost_description"])


@pytest.mark.django_db
def test_expiry_must_follow_approval(catalog):
    form = _form(catalog, expiry_date=str(datetime.date(2025, 1, 1)))
    assert not form.is_valid()
    assert "after the approval date" in str(form.errors["expiry_date"])
