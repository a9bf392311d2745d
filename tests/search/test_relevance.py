"""What people type finds what they mean, in the same order on the database and OpenSearch:
word beginnings, other forms of a word, accents or none, the title weighed above the provider
and the provider above the summary."""

import pytest

from search.engines import SearchQuery
from search.selectors import catalog_search, resource_search

from .fixtures import curriculum, publish_child

TACTICAL = "Tactical Communication"
SAFETY = "Officer Safety Basics"
LISTENING = "Community Listening"
TECNICAS = "Técnicas de desescalada"
FORMACION = "Formacion basica en crisis"
GUIA = "Guía de intervención en crisis"


@pytest.fixture
def catalog(search_backend, home_page, refresh_index):
    from curricula.models import CatalogPage
    from pages.models import ResourceLibraryPage, ResourcePage, ResourceType

    catalog = publish_child(home_page, CatalogPage(title="Catalog", slug="catalog"))
    for title, provider, summary in [
        (TACTICAL, "Blue Line Training", "Verbal skills for patrol."),
        (SAFETY, "Tactics Group", "Staying safe at calls."),
        (LISTENING, "Harbor College", "Tactical pauses and officers' wellbeing."),
        (TECNICAS, "Academia Nacional", "Formación práctica para agentes."),
        (FORMACION, "Instituto Sur", "Curso en línea."),
    ]:
        curriculum(catalog, title, provider=provider, summary=summary)
    library = publish_child(home_page, ResourceLibraryPage(title="Resources", slug="resources"))
    for title, publisher in [(GUIA, "Ministerio"), ("Crisis Guide", "Guiding Hands")]:
        publish_child(
            library,
            ResourcePage(
                title=title,
                summary="A resource.",
                publisher=publisher,
                resource_type=ResourceType.objects.get(slug="guide"),
                external_url="https://example.org/",
            ),
        )
    refresh_index()


RELEVANCE = [
    # the beginning of a word finds the word
    ("tact", [TACTICAL, SAFETY, LISTENING]),
    ("communicat", [TACTICAL]),
    # other forms of the word; title, then provider, then summary
    ("tactics", [TACTICAL, SAFETY, LISTENING]),
    ("tactical", [TACTICAL, SAFETY, LISTENING]),
    ("officer", [SAFETY, LISTENING]),
    ("officers", [SAFETY, LISTENING]),
    # accents typed or not, on either side; an accented query keeps the title first
    ("tecnicas", [TECNICAS]),
    ("TÉCNICAS desescalada", [TECNICAS]),
    ("formación", [FORMACION, TECNICAS]),
    ("formacion", [FORMACION, TECNICAS]),
    ("practica", [TECNICAS]),
    # every word must match somewhere
    ("safety basics", [SAFETY]),
    ("tactical patrol", [TACTICAL]),
    ("tactical zzz", []),
]


RESOURCE_RELEVANCE = [
    ("guia", [GUIA]),
    ("intervencion", [GUIA]),
    ("guid", ["Crisis Guide"]),
    ("guidance", []),
]


def _misses(search, table) -> list:
    """The rows of a table whose search does not return exactly the expected titles, in order."""
    misses = []
    for text, expected in table:
        result = search(SearchQuery(text=text, page_size=50))
        found = [item.title for item in result.items]
        if found != expected or result.total != len(expected):
            misses.append((text, expected, found))
    return misses


# One index per backend, every row of the table asked of it (building the index is the slow part).
def test_catalog_search_finds_what_people_type(catalog):
    assert _misses(catalog_search, RELEVANCE) == []


def test_resource_search_finds_what_people_type(catalog):
    assert _misses(resource_search, RESOURCE_RELEVANCE) == []


@pytest.mark.django_db
def test_sqlite_runs_the_text_match_once_before_reading_the_entries():
    """Read the other way round, SQLite re-runs the match for every index entry (seconds at
    10,000 pages instead of milliseconds)."""
    from django.db import connection

    from curricula.models import CurriculumPage
    from search.database_text import _statement

    if connection.vendor != "sqlite":
        pytest.skip("the query plan asked about is SQLite's")
    sql, params = _statement(CurriculumPage, ("crisis", "patrol"), None)
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        steps = [row[-1] for row in cursor.fetchall()]
    assert steps[0].startswith("SCAN wagtailsearch_indexentry_fts VIRTUAL TABLE"), steps
    assert steps[1].startswith("SEARCH entry USING INTEGER PRIMARY KEY"), steps


@pytest.mark.django_db
def test_postgresql_answers_the_text_match_from_its_gin_index():
    """The match's expression is the indexed one, so PostgreSQL does not rebuild every entry's
    document for each search."""
    from django.db import connection
    from modelsearch.utils import get_content_type_pk

    from curricula.models import CurriculumPage
    from search.database_text import _statement

    if connection.vendor != "postgresql":
        pytest.skip("the index asked about is PostgreSQL's")
    with connection.cursor() as cursor:
        # Enough entries for the planner to prefer an index to reading them all.
        cursor.execute(
            """INSERT INTO wagtailsearch_indexentry
               (content_type_id, object_id, title_norm, title, autocomplete, body,
                title_text, body_text)
               SELECT %s, i::text, 1, to_tsvector('simple', 'course ' || i), ''::tsvector,
                      to_tsvector('simple', 'training number ' || i), '', ''
               FROM generate_series(1, 3000) AS i""",
            [get_content_type_pk(CurriculumPage)],
        )
        cursor.execute("ANALYZE wagtailsearch_indexentry")
        sql, params = _statement(CurriculumPage, ("crisis", "patrol"), None)
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Scan on search_indexentry_document" in plan, plan
