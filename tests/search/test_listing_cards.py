"""The catalog and library pages render their results from stored result cards: a few queries
a request, and each result shown exactly as its page would show it."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.http import QueryDict
from django.template.loader import render_to_string

from curricula.models import CatalogPage, CurriculumPage
from pages.models import DeliveryMethod, ResourceType
from search.collections import CATALOG, RESOURCES
from search.forms import SearchForm
from search.models import ResultCard
from search.selectors import catalog_search, resource_search

from .fixtures import build_catalog, build_library, curriculum

# SQL queries a warm listing request may make: the search API's (see test_result_cards.py)
# and what serving any page costs (the site, routing to the page, the breadcrumbs and the
# site settings) — none for loading the results' pages or their terms.
PAGE_SERVING_QUERIES = 6
QUERY_BUDGET = {
    ("catalog", "opensearch"): 2 + PAGE_SERVING_QUERIES,
    ("catalog", "database"): 3 + PAGE_SERVING_QUERIES,
    ("resources", "opensearch"): 2 + PAGE_SERVING_QUERIES,
    ("resources", "database"): 3 + PAGE_SERVING_QUERIES,
}

CATALOG_FILTERS = "q=patrol&topic=communication-skills&topic=disability-awareness&state=OH"
LIBRARY_FILTERS = "topic=community-responder-programs&type=guide&type=report"


@pytest.fixture
def content(search_backend, home_page, refresh_index):
    made = {**build_catalog(home_page), **build_library(home_page)}
    # Offered in two states whose codes and names sort differently (IA Iowa, ID Idaho), with
    # a fee, fractional hours and a standards version: everything a result can show.
    made["rural"] = curriculum(
        CatalogPage.objects.get(),
        "Rural Patrol Communication",
        provider="Prairie Institute",
        summary="Communication on long rural patrols.",
        topics=("communication-skills",),
        audiences=("supervisors-and-leadership", "law-enforcement-officers"),
        delivery=("blended", "in-person"),
        states=("ID", "IA", "OH"),
        hours="7.5",
        free=False,
        fee="$250 per participant",
        approved=datetime.date(2026, 4, 2),
    )
    patrol = CurriculumPage.objects.get(pk=made["patrol"].pk)
    patrol.standards_version = "2025 national standards"
    patrol.save_revision().publish()
    refresh_index()
    return made


def _results(body: str) -> list[str]:
    """The result list's items, as rendered."""
    return re.findall(r'<li class="usa-collection__item">.*?\n</li>', body, flags=re.S)


def _query(collection, params: str):
    form = SearchForm.for_collection(collection, QueryDict(params))
    assert form.is_valid(), form.errors
    return form.to_query()


def _pages_rendered(collection, search, template, params: str, **context) -> list[str]:
    """The results as the pages themselves render them: each page loaded with its terms."""
    query = _query(collection, params)
    return [
        render_to_string(template, {"item": page, **context}).strip()
        for page in search(query).items
    ]


@pytest.mark.parametrize(
    ("path", "params"), [("/catalog/", CATALOG_FILTERS), ("/resources/", LIBRARY_FILTERS)]
)
def test_a_warm_listing_request_stays_within_its_query_budget(
    client, content, search_backend, django_assert_max_num_queries, path, params
):
    url = f"{path}?{params}"
    expected = client.get(url).content  # the first request caches the vocabulary
    budget = QUERY_BUDGET[path.strip("/"), search_backend]
    with django_assert_max_num_queries(budget) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert response.content == expected
    assert len(_results(response.content.decode())) >= 2
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "_prefetch_related_val" not in sql  # no page's terms are loaded
    assert '"provider_name"' not in sql and '"publisher"' not in sql  # nor any page


def test_catalog_results_show_title_link_provider_terms_and_dates(client, content):
    body = client.get(f"/catalog/?{CATALOG_FILTERS}").content.decode()
    results = _results(body)
    assert results == _pages_rendered(
        CATALOG,
        catalog_search,
        "curricula/includes/curriculum_card.html",
        CATALOG_FILTERS,
        comparable=True,
    )
    rural = next(item for item in results if "Rural Patrol Communication" in item)
    page = content["rural"]
    assert (
        f'<a class="usa-link" href="/catalog/{page.slug}/">Rural Patrol Communication</a>' in rural
    )
    assert "<dt>Provider</dt><dd>Prairie Institute</dd>" in rural
    assert "<dt>Hours</dt><dd>7.5</dd>" in rural
    assert "<dt>Cost</dt><dd>$250 per participant</dd>" in rural
    # Terms in vocabulary order (not by name, nor as chosen), states in the order of their codes.
    assert "<dt>Delivery</dt><dd>In-person, Blended</dd>" in rural
    assert (
        "<dt>Audiences</dt><dd>Law enforcement officers, Supervisors and leadership</dd>" in rural
    )
    assert "<dt>Where offered</dt><dd>Iowa, Idaho, Ohio</dd>" in rural
    assert '<time datetime="2026-04-02">Apr 2, 2026</time>' in rural
    assert '<time datetime="2029-01-01">Jan 1, 2029</time>' in rural
    assert f'id="compare-{page.pk}" type="checkbox" name="id" value="{page.pk}"' in rural
    patrol = next(item for item in results if "Patrol De-escalation Fundamentals" in item)
    assert "<dt>Standards version</dt><dd>2025 national standards</dd>" in patrol
    assert "<dt>Where offered</dt><dd>Kentucky, Ohio</dd>" in patrol
    assert "<dt>Cost</dt><dd>Free</dd>" in patrol
    assert "<dt>Hours</dt><dd>16</dd>" in patrol
    assert "Standards version" not in rural


def test_library_results_show_title_link_type_publisher_and_year(client, content):
    body = client.get(f"/resources/?{LIBRARY_FILTERS}").content.decode()
    results = _results(body)
    assert results == _pages_rendered(
        RESOURCES, resource_search, "includes/resource_card.html", LIBRARY_FILTERS
    )
    assert len(results) >= 2
    for item in resource_search(_query(RESOURCES, LIBRARY_FILTERS)).items:
        shown = next(result for result in results if f">{item.title}</a>" in result)
        assert f'href="{item.url}"' in shown
        assert f'<li class="usa-collection__meta-item">{item.resource_type.name}</li>' in shown
        assert f'<li class="usa-collection__meta-item">{item.publisher}</li>' in shown


def test_a_renamed_term_shows_in_the_results_at_once(
    client, content, django_capture_on_commit_callbacks
):
    client.get(f"/catalog/?{CATALOG_FILTERS}")  # the vocabulary is cached
    with django_capture_on_commit_callbacks(execute=True):
        term = DeliveryMethod.objects.get(slug="blended")
        term.name = "Part online, part in person"
        term.save()
        kind = ResourceType.objects.get(slug="guide")
        kind.name = "Practical guide"
        kind.save()
    catalog = client.get(f"/catalog/?{CATALOG_FILTERS}").content.decode()
    assert "<dt>Delivery</dt><dd>In-person, Part online, part in person</dd>" in catalog
    library = client.get(f"/resources/?{LIBRARY_FILTERS}").content.decode()
    assert '<li class="usa-collection__meta-item">Practical guide</li>' in library


def test_a_card_of_an_older_format_is_shown_from_its_page_until_migrate_rewrites_it(
    client, content
):
    patrol = content["patrol"]
    card = ResultCard.objects.get(page_id=patrol.pk)
    old = {
        key: value
        for key, value in card.data.items()
        if key not in {"format", "standards_version"}
    }
    ResultCard.objects.filter(page_id=patrol.pk).update(data=old)
    body = client.get(f"/catalog/?{CATALOG_FILTERS}").content.decode()
    assert "<dt>Standards version</dt><dd>2025 national standards</dd>" in body
    call_command("migrate", verbosity=0)
    data = ResultCard.objects.get(page_id=patrol.pk).data
    assert data["standards_version"] == "2025 national standards"
    assert client.get(f"/catalog/?{CATALOG_FILTERS}").content.decode() == body
