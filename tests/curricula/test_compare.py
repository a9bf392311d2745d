"""Curricula side by side at a shareable address: /catalog/compare/?id=…&id=…"""

import datetime

import pytest

from curricula.models import CurriculumPage

pytestmark = pytest.mark.django_db


def ids_of(*slugs: str) -> list[str]:
    return [str(CurriculumPage.objects.get(slug=slug).pk) for slug in slugs]


def test_two_curricula_are_shown_side_by_side(client, demo_site):
    ids = ids_of("crisis-intervention-team-core-course", "active-bystandership-for-officers")
    response = client.get("/catalog/compare/", {"id": ids})
    body = response.content.decode()
    assert response.status_code == 200
    assert body.index("Crisis Intervention Team Core Course") < body.index(
        "Active Bystandership for Officers"
    )
    assert "<td>40</td>" in body and "<td>8</td>" in body
    assert "<td>Nationwide</td>" in body


def test_more_than_four_are_refused_with_a_message(client, demo_site):
    ids = [str(pk) for pk in CurriculumPage.objects.values_list("pk", flat=True)[:5]]
    response = client.get("/catalog/compare/", {"id": ids})
    assert response.status_code == 400
    assert "Choose at most 4 curricula to compare; you chose 5." in response.content.decode()


@pytest.mark.parametrize("bad", ["abc", "-1", "1.5"])
def test_an_unrecognised_id_is_a_clear_400(client, demo_site, bad):
    response = client.get("/catalog/compare/", {"id": [bad]})
    assert response.status_code == 400
    assert "was not recognised" in response.content.decode()


def test_an_expired_or_unknown_entry_is_left_out_and_said_so(client, demo_site):
    expired = CurriculumPage.objects.get(slug="active-bystandership-for-officers")
    expired.expiry_date = datetime.date(2020, 1, 1)
    expired.save_revision().publish()
    ids = [*ids_of("crisis-intervention-team-core-course"), str(expired.pk), "999999"]
    body = client.get("/catalog/compare/", {"id": ids}).content.decode()
    assert "2 of the chosen curricula are no longer in the catalog" in body
    assert "Active Bystandership for Officers" not in body


def test_without_a_choice_the_page_explains_how_to_compare(client, demo_site):
    response = client.get("/catalog/compare/", {"id": [""]})
    assert response.status_code == 200
    assert "Tick “Compare” beside two to 4 curricula" in response.content.decode()


def test_catalog_cards_offer_the_comparison(client, demo_site):
    body = client.get("/catalog/").content.decode()
    assert 'form="compare-form"' in body
    assert 'action="/catalog/compare/"' in body
