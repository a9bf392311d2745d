"""Search tests run against both backends: the database, and a real OpenSearch node."""

import os
import uuid

import pytest
from django.core.management import call_command
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from config.settings.search import search_backends
from search.node import SearchEngineNode, engine_backend_kind

from .engines import started_or_skipped


@pytest.fixture(scope="session")
def search_engine_url(tmp_path_factory):
    """The URL of a real OpenSearch node: SEARCH_URL if set, else one started for the run.

    SEARCH_ENGINE_VERSION=3 starts an OpenSearch 3.x node (and the suite then uses the
    opensearch3 backend); the default is 2.19.
    """
    if os.environ.get("SEARCH_URL"):
        yield os.environ["SEARCH_URL"]
        return
    node = started_or_skipped(SearchEngineNode(tmp_path_factory.mktemp("search-engine") / "data"))
    yield node.url
    node.stop()


def opensearch_settings(url: str) -> dict:
    prefix = f"test_{uuid.uuid4().hex[:8]}_"
    # The backend a deployer picks for the node's major: opensearch2 or opensearch3.
    return search_backends(kind=engine_backend_kind(), url=url, index_prefix=prefix, timeout=10)


@pytest.fixture(params=["database", pytest.param("opensearch", marks=pytest.mark.search_engine)])
def search_backend(request, settings, db):
    """Each search test runs once per backend; OpenSearch gets fresh indices."""
    if request.param == "database":
        settings.WAGTAILSEARCH_BACKENDS = search_backends(
            kind="database", url="", index_prefix="", timeout=5
        )
        yield request.param
        return
    settings.WAGTAILSEARCH_BACKENDS = opensearch_settings(
        request.getfixturevalue("search_engine_url")
    )
    call_command("update_index", backend_name="default", verbosity=0)
    yield request.param
    backend = get_search_backend("default")
    backend.es.indices.delete(index=f"{backend.index_prefix}*")


@pytest.fixture
def refresh_index(search_backend):
    """Make what was just indexed searchable (OpenSearch refreshes about once a second)."""

    def refresh():
        backend = get_search_backend("default")
        if hasattr(backend, "es"):
            backend.get_index_for_model(Page).refresh()

    return refresh
