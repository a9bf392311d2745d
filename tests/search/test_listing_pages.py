"""The catalog and resource-library pages: shareable filters, counts, empty and error states."""

import pytest

from .fixtures import build_catalog, build_library


@pytest.fixture
def content(search_backend, home_page, refresh_index):
    made = {**build_catalog(home_page), **build_library(home_page)}
    refresh_index()
    return made


def test_catalog_page_filters_from_the_url_and_shows_counts(client, content):
    response = client.get("/catalog/", {"topic": "communication-skills"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Patrol De-escalation Fundamentals" in body
    assert "Dispatch Triage" not in body
    assert "2 approved curricula" in body
    assert 'value="communication-skills" checked' in body
    assert 'Disability awareness <span class="facet-count">(1)</span>' in body


def test_empty_results_suggest_removing_filters(client, content):
    body = client.get("/catalog/", {"q": "zzzyzx", "cost": "free"}).content.decode()
    assert "Nothing matches these filters" in body
    assert "Remove all filters" in body
    assert "keep only your search words" in body


@pytest.mark.parametrize(
    "params", [{"min_hours": "abc"}, {"topic": "nope"}, {"page": "9999"}, {"sort": "x"}]
)
def test_bad_parameters_get_a_friendly_message_not_an_error(client, content, params):
    response = client.get("/catalog/", params)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Some search settings could not be used" in body
    assert "Start a new search" in body


def test_resource_library_page_filters_by_type_and_year(client, content):
    body = client.get("/resources/", {"type": "guide", "year": "2024"}).content.decode()
    assert "Community Responder Guide" in body
    assert "Crisis Response Report" not in body


def test_pagination_links_keep_the_filters(client, content):
    body = client.get(
        "/catalog/", {"topic": "communication-skills", "page_size": 1}
    ).content.decode()
    assert "topic=communication-skills" in body
    assert "page=2" in body
