"""An entry past its expiry is served nowhere: not its page, the pages API, the sitemap or the catalog."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from curricula.models import CurriculumPage
from curricula.services import curricula_expired_unpublish

pytestmark = pytest.mark.django_db

YESTERDAY = datetime.date.today() - datetime.timedelta(days=1)


@pytest.fixture(params=["imported", "reviewed"])
def expired(request, demo_site):
    """A live entry whose approval ended yesterday, from an import (external id) or a review."""
    page = CurriculumPage.objects.get(slug="active-bystandership-for-officers")
    page.expiry_date = YESTERDAY
    page.external_id = "IMPORT-7" if request.param == "imported" else ""
    page.save_revision().publish()
    assert page.live
    return page


def test_its_own_address_is_not_found(client, expired):
    assert client.get(expired.url).status_code == 404


def test_an_entry_expiring_today_is_still_served(client, demo_site):
    page = CurriculumPage.objects.get(slug="active-bystandership-for-officers")
    page.expiry_date = datetime.date.today()
    page.save_revision().publish()
    assert client.get(page.url).status_code == 200


def test_the_pages_api_leaves_it_out(client, expired):
    by_type = client.get("/api/v2/pages/", {"type": "curricula.CurriculumPage", "limit": 50})
    assert expired.pk not in {item["id"] for item in by_type.json()["items"]}
    assert by_type.json()["meta"]["total_count"] == CurriculumPage.objects.live().count() - 1
    every = client.get("/api/v2/pages/", {"limit": 100}).json()
    assert expired.pk not in {item["id"] for item in every["items"]}
    assert client.get(f"/api/v2/pages/{expired.pk}/").status_code == 404
    found = client.get("/api/v2/pages/find/", {"html_path": expired.url})
    assert found.status_code == 404


def test_the_sitemap_leaves_it_out(client, expired):
    body = client.get("/sitemap.xml").content.decode()
    assert expired.slug not in body
    assert "crisis-intervention-team-core-course" in body


def test_the_catalog_leaves_it_out(client, expired):
    assert "Active Bystandership for Officers" not in client.get("/catalog/").content.decode()


def test_the_daily_service_unpublishes_only_expired_entries_once(expired):
    live_before = CurriculumPage.objects.live().count()
    assert curricula_expired_unpublish() == 1
    expired.refresh_from_db()
    assert not expired.live
    assert CurriculumPage.objects.live().count() == live_before - 1
    assert curricula_expired_unpublish() == 0


def test_the_command_reports_what_it_unpublished(expired):
    out = StringIO()
    call_command("catalog_unpublish_expired", stdout=out)
    assert "Unpublished 1 expired curriculum." in out.getvalue()
