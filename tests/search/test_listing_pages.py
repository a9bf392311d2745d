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


# What a browser sends from the catalog's form when only one box is ticked: every other
# field, empty ones included.
BROWSER_CATALOG_FORM = {
    "q": "",
    "topic": "communication-skills",
    "state": "",
    "cost": "",
    "min_hours": "",
    "max_hours": "",
    "sort": "",
}


def test_the_catalog_form_as_a_browser_sends_it_treats_empty_fields_as_no_filter(client, content):
    response = client.get("/catalog/", BROWSER_CATALOG_FORM)
    body = response.content.decode()
    assert response.status_code == 200
    assert "could not be used" not in body
    assert "2 approved curricula" in body
    assert "Patrol De-escalation Fundamentals" in body


def test_the_library_form_as_a_browser_sends_it_treats_empty_fields_as_no_filter(client, content):
    params = {"q": "", "topic": "", "type": "guide", "year": "", "sort": ""}
    response = client.get("/resources/", params)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Community Responder Guide" in body
    assert "Crisis Response Report" not in body


@pytest.mark.parametrize(
    "path, params",
    [
        ("/api/v2/catalog/", BROWSER_CATALOG_FORM),
        ("/api/v2/resources/", {"q": "", "topic": "", "type": "", "year": "", "sort": ""}),
    ],
)
def test_the_api_treats_empty_parameters_as_no_filter(client, content, path, params):
    response = client.get(path, params)
    assert response.status_code == 200, response.json()


def test_several_states_can_be_chosen_at_once(client, content):
    body = client.get("/catalog/", {"state": ["MI", "CO"], "q": ""}).content.decode()
    assert "Crisis Intervention Team Course" in body
    assert "Dispatch Triage" in body
    assert "Officer Wellness and Suicide Prevention" not in body
    assert 'value="MI" checked' in body and 'value="CO" checked' in body


def test_a_page_past_the_end_shows_the_last_page(client, content):
    response = client.get("/catalog/", {"page": "9999", "page_size": "4"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "page 2 of 2" in body
    assert "could not be used" not in body


@pytest.mark.parametrize(
    "params, message",
    [
        ({"min_hours": "abc"}, "Minimum hours: Enter a number."),
        ({"state": "ZZ"}, "State: Select a valid choice. ZZ is not one of the available choices."),
        ({"topic": "nope"}, "Topic area: Select a valid choice."),
        ({"sort": "x"}, "Sort by: Select a valid choice."),
        ({"min_hours": "9", "max_hours": "2"}, "Minimum hours cannot be greater than maximum"),
    ],
)
def test_a_bad_filter_is_named_as_the_user_sees_it_and_the_rest_still_applies(
    client, content, params, message
):
    response = client.get("/catalog/", {**params, "audience": "dispatchers-and-call-takers"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Some search settings could not be used" in body
    assert message in body
    assert 'id="search-q"' in body
    assert 'value="dispatchers-and-call-takers" checked' in body
    assert "Remove filter </span>Audience: Dispatchers" in body
    assert "Dispatch Triage" in body
    assert "Patrol De-escalation Fundamentals" not in body


def test_each_chosen_filter_is_a_chip_that_removes_only_itself(client, content):
    params = {"q": "patrol", "topic": ["communication-skills", "disability-awareness"], "cost": ""}
    body = client.get("/catalog/", {**params, "page": "1"}).content.decode()
    assert 'href="?q=patrol&amp;topic=disability-awareness"' in body
    assert 'href="?q=patrol&amp;topic=communication-skills"' in body
    assert 'href="?topic=communication-skills&amp;topic=disability-awareness"' in body
    assert "Clear all" in body


def test_pagination_is_numbered_with_the_first_and_last_pages(client, content):
    body = client.get("/catalog/", {"page_size": "1", "page": "4"}).content.decode()
    for number in (1, 2, 3, 4, 5, 6):
        assert f'page={number}"' in body
    assert 'aria-label="First page, page 1"' in body
    assert 'aria-label="Last page, page 6"' in body
    assert 'aria-current="page">4<' in body


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
