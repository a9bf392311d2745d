"""When no node of the search cluster answers: the catalog, library, API and site search
either answer from the database index kept beside the cluster, or, without one, show a
designed 503 page, never a traceback."""

import socket

import pytest

from config.settings.search import search_backends
from search.engines import is_outage

from .fixtures import build_catalog, build_library


def _closed_port() -> int:
    """A local port nothing listens on: every connection to it is refused, as to a dead node."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def content(settings, home_page):
    settings.WAGTAILSEARCH_BACKENDS = search_backends(
        kind="database", url="", index_prefix="", timeout=5
    )
    return {**build_catalog(home_page), **build_library(home_page)}


def _cluster_down(settings, *, fallback: str) -> None:
    urls = ",".join(f"http://127.0.0.1:{_closed_port()}" for _ in range(3))
    settings.WAGTAILSEARCH_BACKENDS = search_backends(
        kind="opensearch2", url=urls, index_prefix="down_", timeout=2, fallback=fallback
    )


@pytest.mark.parametrize(
    "path", ["/catalog/?topic=communication-skills", "/resources/?q=guide", "/search/?q=patrol"]
)
def test_without_a_fallback_a_search_page_is_a_designed_503(client, settings, content, path):
    _cluster_down(settings, fallback="none")
    response = client.get(path)
    body = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    assert "no-store" in response["Cache-Control"]
    assert "Search is unavailable for a moment" in body
    assert 'href="/"' in body and "Try again" in body
    assert "Traceback" not in body


@pytest.mark.parametrize("path", ["/api/v2/catalog/?q=patrol", "/api/v2/resources/"])
def test_without_a_fallback_the_search_api_answers_503_in_json(client, settings, content, path):
    _cluster_down(settings, fallback="none")
    response = client.get(path)
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"].isdigit()
    assert "no-store" in response["Cache-Control"]
    assert "unavailable" in response.json()["error"]


def test_the_csv_download_is_a_503_too(client, settings, content):
    _cluster_down(settings, fallback="none")
    assert client.get("/catalog/", {"format": "csv"}).status_code == 503


def test_with_the_database_fallback_searches_are_answered_from_the_database(
    client, settings, content
):
    paths = [
        "/catalog/?topic=communication-skills",
        "/api/v2/catalog/?q=patrol",
        "/search/?q=patrol",
    ]
    expected = [client.get(path).content for path in paths]
    _cluster_down(settings, fallback="database")
    for path, answer in zip(paths, expected, strict=True):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.content == answer, path
    assert b"Patrol De-escalation Fundamentals" in expected[0]


def test_a_malformed_request_to_a_live_cluster_is_not_taken_for_an_outage():
    class BadRequest(Exception):
        status_code = 400

    class Unavailable(Exception):
        status_code = 503

    assert not is_outage(BadRequest())
    assert is_outage(Unavailable())
    assert is_outage(ConnectionRefusedError())
