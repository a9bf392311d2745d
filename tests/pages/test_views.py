"""Every public page type renders its content; unknown pages answer 404."""

import pytest

from curricula.models import CurriculumPage
from pages.models import NewsPage, ResourcePage


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/", "Latest news"),
        ("/about/", "About the project"),
        ("/about/ledta/", "Law Enforcement De-escalation Training Act"),
        ("/news/", "Curriculum submission portal opens to providers"),
        ("/resources/", "PAARI Promising Practices Guide"),
        ("/catalog/", "Crisis Intervention Team Core Course"),
        ("/admin/login/", "Sign in"),
    ],
)
def test_seeded_pages_answer_with_their_content(client, demo_site, path, expected):
    response = client.get(path)
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_a_news_item_renders_its_fields(client, demo_site):
    item = NewsPage.objects.live().first()
    body = client.get(item.url).content.decode()
    assert item.title in body
    assert item.intro in body
    assert item.date.strftime("%B") in body


def test_a_resource_renders_its_fields_and_link(client, demo_site):
    resource = ResourcePage.objects.get(slug="paari-promising-practices-guide")
    body = client.get(resource.url).content.decode()
    assert resource.publisher in body
    assert resource.external_url in body
    assert resource.resource_type.name in body


def test_a_resource_without_a_link_offers_its_document(client, demo_site):
    resource = ResourcePage.objects.get(slug="community-driven-crisis-response-workbook")
    body = client.get(resource.url).content.decode()
    assert resource.document.url in body
    assert client.get(resource.document.url).status_code == 200


def test_a_curriculum_renders_its_fields(client, demo_site):
    curriculum = CurriculumPage.objects.get(slug="co-responder-team-operations")
    body = client.get(curriculum.url).content.decode()
    for text in [curriculum.provider_name, "$450 per team", "Washington", "24 hours"]:
        assert text in body


def test_unknown_page_answers_404_with_the_site_chrome(client, demo_site):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize("page", ["abc", "9999", "-1"])
def test_bad_page_numbers_in_the_news_listing_never_fail(client, demo_site, page):
    assert client.get("/news/", {"page": page}).status_code == 200


def test_news_is_newest_first_and_paginated(client, home_page):
    from tests.factories.pages import NewsIndexPageFactory, NewsPageFactory

    index = NewsIndexPageFactory(parent=home_page)
    items = [NewsPageFactory(parent=index) for _ in range(12)]
    first_page = client.get("/news/").content.decode()
    newest, oldest = items[-1], items[0]
    assert newest.title in first_page
    assert oldest.title not in first_page
    assert first_page.index(items[-1].title) < first_page.index(items[-2].title)
    assert oldest.title in client.get("/news/", {"page": 2}).content.decode()


def test_news_feeds_list_the_latest_items(client, demo_site):
    rss = client.get("/news/feed/")
    atom = client.get("/news/feed/atom/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert atom["Content-Type"].startswith("application/atom+xml")
    newest = NewsPage.objects.live().order_by("-date").first()
    assert newest.title in rss.content.decode()
    assert newest.title in atom.content.decode()


def test_expired_curricula_leave_the_catalog(client, demo_site):
    import datetime

    curriculum = CurriculumPage.objects.get(slug="co-responder-team-operations")
    curriculum.expiry_date = datetime.date(2020, 1, 1)
    curriculum.approval_date = datetime.date(2019, 1, 1)
    curriculum.save_revision().publish()
    assert curriculum.title not in client.get("/catalog/").content.decode()


def test_news_feeds_can_follow_one_topic(client, demo_site):
    from pages.models import TopicArea

    topic = TopicArea.objects.get(slug="scenario-based-training")
    tagged = NewsPage.objects.live().filter(topic_areas=topic)
    untagged = NewsPage.objects.live().exclude(topic_areas=topic)
    assert tagged.exists() and untagged.exists()
    for path in ["/news/feed/", "/news/feed/atom/"]:
        body = client.get(path, {"topic": topic.slug}).content.decode()
        assert all(item.title in body for item in tagged)
        assert not any(item.title in body for item in untagged)
        assert topic.name in body
    assert client.get("/news/feed/", {"topic": "no-such-topic"}).status_code == 404
