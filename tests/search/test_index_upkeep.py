"""Index upkeep: page changes reach every backend; an engine outage loses nothing."""

import logging
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from search.engines import SearchQuery
from search.node import EngineUnavailable, SearchEngineNode
from search.reconcile import index_differences
from search.selectors import catalog_search

from .conftest import opensearch_settings
from .fixtures import build_catalog, curriculum


def _reconcile(*args) -> str:
    out = StringIO()
    call_command("search_reconcile", *args, stdout=out)
    return out.getvalue()


def test_deleting_a_page_removes_it_from_the_index(search_backend, home_page, refresh_index):
    made = build_catalog(home_page)
    made["dispatch"].delete()
    refresh_index()
    titles = {item.title for item in catalog_search(SearchQuery(page_size=50)).items}
    assert "Dispatch Triage" not in titles
    assert index_differences("default").count == 0


def test_reconcile_reports_and_repairs_a_page_missing_from_the_index(
    search_backend, home_page, refresh_index
):
    made = build_catalog(home_page)
    get_search_backend("default").delete(made["patrol"])
    refresh_index()
    with pytest.raises(SystemExit):
        _reconcile("--check")
    report = _reconcile()
    assert "default: 1 missing, 0 stale" in report
    refresh_index()
    assert "default: 0 missing, 0 stale" in _reconcile()
    result = catalog_search(SearchQuery(text="Riverside"))
    assert [item.title for item in result.items] == ["Patrol De-escalation Fundamentals"]


@pytest.fixture
def own_engine(tmp_path, settings, db):
    """A node of this test's own, so it can be stopped and restarted."""
    node = SearchEngineNode(tmp_path / "engine-data")
    try:
        node.start()
    except EngineUnavailable as error:
        pytest.skip(str(error))
    settings.WAGTAILSEARCH_BACKENDS = opensearch_settings(node.url)
    call_command("update_index", backend_name="default", verbosity=0)
    yield node
    node.stop()


@pytest.mark.search_engine
def test_an_engine_outage_loses_nothing(own_engine, home_page, caplog):
    made = build_catalog(home_page)
    catalog = Page.objects.get(slug="catalog").specific
    own_engine.stop()

    with caplog.at_level(logging.WARNING):
        published = curriculum(catalog, "Published During Outage", provider="Outage Academy")
    assert published.live, "publishing must succeed while the engine is down"
    assert "Search index update" in caplog.text

    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="search.engines"):
        result = catalog_search(SearchQuery(text="Outage"))
    assert result.engine == "database"
    assert [item.title for item in result.items] == ["Published During Outage"]
    assert "answering catalog search from the database" in caplog.text

    own_engine.start()  # same port and data directory
    assert "default: 1 missing, 0 stale" in _reconcile()
    get_search_backend("default").get_index_for_model(Page).refresh()
    assert "default: 0 missing, 0 stale" in _reconcile()
    result = catalog_search(SearchQuery(text="Outage"))
    assert result.engine == "cluster"
    assert [item.title for item in result.items] == ["Published During Outage"]
    assert made["patrol"].live


@pytest.mark.django_db
def test_a_failed_index_update_is_retried_later(settings, home_page, caplog):
    """With the database task backend, a failed update is enqueued again, to run later."""
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # Nothing listens on the discard port: every request to this "cluster" is refused.
    settings.WAGTAILSEARCH_BACKENDS = opensearch_settings("http://127.0.0.1:9")
    made = build_catalog(home_page)
    assert made["patrol"].live
    from search.tasks import page_index_update

    with caplog.at_level(logging.WARNING, logger="search.tasks"):
        page_index_update.call(made["patrol"].pk)  # what the worker runs
    retries = [
        result
        for result in DBTaskResult.objects.filter(task_path="search.tasks.page_index_update")
        if result.args_kwargs["kwargs"].get("attempt") == 2
    ]
    assert retries, "a failed update must be enqueued again"
    assert all(result.run_after > timezone.now() for result in retries)
    assert "retrying in" in caplog.text
