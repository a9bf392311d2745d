"""Site-wide search at /search/, reached from the header on every page."""

import datetime

import pytest

from curricula.models import CurriculumPage

pytestmark = pytest.mark.django_db


def test_the_header_offers_site_search_on_every_page(client, demo_site):
    for path in ["/", "/about/", "/catalog/"]:
        body = client.get(path).content.decode()
        assert 'role="search" aria-label="Site search" method="get" action="/search/"' in body


def test_search_finds_news_resources_curricula_and_pages_with_their_kind(client, demo_site):
    response = client.get("/search/", {"q": "crisis"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Crisis Intervention Team Core Course" in body
    for kind in ("News", "Resource", "Approved curriculum"):
        assert f'usa-tag">{kind}</li>' in body, kind


def test_an_expired_curriculum_is_not_found(client, demo_site):
    page = CurriculumPage.objects.get(slug="crisis-intervention-team-core-course")
    page.expiry_date = datetime.date.today() - datetime.timedelta(days=1)
    page.save_revision().publish()
    body = client.get("/search/", {"q": "Crisis Intervention Team Core"}).content.decode()
    assert "Crisis Intervention Team Core Course" not in body


@pytest.mark.parametrize(
    "params",
    [
        {"q": ""},
        {"q": '"(crisis OR) AND -* ~ [ {'},
        {"q": "crisis", "page": "abc"},
        {"q": "crisis", "page": "9999"},
        {"q": "x" * 1000},
        {"q": "'"},
    ],
)
def test_odd_input_never_fails(client, demo_site, params):
    assert client.get("/search/", params).status_code == 200


def test_no_match_says_so(client, demo_site):
    body = client.get("/search/", {"q": "zzqxv"}).content.decode()
    assert "Nothing on the site matches “zzqxv”" in body
