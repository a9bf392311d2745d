"""The database engine's in-memory facet index answers as the database itself would."""

import datetime
import random

import pytest
from django.db.models import Q
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from config.settings.search import search_backends
from curricula.models import CatalogPage, CurriculumPage
from pages.models import TopicArea
from search.collections import CATALOG
from search.engines import DatabaseEngine, SearchQuery

from .fixtures import curriculum, publish_child

STATES = ("CA", "NY", "OH", "TX")
TOPICS = ("communication-skills", "disability-awareness", "suicide-prevention")
DELIVERY = ("in-person", "online-self-paced")
PROVIDER_TYPES = ("private-company", "nonprofit-organization")


@pytest.fixture
def varied_catalog(db, home_page, settings):
    """Thirty curricula with every combination of filters the queries below choose from."""
    settings.WAGTAILSEARCH_BACKENDS = search_backends(
        kind="database", url="", index_prefix="", timeout=5
    )
    rng = random.Random(7)
    catalog = publish_child(home_page, CatalogPage(title="Catalog", slug="catalog"))
    for n in range(30):
        curriculum(
            catalog,
            f"Course {rng.choice('ABC')} {n}",
            topics=rng.sample(TOPICS, rng.randint(1, 2)),
            delivery=rng.sample(DELIVERY, rng.randint(1, 2)),
            provider_type=rng.choice(PROVIDER_TYPES),
            states=rng.sample(STATES, rng.randint(0, 2)),  # none: nationwide
            hours=str(rng.choice([2, 4, 7.5, 8, 16])),
            free=rng.random() < 0.5,
            approved=datetime.date(2026, 1, 1) + datetime.timedelta(days=rng.randrange(5)),
        )
    return catalog


def matching_in_the_database(query: SearchQuery) -> set[int]:
    """The same query written straight in the ORM, as the oracle."""
    pages = CurriculumPage.objects.in_catalog()
    paths = {
        "topic": "topic_areas__slug",
        "audience": "audiences__slug",
        "delivery": "delivery_methods__slug",
        "provider_type": "provider_type__slug",
    }
    for name, values in query.facet_values.items():
        if name == "state":
            pages = pages.filter(Q(offered_nationwide=True) | Q(states__code__in=values))
        else:
            pages = pages.filter(**{f"{paths[name]}__in": values})
    filters = query.filter_values
    if filters.get("cost"):
        pages = pages.filter(is_free=True)
    if filters.get("min_hours") is not None:
        pages = pages.filter(duration_hours__gte=filters["min_hours"])
    if filters.get("max_hours") is not None:
        pages = pages.filter(duration_hours__lte=filters["max_hours"])
    return set(pages.values_list("pk", flat=True))


queries = st.builds(
    lambda facets, cost, low, high, sort: SearchQuery(
        facet_values={name: tuple(values) for name, values in facets.items() if values},
        filter_values={
            name: value
            for name, value in (("cost", cost), ("min_hours", low), ("max_hours", high))
            if value is not None
        },
        sort=sort,
        page_size=100,
    ),
    facets=st.fixed_dictionaries(
        {
            "topic": st.lists(st.sampled_from(TOPICS), unique=True, max_size=2),
            "state": st.lists(st.sampled_from(STATES), unique=True, max_size=2),
            "delivery": st.lists(st.sampled_from(DELIVERY), unique=True, max_size=1),
            "provider_type": st.lists(st.sampled_from(PROVIDER_TYPES), unique=True, max_size=1),
        }
    ),
    cost=st.sampled_from([None, "free"]),
    low=st.sampled_from([None, 4, 7.5, 9]),
    high=st.sampled_from([None, 4, 8, 16]),
    sort=st.sampled_from(["", "title", "newest"]),
)


@hypothesis_settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(query=queries)
def test_results_and_counts_equal_the_databases_own_answer(varied_catalog, query):
    result = DatabaseEngine("default").run(CATALOG, query)
    expected = matching_in_the_database(query)
    assert set(result.ids) == expected and result.total == len(expected)
    order = ("title", "pk") if query.sort == "title" else ("-approval_date", "title", "pk")
    in_order = CurriculumPage.objects.filter(pk__in=expected).order_by(*order)
    assert result.ids == list(in_order.values_list("pk", flat=True))
    for name in ("topic", "state", "provider_type"):
        for value, count in result.facets[name].items():
            narrowed = {**query.facet_values, name: (value,)}
            chosen = SearchQuery(facet_values=narrowed, filter_values=query.filter_values)
            assert count == len(matching_in_the_database(chosen)), (name, value)


def test_a_warm_search_is_one_sql_query(varied_catalog, django_assert_num_queries):
    engine = DatabaseEngine("default")
    query = SearchQuery(text="course", facet_values={"state": ("OH",)}, sort="title")
    engine.run(CATALOG, query)  # reads the index
    with django_assert_num_queries(1):  # the text match
        again = engine.run(CATALOG, query)
    assert again.total == len(matching_in_the_database(query)) > 0


def test_a_curriculum_leaves_the_catalog_the_day_after_its_approval_expires(
    varied_catalog, monkeypatch
):
    today = timezone.localdate()
    lapsing = curriculum(varied_catalog, "Lapsing Course", expires=today)
    engine = DatabaseEngine("default")
    assert lapsing.pk in engine.run(CATALOG, SearchQuery(page_size=100)).ids
    tomorrow = today + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    # No content changed overnight: the index is read again because the day changed.
    assert lapsing.pk not in engine.run(CATALOG, SearchQuery(page_size=100)).ids


def test_an_edit_published_in_the_same_transaction_shows_at_once(varied_catalog):
    engine = DatabaseEngine("default")
    engine.run(CATALOG, SearchQuery())
    page = CurriculumPage.objects.live().first()
    page.topic_areas.set(TopicArea.objects.filter(slug="scenario-based-training"))
    page.save_revision().publish()
    result = engine.run(CATALOG, SearchQuery(facet_values={"topic": ("scenario-based-training",)}))
    assert result.ids == [page.pk]
    assert result.facets["topic"]["scenario-based-training"] == 1


def test_terms_without_pages_count_zero(varied_catalog):
    facets = DatabaseEngine("default").run(CATALOG, SearchQuery()).facets
    assert facets["topic"]["scenario-based-training"] == 0
    assert set(facets["topic"]) == set(TopicArea.objects.values_list("slug", flat=True))
