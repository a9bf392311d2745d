"""The JSON search API: its documented shape, and a clear 400 for bad parameters."""

import pytest

from .fixtures import build_catalog, build_library


@pytest.fixture
def content(search_backend, home_page, refresh_index):
    made = {**build_catalog(home_page), **build_library(home_page)}
    refresh_index()
    return made


def test_catalog_api_returns_the_documented_shape(client, content):
    response = client.get("/api/v2/catalog/", {"state": "MI"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    item = next(r for r in body["results"] if r["title"] == "Crisis Intervention Team Course")
    assert item == {
        "id": content["cit"].pk,
        "title": "Crisis Intervention Team Course",
        "slug": content["cit"].slug,
        "url": f"http://testserver/catalog/{content['cit'].slug}/",
        "provider": "Lakes Partnership",
        "provider_type": "nonprofit-organization",
        "summary": "Responding to people in a mental health crisis.",
        "topics": ["crisis-intervention-teams-and-co-responder-models"],
        "audiences": ["law-enforcement-officers", "covered-mental-health-professionals"],
        "delivery_methods": ["in-person"],
        "duration_hours": 40.0,
        "cost": "$300",
        "states": ["MI"],
        "approval_date": "2026-03-01",
        "expiry_date": "2029-01-01",
        # An entry made outside a review has no public approval record.
        "approval_status": None,
        "verification_code": None,
        "verification_url": None,
        "approved_version": None,
    }
    assert set(body["facets"]) == {"topic", "audience", "delivery", "provider_type", "state"}
    assert body["facets"]["state"]["MI"] == 3


def test_catalog_api_takes_repeated_parameters_and_pages(client, content):
    response = client.get(
        "/api/v2/catalog/?topic=disability-awareness&topic=community-responder-programs&page_size=1"
    )
    body = response.json()
    assert body["count"] == 2
    assert len(body["results"]) == 1
    assert body["num_pages"] == 2
    second = client.get(
        "/api/v2/catalog/?topic=disability-awareness&topic=community-responder-programs&page_size=1&page=2"
    ).json()
    assert second["results"][0]["id"] != body["results"][0]["id"]


def test_resources_api_returns_the_documented_shape(client, content):
    body = client.get("/api/v2/resources/", {"q": "toolkit"}).json()
    assert body["count"] == 1
    assert set(body["results"][0]) == {
        "id",
        "title",
        "slug",
        "url",
        "summary",
        "topics",
        "resource_type",
        "publisher",
        "publication_date",
        "external_url",
    }
    assert set(body["facets"]) == {"topic", "type", "year"}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"topic": "no-such-topic"}, "topic"),
        ({"min_hours": "abc"}, "min_hours"),
        ({"page": "9999"}, "page"),
        ({"page": "0"}, "page"),
        ({"page_size": "101"}, "page_size"),
        ({"sort": "random"}, "sort"),
        ({"state": "ZZ"}, "state"),
        ({"cost": "cheap"}, "cost"),
        ({"min_hours": "10", "max_hours": "2"}, "__all__"),
    ],
)
def test_catalog_api_answers_bad_parameters_with_400_and_the_field(client, content, params, field):
    response = client.get("/api/v2/catalog/", params)
    assert response.status_code == 400
    body = response.json()
    assert field in body["fields"]
    assert body["error"]


@pytest.mark.parametrize("params", [{"year": "abc"}, {"type": "nope"}, {"page": "50"}])
def test_resources_api_answers_bad_parameters_with_400(client, content, params):
    assert client.get("/api/v2/resources/", params).status_code == 400


def test_an_empty_result_is_not_an_error(client, content):
    body = client.get("/api/v2/catalog/", {"q": "zzzyzx"}).json()
    assert body["count"] == 0
    assert body["results"] == []


def test_openapi_schema_describes_both_endpoints_and_their_parameters(client, db):
    schema = client.get("/api/v2/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    catalog = schema["paths"]["/api/v2/catalog/"]["get"]
    names = {parameter["name"] for parameter in catalog["parameters"]}
    assert {"q", "topic", "audience", "delivery", "provider_type", "state", "cost"} <= names
    assert {"min_hours", "max_hours", "sort", "page", "page_size"} <= names
    resources = schema["paths"]["/api/v2/resources/"]["get"]
    assert {"q", "topic", "type", "year"} <= {p["name"] for p in resources["parameters"]}
    assert "400" in catalog["responses"]
