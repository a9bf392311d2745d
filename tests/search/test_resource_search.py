"""Resource-library search on both backends: text, topic, type, year, facets and ordering."""

import pytest

from search.collections import RESOURCES
from search.engines import SearchQuery
from search.selectors import resource_search

from .fixtures import build_library


@pytest.fixture
def library(search_backend, home_page, refresh_index):
    made = build_library(home_page)
    refresh_index()
    return made


def search(text="", sort="", **facets):
    query = SearchQuery(
        text=text, facet_values={k: tuple(v) for k, v in facets.items()}, sort=sort, page_size=50
    )
    return resource_search(query)


def titles(result):
    return {item.title for item in result.items}


def test_text_searches_title_and_summary(library):
    assert titles(search("toolkit")) == {"Scenario Toolkit"}
    assert titles(search("coordination")) == {"Model Policy on Intervention"}


def test_topic_type_and_year_filters(library):
    assert titles(search(topic=["community-responder-programs"])) == {
        "Community Responder Guide",
        "Crisis Response Report",
    }
    assert titles(search(type=["report", "toolkit"])) == {
        "Crisis Response Report",
        "Scenario Toolkit",
    }
    assert titles(search(year=["2024"])) == {"Community Responder Guide", "Scenario Toolkit"}


def test_facet_counts_follow_the_other_filters(library):
    result = search(topic=["community-responder-programs"])
    assert result.facets["type"]["guide"] == 1
    assert result.facets["type"]["toolkit"] == 0
    assert result.facets["year"] == {"2024": 1, "2023": 1}
    assert result.facets["topic"]["scenario-based-training"] == 1  # its own filter is left out
    for facet in RESOURCES.facets:
        for value, count in result.facets[facet.name].items():
            narrowed = {"topic": ["community-responder-programs"], facet.name: [value]}
            assert search(**narrowed).total == count, (facet.name, value)


def test_newest_first_puts_undated_resources_last(library):
    ordered = [item.title for item in search(sort="newest").items]
    assert ordered[-1] == "Model Policy on Intervention"
    assert ordered.index("Crisis Response Report") > ordered.index("Scenario Toolkit")
