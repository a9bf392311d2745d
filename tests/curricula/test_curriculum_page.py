"""What a trainer reads about a curriculum: on its card in the catalog and on its own page."""

import re

import pytest

PROFILED = "/catalog/integrating-communications-assessment-and-tactics-for-patrol/"


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.django_db
def test_each_catalog_card_labels_its_facts(client, demo_site):
    body = client.get("/catalog/", {"q": "Integrating Communications"}).content.decode()
    card = text_of(body.split('class="usa-collection__item"')[1].split("</li>\n</ul>")[0])
    for fact in (
        "Provider Riverside Regional Police Academy",
        "Hours 16",
        "Cost Free",
        "Delivery In-person, Train-the-trainer",
        "Where offered Indiana, Kentucky, Ohio",
        "Audiences Law enforcement officers, Trainers and instructors",
        "Approved on Oct 6, 2026",
        "Valid until Oct 5, 2029",
        "Standards version National Standards v1.0",
    ):
        assert fact.lower() in card.lower(), fact


@pytest.mark.django_db
def test_a_nationwide_card_says_nationwide(client, demo_site):
    body = text_of(client.get("/catalog/", {"q": "Active Bystandership"}).content.decode())
    assert "Where offered Nationwide" in body


@pytest.mark.django_db
def test_the_curriculum_page_shows_objectives_outline_standards_and_enrolment(client, demo_site):
    response = client.get(PROFILED)
    body = text_of(response.content.decode())
    assert response.status_code == 200
    assert "Learning objectives" in body
    assert "Use time, distance and cover to create options." in body
    assert "Module outline" in body
    assert "Tactical communication 6" in body
    assert "Standards met" in body
    assert "2.3 Scenario-based practice with feedback" in body
    assert "How to enrol" in body
    assert "Courses run monthly in Columbus" in body
    assert "Contact: Training coordinator" in body
    assert 'href="https://example.org/icat-materials"' in response.content.decode()


@pytest.mark.django_db
def test_a_curriculum_without_a_profile_leaves_out_the_empty_sections(client, demo_site):
    body = text_of(client.get("/catalog/active-bystandership-for-officers/").content.decode())
    assert "Learning objectives" not in body
    assert "Module outline" not in body
    assert "Standards met" not in body
    assert "How to enrol" in body


@pytest.mark.django_db
def test_the_pages_api_lists_the_profile_fields(client, demo_site):
    from curricula.models import CurriculumPage

    page = CurriculumPage.objects.get(
        url_path__endswith="/integrating-communications-assessment-and-tactics-for-patrol/"
    )
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert data["learning_objective_list"][0].startswith("Recognise signs")
    assert data["modules"][1]["value"]["title"] == "Tactical communication"
    assert data["standards_met"][0]["value"]["code"] == "1.1"
    assert data["enrolment"].startswith("Courses run monthly")
