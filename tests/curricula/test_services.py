"""Catalog entries are created and updated through `curricula.services`."""

import datetime
from decimal import Decimal

import pytest
from wagtail.models import Revision

from curricula.models import CatalogPage, CurriculumPage
from curricula.services import curriculum_page_create, curriculum_page_update
from pages.models import Audience, ProviderType, TopicArea, USState


@pytest.fixture
def catalog(home_page):
    return home_page.add_child(instance=CatalogPage(title="Catalog", slug="catalog"))


def entry_data(**changes):
    data = {
        "title": "Calm Contact",
        "provider_name": "Metro Academy",
        "provider_type": ProviderType.objects.get(slug="private-company"),
        "summary": "Slowing encounters down.",
        "duration_hours": Decimal("12.0"),
        "approval_date": datetime.date(2026, 2, 1),
        "audiences": list(Audience.objects.all()[:2]),
        "topic_areas": list(TopicArea.objects.all()[:1]),
        "states": list(USState.objects.filter(code__in=["OH", "KY"])),
    }
    return data | changes


def test_create_publishes_the_entry_with_its_relations(catalog):
    page = curriculum_page_create(parent=catalog, data=entry_data())
    page = CurriculumPage.objects.get(pk=page.pk)
    assert page.live and page.slug == "calm-contact"
    assert page.state_codes == ["KY", "OH"] and page.audiences.count() == 2
    assert page.revisions.count() == 1 and page.live_revision_id == page.latest_revision_id


def test_a_second_entry_with_the_same_title_gets_a_free_slug(catalog):
    curriculum_page_create(parent=catalog, data=entry_data())
    second = curriculum_page_create(parent=catalog, data=entry_data())
    assert second.slug == "calm-contact-2"


def test_update_publishes_a_new_revision_with_the_changes(catalog):
    page = curriculum_page_create(parent=catalog, data=entry_data())
    curriculum_page_update(page=page, data=entry_data(summary="Revised.", states=[]))
    page = CurriculumPage.objects.get(pk=page.pk)
    assert page.summary == "Revised." and page.state_codes == []
    assert page.revisions.count() == 2 and not page.has_unpublished_changes


def test_update_that_changes_nothing_writes_nothing(catalog):
    page = curriculum_page_create(parent=catalog, data=entry_data())
    revisions = Revision.objects.count()
    curriculum_page_update(page=page, data=entry_data())
    assert Revision.objects.count() == revisions
