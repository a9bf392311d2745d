"""Full URLs follow BASE_URL: feeds, the sitemap and the pages API name the address served."""

import pytest
from wagtail.models import Site

from pages.demo import demo_content_seed
from pages.models import NewsPage
from pages.site_address import base_url_address, default_site_address_apply

pytestmark = pytest.mark.django_db

BASE = "http://127.0.0.1:8001"


@pytest.mark.parametrize(
    "base_url, address",
    [
        ("http://127.0.0.1:8001", ("127.0.0.1", 8001)),
        ("https://review.example.org", ("review.example.org", 443)),
        ("http://localhost", ("localhost", 80)),
        ("https://review.example.org:8443/", ("review.example.org", 8443)),
    ],
)
def test_base_url_gives_the_sites_hostname_and_port(base_url, address):
    assert base_url_address(base_url) == address


def test_the_default_site_follows_base_url(settings, home_page):
    settings.WAGTAILADMIN_BASE_URL = "https://review.example.org"
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    assert default_site_address_apply() is True
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("review.example.org", 443)
    assert default_site_address_apply() is False


@pytest.fixture
def site_on_another_port(settings, db):
    settings.WAGTAILADMIN_BASE_URL = BASE
    settings.WAGTAILAPI_BASE_URL = BASE
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1"]
    demo_content_seed()


def test_seed_demo_points_the_site_at_base_url(site_on_another_port):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8001)


@pytest.mark.parametrize("path", ["/news/feed/", "/news/feed/atom/", "/sitemap.xml"])
def test_feeds_and_the_sitemap_link_to_base_url(client, site_on_another_port, path):
    body = client.get(path).content.decode()
    assert f"{BASE}/news/" in body
    assert "http://localhost/" not in body


def test_the_pages_api_html_url_uses_base_url(client, site_on_another_port):
    item = NewsPage.objects.live().first()
    data = client.get(f"/api/v2/pages/{item.pk}/").json()
    assert data["meta"]["html_url"] == f"{BASE}{item.url}"


def test_feed_items_carry_their_own_post_dates(client, demo_site):
    rss = client.get("/news/feed/").content.decode()
    atom = client.get("/news/feed/atom/").content.decode()
    assert "<pubDate>Tue, 21 Jul 2026 00:00:00" in rss
    assert "<pubDate>Tue, 12 May 2026 00:00:00" in rss
    assert "<updated>2026-07-21T00:00:00" in atom
    assert "<updated>2026-05-12T00:00:00" in atom


def test_the_news_index_narrows_to_one_topic(client, demo_site):
    from pages.models import TopicArea

    topic = TopicArea.objects.get(slug="scenario-based-training")
    tagged = NewsPage.objects.live().filter(topic_areas=topic)
    untagged = NewsPage.objects.live().exclude(topic_areas=topic)
    response = client.get("/news/", {"topic": topic.slug})
    body = response.content.decode()
    assert response.status_code == 200
    assert all(item.title in body for item in tagged)
    assert not any(item.title in body for item in untagged)
    assert "News about scenario-based training" in body
    assert "/news/feed/?topic=scenario-based-training" in body


@pytest.mark.parametrize("topic", ["", "   "])
def test_an_empty_topic_shows_all_news(client, demo_site, topic):
    response = client.get("/news/", {"topic": topic})
    assert response.status_code == 200
    body = response.content.decode()
    assert all(item.title in body for item in NewsPage.objects.live()[:5])


def test_an_unknown_topic_is_a_400_with_a_message(client, demo_site):
    response = client.get("/news/", {"topic": "no-such-topic"})
    assert response.status_code == 400
    assert "There is no topic area called “no-such-topic”" in response.content.decode()
