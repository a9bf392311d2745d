"""The headless API exposes every page type's fields, so a separate front end can render it."""

import pytest

EXPECTED_FIELDS = {
    "pages.HomePage": {"intro", "body", "featured_resources"},
    "pages.StandardPage": {"intro", "body"},
    "pages.NewsIndexPage": {"intro"},
    "pages.NewsPage": {"date", "intro", "body", "topic_areas"},
    "pages.ResourceLibraryPage": {"intro"},
    "pages.ResourcePage": {
        "summary",
        "topic_areas",
        "resource_type",
        "publisher",
        "publication_date",
        "external_url",
        "document",
    },
    "curricula.CatalogPage": {"intro"},
    "curricula.CurriculumPage": {
        "provider_name",
        "provider_type",
        "summary",
        "audiences",
        "topic_areas",
        "delivery_methods",
        "duration_hours",
        "is_free",
        "cost_description",
        "offered_nationwide",
        "state_codes",
        "approval_date",
        "expiry_date",
        "standards_version",
        "website",
        "contact_name",
        "contact_email",
        "contact_phone",
    },
}


@pytest.mark.parametrize(("page_type", "fields"), EXPECTED_FIELDS.items())
def test_api_lists_every_field_of_each_page_type(client, demo_site, page_type, fields):
    response = client.get("/api/v2/pages/", {"type": page_type, "fields": "*"})
    assert response.status_code == 200
    items = response.json()["items"]
    assert items, f"no {page_type} in the demo site"
    assert fields <= set(items[0]), fields - set(items[0])


def test_api_serializes_taxonomy_as_slugs(client, demo_site):
    response = client.get(
        "/api/v2/pages/",
        {
            "type": "curricula.CurriculumPage",
            "fields": "*",
            "slug": "co-responder-team-operations",
        },
    )
    item = response.json()["items"][0]
    assert item["provider_type"] == "nonprofit-organization"
    assert "crisis-intervention-teams-and-co-responder-models" in item["topic_areas"]
    assert item["state_codes"] == ["ID", "OR", "WA"]
    assert item["cost_description"] == "$450 per team"


def test_api_reports_nationwide_curricula(client, demo_site):
    response = client.get(
        "/api/v2/pages/",
        {
            "type": "curricula.CurriculumPage",
            "fields": "state_codes",
            "slug": "active-bystandership-for-officers",
        },
    )
    assert response.json()["items"][0]["state_codes"] == ["nationwide"]


def test_api_serves_documents_and_images_endpoints(client, demo_site):
    assert client.get("/api/v2/documents/").status_code == 200
    assert client.get("/api/v2/images/").status_code == 200


def test_api_rejects_an_unknown_page_type_with_400(client, demo_site):
    response = client.get("/api/v2/pages/", {"type": "pages.NoSuchPage"})
    assert response.status_code == 400
