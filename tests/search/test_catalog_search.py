"""Catalog search on both backends: text, filters, facets, ordering and pagination."""

import pytest

from search.collections import CATALOG
from search.engines import SearchQuery
from search.selectors import PageOutOfRange, catalog_search

from .fixtures import build_catalog


@pytest.fixture
def catalog(search_backend, home_page, refresh_index):
    made = build_catalog(home_page)
    refresh_index()
    return made


def titles(result) -> set[str]:
    return {item.title for item in result.items}


def search(**params) -> "object":
    facet_names = {facet.name for facet in CATALOG.facets}
    facets = {k: tuple(v) for k, v in params.items() if k in facet_names}
    filters = {k: params.pop(k) for k in list(params) if k in {"cost", "min_hours", "max_hours"}}
    rest = {k: v for k, v in params.items() if k not in facet_names}
    return catalog_search(
        SearchQuery(facet_values=facets, filter_values=filters, page_size=50, **rest)
    )


def test_search_answers_from_the_backend_under_test(catalog, search_backend):
    expected = "cluster" if search_backend == "opensearch" else "database"
    assert search().engine == expected


def test_only_published_unexpired_curricula_are_listed(catalog):
    result = search()
    assert result.total == 6
    assert "Expired Patrol Course" not in titles(result)
    assert "Unpublished Patrol Course" not in titles(result)


def test_text_matches_title_provider_and_summary(catalog):
    assert titles(search(text="bystandership")) == {"Active Bystandership"}
    assert titles(search(text="Riverside")) == {"Patrol De-escalation Fundamentals"}
    assert titles(search(text="autism")) == {"Responding to People with Disabilities"}


def test_title_matches_rank_above_provider_and_summary_matches(catalog):
    result = search(text="patrol", sort="relevance")
    ordered = [item.title for item in result.items]
    assert ordered[0] == "Patrol De-escalation Fundamentals"
    assert set(ordered) == {
        "Patrol De-escalation Fundamentals",
        "Active Bystandership",
        "Responding to People with Disabilities",
        "Officer Wellness and Suicide Prevention",
    }


def test_topic_filter_matches_any_chosen_topic(catalog):
    result = search(topic=["disability-awareness", "community-responder-programs"])
    assert titles(result) == {"Responding to People with Disabilities", "Dispatch Triage"}


def test_filters_combine(catalog):
    result = search(topic=["communication-skills"], delivery=["in-person"])
    assert titles(result) == {"Patrol De-escalation Fundamentals"}
    assert titles(
        search(
            provider_type=["nonprofit-organization"],
            audience=["covered-mental-health-professionals"],
        )
    ) == {"Crisis Intervention Team Course"}


def test_a_state_matches_its_own_and_nationwide_curricula(catalog):
    assert titles(search(state=["OH"])) == {
        "Patrol De-escalation Fundamentals",
        "Officer Wellness and Suicide Prevention",
        "Active Bystandership",
        "Responding to People with Disabilities",
    }


def test_cost_and_hours_filters(catalog):
    assert "Crisis Intervention Team Course" not in titles(search(cost="free"))
    assert titles(search(min_hours=10)) == {
        "Patrol De-escalation Fundamentals",
        "Crisis Intervention Team Course",
    }
    assert titles(search(max_hours=4)) == {
        "Dispatch Triage",
        "Officer Wellness and Suicide Prevention",
    }
    assert titles(search(min_hours=4, max_hours=6)) == {
        "Dispatch Triage",
        "Responding to People with Disabilities",
    }


@pytest.mark.parametrize(
    "active",
    [
        {},
        {"topic": ["communication-skills"]},
        {"state": ["OH"], "delivery": ["in-person", "online-self-paced"]},
        {"text": "patrol", "audience": ["law-enforcement-officers"]},
        {"cost": "free", "provider_type": ["nonprofit-organization", "private-company"]},
    ],
    ids=["none", "topic", "state+delivery", "text+audience", "cost+provider"],
)
def test_each_facet_count_equals_what_choosing_that_value_returns(catalog, active):
    result = search(**active)
    for facet in CATALOG.facets:
        for value, count in result.facets[facet.name].items():
            narrowed = {**active, facet.name: [value]}
            assert search(**narrowed).total == count, (facet.name, value)


def test_state_counts_include_nationwide_curricula(catalog):
    counts = search().facets["state"]
    assert counts["OH"] == 4
    assert counts["WY"] == 2  # only the two nationwide curricula


def test_default_order_is_newest_approval_first(catalog):
    ordered = [item.title for item in search().items]
    assert ordered[0] == "Responding to People with Disabilities"
    assert ordered[-1] == "Dispatch Triage"


def test_title_order(catalog):
    ordered = [item.title for item in search(sort="title").items]
    assert ordered == sorted(ordered)


def test_pagination_splits_results_without_overlap(catalog):
    first = catalog_search(SearchQuery(sort="title", page=1, page_size=4))
    second = catalog_search(SearchQuery(sort="title", page=2, page_size=4))
    assert first.total == second.total == 6
    assert [len(first.items), len(second.items)] == [4, 2]
    assert not titles(first) & titles(second)
    assert first.has_next and not second.has_next


def test_a_page_past_the_end_is_refused(catalog):
    with pytest.raises(PageOutOfRange):
        catalog_search(SearchQuery(page=3, page_size=4))


def test_newly_published_and_unpublished_pages_follow_the_index(catalog, refresh_index):
    catalog["dispatch"].unpublish()
    refresh_index()
    assert "Dispatch Triage" not in titles(search())
    catalog["dispatch"].get_latest_revision().publish()
    refresh_index()
    assert "Dispatch Triage" in titles(search(topic=["community-responder-programs"]))
