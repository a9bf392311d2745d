"""The search API answers from stored result cards: a few queries a request, and cards that
stay true when pages and vocabulary change, with no reindex by hand."""

import pytest

from curricula.models import CatalogPage, CurriculumPage
from pages.models import ResourceType, TopicArea, USState
from search.models import ResultCard

from .fixtures import build_catalog, build_library

# SQL queries a search API request may make once the vocabulary and the restricted sections
# are cached: on OpenSearch the cards (and, on the first request, the content version); the
# database backend also matches the text (its filters, counts and order come from the facet
# index, read once per content version).
QUERY_BUDGET = {
    ("catalog", "opensearch"): 2,
    ("catalog", "database"): 3,
    ("resources", "opensearch"): 2,
    ("resources", "database"): 3,
}


@pytest.fixture
def content(search_backend, home_page, refresh_index):
    made = {**build_catalog(home_page), **build_library(home_page)}
    refresh_index()
    return made


@pytest.mark.parametrize(
    ("collection", "params"),
    [
        ("catalog", {"page_size": "50"}),
        ("catalog", {"q": "de-escalation crisis", "state": "OH"}),
        ("catalog", {"q": "training", "delivery": "online-self-paced", "sort": "title"}),
        ("resources", {"page_size": "50"}),
        ("resources", {"q": "crisis", "year": "2023"}),
    ],
)
def test_a_search_api_request_stays_within_its_query_budget(
    client, content, search_backend, django_assert_max_num_queries, collection, params
):
    url = f"/api/v2/{collection}/"
    expected = client.get(url, params).json()  # the first request caches the vocabulary
    with django_assert_max_num_queries(QUERY_BUDGET[collection, search_backend]):
        response = client.get(url, params)
    assert response.status_code == 200
    assert response.json() == expected


def test_catalog_results_carry_their_terms_without_loading_pages(
    client, content, search_backend, django_assert_max_num_queries
):
    client.get("/api/v2/catalog/")
    with django_assert_max_num_queries(QUERY_BUDGET["catalog", search_backend]) as queries:
        body = client.get("/api/v2/catalog/", {"page_size": "50"}).json()
    results = body["results"]
    assert len(results) == body["count"] > 4
    patrol = next(item for item in results if item["id"] == content["patrol"].pk)
    assert patrol["topics"] == ["de-escalation-tactics-and-techniques", "communication-skills"]
    assert patrol["states"] == ["KY", "OH"]
    assert patrol["audiences"] == ["law-enforcement-officers"]
    assert patrol["delivery_methods"] == ["in-person"]
    assert patrol["url"] == f"http://testserver/catalog/{content['patrol'].slug}/"
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "_prefetch_related_val" not in sql  # no page's terms are loaded
    assert "wagtailcore_site" not in sql


def test_renaming_a_term_shows_in_results_filters_and_facets(client, content, refresh_index):
    term = TopicArea.objects.get(slug="communication-skills")
    term.name, term.slug = "Talking with people", "talking-with-people"
    term.save()
    refresh_index()
    body = client.get("/api/v2/catalog/", {"topic": "talking-with-people"}).json()
    assert {item["id"] for item in body["results"]} == {
        content["patrol"].pk,
        content["disability"].pk,
    }
    assert all("talking-with-people" in item["topics"] for item in body["results"])
    assert body["facets"]["topic"]["talking-with-people"] == 2
    assert "communication-skills" not in body["facets"]["topic"]


def test_renaming_a_resource_type_and_a_state_code_shows_in_results(
    client, content, refresh_index
):
    kind = ResourceType.objects.get(slug="toolkit")
    kind.slug = "kit"
    kind.save()
    state = USState.objects.get(code="KY")
    state.code = "KT"
    state.save()
    refresh_index()
    resources = client.get("/api/v2/resources/", {"type": "kit"}).json()["results"]
    assert [item["resource_type"] for item in resources] == ["kit"]
    catalog = client.get("/api/v2/catalog/", {"state": "KT"}).json()["results"]
    patrol = next(item for item in catalog if item["id"] == content["patrol"].pk)
    assert patrol["states"] == ["KT", "OH"]


def test_an_unpublished_page_leaves_the_results(client, content, refresh_index):
    content["patrol"].unpublish()
    refresh_index()
    body = client.get("/api/v2/catalog/", {"page_size": "50"}).json()
    assert content["patrol"].pk not in {item["id"] for item in body["results"]}
    assert body["count"] == CurriculumPage.objects.in_catalog().count()
    assert not ResultCard.objects.filter(page_id=content["patrol"].pk).exists()


def test_a_renamed_page_shows_its_new_title_and_url(client, content, refresh_index):
    page = CurriculumPage.objects.get(pk=content["cit"].pk)
    page.title, page.slug = "Crisis Intervention Team Course (2027)", "cit-2027"
    page.save_revision().publish()
    refresh_index()
    body = client.get("/api/v2/catalog/", {"state": "MI"}).json()
    item = next(item for item in body["results"] if item["id"] == page.pk)
    assert item["title"] == "Crisis Intervention Team Course (2027)"
    assert item["slug"] == "cit-2027"
    assert item["url"] == "http://testserver/catalog/cit-2027/"


def test_moving_the_catalog_moves_every_result_url(client, content, refresh_index):
    catalog = CatalogPage.objects.get()
    catalog.slug = "approved-curricula"
    catalog.save_revision().publish()
    refresh_index()
    results = client.get("/api/v2/catalog/", {"page_size": "50"}).json()["results"]
    assert results
    for item in results:
        assert item["url"] == f"http://testserver/approved-curricula/{item['slug']}/"
        assert client.get(item["url"]).status_code == 200


def test_a_page_without_a_card_is_answered_from_the_page(client, content, refresh_index):
    ResultCard.objects.filter(page_id=content["cit"].pk).delete()
    body = client.get("/api/v2/catalog/", {"state": "MI"}).json()
    item = next(item for item in body["results"] if item["id"] == content["cit"].pk)
    assert item["topics"] == ["crisis-intervention-teams-and-co-responder-models"]


def test_the_cards_command_fills_missing_cards_and_forgets_unpublished_ones(content):
    from django.core.management import call_command

    ResultCard.objects.all().delete()
    call_command("search_cards_update", verbosity=0)
    live = set(CurriculumPage.objects.live().values_list("pk", flat=True))
    assert live <= set(ResultCard.objects.values_list("page_id", flat=True))


def test_a_request_reads_each_vocabulary_once(client, content, search_backend):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()  # nothing cached: the request must read the vocabulary itself
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v2/catalog/", {"topic": "communication-skills"})
    assert response.status_code == 200
    for table in ("topicarea", "audience", "deliverymethod", "providertype", "usstate"):
        reads = [
            query["sql"]
            for query in queries.captured_queries
            if query["sql"].startswith("SELECT") and f'FROM "pages_{table}"' in query["sql"]
        ]
        assert len(reads) == 1, (table, reads)


def test_a_page_made_private_leaves_the_results_and_its_facet_counts_at_once(
    client, content, search_backend
):
    from wagtail.models import PageViewRestriction

    patrol = content["patrol"]

    def found(params):
        body = client.get("/api/v2/catalog/", params).json()
        return [item["id"] for item in body["results"]], body["facets"]["state"]["KY"]

    assert found({"q": "patrol"}) == found({"q": "patrol"})  # cached the second time
    ids, kentucky = found({"q": "patrol"})
    assert patrol.pk in ids
    restriction = PageViewRestriction.objects.create(
        page=patrol, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    ids_private, kentucky_private = found({"q": "patrol"})
    assert patrol.pk not in ids_private
    assert kentucky_private == kentucky - 1
    assert patrol.pk not in found({"state": "KY"})[0]
    restriction.delete()
    assert found({"q": "patrol"}) == (ids, kentucky)


@pytest.mark.django_db
def test_a_path_stand_in_gives_every_page_the_url_wagtail_gives_it(rf, home_page):
    """On one site and on two (where the other site's pages get its full address)."""
    from wagtail.models import Page, Site

    from search.serializers import PagePath

    catalog = build_catalog(home_page)["patrol"].get_parent()
    other_root = Page.get_first_root_node().add_child(
        instance=Page(title="Other home", slug="other-home")
    )
    other_page = other_root.add_child(instance=Page(title="Elsewhere", slug="elsewhere"))
    orphan = Page.get_first_root_node().add_child(instance=Page(title="Loose", slug="loose"))
    ids = [
        *Page.objects.descendant_of(catalog, inclusive=True).values_list("pk", flat=True),
        other_page.pk,
        orphan.pk,
    ]

    def urls(request):
        # Read afresh: a page keeps the site root paths it first saw.
        pages = sorted(Page.objects.filter(pk__in=ids), key=lambda page: ids.index(page.pk))
        return [
            (page.get_url(request), page.get_url_parts(request), page.url) for page in pages
        ], [
            (stand_in.get_url(request), stand_in.get_url_parts(request), stand_in.url)
            for stand_in in (PagePath(page.url_path) for page in pages)
        ]

    real, stand_ins = urls(rf.get("/"))
    assert real == stand_ins
    assert real[-1] == (None, None, None)  # outside every site
    Site.objects.create(hostname="other.example.org", root_page=other_root)
    real, stand_ins = urls(rf.get("/"))
    assert real == stand_ins
    assert real[-2][0] == "http://other.example.org/elsewhere/"


@pytest.mark.django_db
@pytest.mark.parametrize("append_slash", [True, False])
@pytest.mark.parametrize("script_prefix", ["/", "/national/"])
def test_a_result_url_is_the_address_wagtail_gives_the_page(
    rf, home_page, monkeypatch, append_slash, script_prefix
):
    """On one site, with a unicode slug, outside every site, under a script prefix, with and
    without trailing slashes, and then on two sites."""
    from django.urls import set_script_prefix
    from wagtail.models import Page, Site
    from wagtail.models import pages as wagtail_pages

    from search.serializers import page_url

    # Wagtail reads the setting once, when its page models are imported.
    monkeypatch.setattr(wagtail_pages, "WAGTAIL_APPEND_SLASH", append_slash)
    catalog = build_catalog(home_page)["patrol"].get_parent()
    catalog.add_child(instance=Page(title="Formation", slug="formación-de-crisis"))
    orphan = Page.get_first_root_node().add_child(instance=Page(title="Loose", slug="loose"))
    other_root = Page.get_first_root_node().add_child(
        instance=Page(title="Other home", slug="other-home")
    )
    other_page = other_root.add_child(instance=Page(title="Elsewhere", slug="elsewhere"))
    pages = [
        home_page,
        *Page.objects.descendant_of(catalog, inclusive=True),
        orphan,
        other_page,
    ]

    def addresses():
        request = rf.get("/", HTTP_HOST="catalog.example.gov")
        expected = []
        for page in Page.objects.filter(pk__in=[page.pk for page in pages]).order_by("pk"):
            url = page.get_url(request)
            expected.append(request.build_absolute_uri(url) if url is not None else None)
        stored = Page.objects.filter(pk__in=[page.pk for page in pages]).order_by("pk")
        return expected, [
            page_url(path, request) for path in stored.values_list("url_path", flat=True)
        ]

    set_script_prefix(script_prefix)
    try:
        expected, ours = addresses()
        assert ours == expected
        assert f"{script_prefix}catalog/formaci%C3%B3n-de-crisis" in " ".join(filter(None, ours))
        assert None in ours  # the orphan and the other root's page belong to no site yet
        Site.objects.create(hostname="other.example.org", root_page=other_root)
        expected, ours = addresses()
        assert ours == expected
        assert f"http://other.example.org{script_prefix}elsewhere" in " ".join(filter(None, ours))
    finally:
        set_script_prefix("/")


@pytest.mark.django_db
def test_the_cards_read_for_any_page_of_ids_are_the_stored_ones(content):
    """Every count of ids, repeated and unknown ones among them, reads the cards as stored."""
    from search.cards import result_cards_for

    stored = {
        card.page_id: (card.data, card.page.url_path)
        for card in ResultCard.objects.select_related("page").filter(
            page__content_type__model="curriculumpage"
        )
    }
    ids = sorted(stored)
    for count in range(len(ids) + 1):
        asked = [*ids[:count], *ids[:1], 999_999]
        cards = result_cards_for(model=CurriculumPage, ids=asked)
        assert {pk: (card.data, card.url_path) for pk, card in cards.items()} == {
            pk: stored[pk] for pk in ids[: max(count, 1)]
        }
