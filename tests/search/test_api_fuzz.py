"""What the outside world sends, fuzzed: the API as its OpenAPI document describes it, and
every parameter of the four search doors with hostile values. Nothing may answer 5xx."""

from urllib.parse import urlencode

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.specs.openapi.checks import positive_data_acceptance

from .fixtures import build_catalog, build_library

ENDPOINTS = ["/catalog/", "/resources/", "/api/v2/catalog/", "/api/v2/resources/"]
PARAMETERS = [
    "q",
    "topic",
    "audience",
    "delivery",
    "provider_type",
    "state",
    "type",
    "year",
    "cost",
    "min_hours",
    "max_hours",
    "sort",
    "page",
    "page_size",
    "unknown",
]
HOSTILE = st.sampled_from(
    [
        "",
        " ",
        "\t\n",
        '"',
        "'",
        "\x00",
        "a\x00b",
        "AND OR NOT",
        "NEAR(a b)",
        "*",
        "-",
        ":",
        "()",
        "x" * 100_000,
        "9" * 400,
        "-1",
        "0",
        "1e308",
        "NaN",
        "inf",
        "2.55",
        "communication-skills",
        "OH",
        "free",
        "relevance",
        "2024",
        "Formación",
        "🙂",
        "%",
        "\\",
    ]
)
VALUES = st.one_of(
    HOSTILE,
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)
CROSS_PARAMETER_RULES = {"page", "__all__", "date_to"}
# Parameters naming a record by id: a well-formed id of no record is refused by name.
REFERENCE_PARAMETERS = {"curriculum"}
QUERIES = st.lists(st.tuples(st.sampled_from(PARAMETERS), VALUES), max_size=6)


@pytest.fixture
def content(search_backend, home_page, refresh_index):
    made = {**build_catalog(home_page), **build_library(home_page)}
    refresh_index()
    return made


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(endpoint=st.sampled_from(ENDPOINTS), pairs=QUERIES)
def test_no_parameters_make_a_server_error(client, content, endpoint, pairs):
    response = client.get(f"{endpoint}?{urlencode(pairs)}")
    assert response.status_code in {200, 400}, (pairs, response.content[:300])
    if endpoint.startswith("/api/"):
        body = response.json()
        assert ("results" in body) if response.status_code == 200 else body["fields"]


DOCUMENTED_OPERATIONS = {
    "GET /api/v2/catalog/",
    "GET /api/v2/resources/",
    "GET /api/v2/events/",
    "GET /api/v2/events/{id}/",
    "GET /api/v2/impact/",
}


@pytest.fixture
def wsgi_app():
    """Django's WSGI application as a server runs it, except that, like Django's test client,
    it leaves the database connection open: closing it would end the test's transaction."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_every_documented_request_is_answered_as_documented(db, home_page, wsgi_app):
    build_catalog(home_page)
    build_library(home_page)
    schema = schemathesis.openapi.from_wsgi("/api/v2/openapi.json", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {operation.label for operation in operations} == DOCUMENTED_OPERATIONS

    for operation in operations:

        @settings(
            max_examples=40,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture],
        )
        @given(case=operation.as_strategy())
        def answered_as_documented(case):
            # The WSGI transport does not decompress; gzip is tested on its own.
            response = case.call(headers={"Accept-Encoding": "identity"})
            case.validate_response(response, excluded_checks=[positive_data_acceptance])
            # A valid request succeeds unless it breaks a rule between parameters that the
            # document states in words (a page past the end, min_hours above max_hours).
            if response.status_code == 404:
                assert "{id}" in case.operation.path  # an id nothing has
            elif response.status_code != 200:
                assert response.status_code == 400
                refused = set(response.json()["fields"])
                assert refused <= CROSS_PARAMETER_RULES | REFERENCE_PARAMETERS, case.query

        answered_as_documented()
