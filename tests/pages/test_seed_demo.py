"""`seed_demo` builds the whole tree with realistic content, and a second run changes nothing."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page, PageLogEntry, Revision, Site

from curricula.models import CurriculumPage
from pages.models import HomePage, NewsPage, ResourcePage

SEED_PAGE_TITLES = [
    "Community-Driven Crisis Response: A Workbook for Coordinators",
    "PAARI Promising Practices Guide",
    "Emerging Practices to Elevate and Replicate Community Responder Programs Nationwide: "
    "Expanding First Response National Commission Report",
]


def _seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def _created_count(output: str) -> int:
    return int(re.search(r"(\d+) pages created", output).group(1))


def _snapshot():
    return (
        sorted(Page.objects.values_list("id", "url_path", "latest_revision_id", "live")),
        Revision.objects.count(),
        PageLogEntry.objects.count(),
    )


@pytest.mark.django_db
def test_seed_builds_the_tree_at_the_documented_paths():
    _seed()
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    paths = {page.get_url(): page for page in Page.objects.live().specific()}
    for path in ["/", "/about/", "/about/ledta/", "/news/", "/resources/", "/catalog/"]:
        assert path in paths, f"{path} missing from the seeded tree"


@pytest.mark.django_db
def test_seed_includes_the_resources_named_on_the_project_page_and_a_full_catalog():
    _seed()
    titles = set(ResourcePage.objects.live().values_list("title", flat=True))
    assert set(SEED_PAGE_TITLES) <= titles
    assert len(titles) > len(SEED_PAGE_TITLES)
    assert NewsPage.objects.live().count() >= 3
    curricula = CurriculumPage.objects.in_catalog()
    assert curricula.count() >= 12
    topics_used = {
        slug for page in curricula for slug in page.topic_areas.values_list("slug", flat=True)
    }
    assert len(topics_used) >= 10, "the demo catalog should spread over the topic areas"
    assert curricula.filter(offered_nationwide=True).exists()
    assert curricula.filter(is_free=False).exists()


@pytest.mark.django_db
def test_seed_is_idempotent():
    first = _seed()
    before = _snapshot()
    second = _seed()
    assert _created_count(first) >= 25
    assert _created_count(second) == 0
    assert _snapshot() == before
