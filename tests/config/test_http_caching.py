"""Public pages are cheap: shared caches may keep anonymous ones (ETag, 304s), fragments every
page shows are cached until content changes, and nothing sets a cookie that blocks caching."""

import gzip
import json

import pytest
from django.contrib.auth import get_user_model

from curricula.models import CatalogPage
from pages.models import NewsIndexPage
from tests.factories.curricula import CurriculumPageFactory
from tests.factories.pages import NewsPageFactory


@pytest.fixture
def site(demo_site, django_capture_on_commit_callbacks):
    """The demo site, with a warm cache."""
    return demo_site


def publish(factory, parent, capture, **fields):
    with capture(execute=True):
        page = factory(parent=parent, **fields)
        page.save_revision().publish()
    return page


def test_anonymous_catalog_pages_are_public_with_validators(client, site):
    response = client.get("/catalog/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60"
    assert response["ETag"] and response["Last-Modified"]
    assert not response.cookies


@pytest.mark.parametrize("url", ["/", "/catalog/", "/resources/", "/news/", "/api/v2/catalog/"])
def test_a_conditional_get_with_the_etag_is_answered_304(client, site, url):
    first = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_publishing_changes_the_etag(client, site, django_capture_on_commit_callbacks):
    before = client.get("/catalog/")["ETag"]
    publish(
        CurriculumPageFactory,
        CatalogPage.objects.get(),
        django_capture_on_commit_callbacks,
        title="Brand New Course",
    )
    after = client.get("/catalog/", HTTP_IF_NONE_MATCH=before)
    assert after.status_code == 200 and after["ETag"] != before
    assert "Brand New Course" in after.content.decode()


def test_signed_in_users_get_private_uncached_pages(client, site):
    user = get_user_model().objects.create_user("reader", "reader@example.org", "pw-123456789")
    client.force_login(user)
    response = client.get("/catalog/")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_a_matching_etag_is_not_honoured_for_a_session(client, site):
    etag = client.get("/catalog/")["ETag"]
    user = get_user_model().objects.create_user("reader", "reader@example.org", "pw-123456789")
    client.force_login(user)
    assert client.get("/catalog/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_html_and_json_are_compressed(client, site):
    page = client.get("/news/", HTTP_ACCEPT_ENCODING="gzip")
    assert page["Content-Encoding"] == "gzip"
    assert b"</html>" in gzip.decompress(page.content)
    api = client.get("/api/v2/catalog/", HTTP_ACCEPT_ENCODING="gzip")
    assert api["Content-Encoding"] == "gzip"
    assert "results" in json.loads(gzip.decompress(api.content))


def test_no_page_of_the_public_site_sets_a_csrf_cookie(client, site):
    for url in ["/", "/about/", "/catalog/", "/resources/", "/news/"]:
        assert "csrftoken" not in client.get(url).cookies, url


@pytest.mark.parametrize(
    ("url", "budget"), [("/", 9), ("/resources/", 14), ("/news/", 12), ("/about/", 10)]
)
def test_every_page_is_cheap_once_the_cache_is_warm(
    client, site, django_assert_max_num_queries, url, budget
):
    client.get(url)  # warms the cache: menu, news teaser, taxonomy, years
    with django_assert_max_num_queries(budget) as queries:
        assert client.get(url, HTTP_IF_NONE_MATCH="other").status_code == 200
    conditions = [query["sql"].partition(" WHERE ")[2] for query in queries.captured_queries]
    assert not any("show_in_menus" in where for where in conditions)  # the menu was cached


def test_the_menu_and_news_teaser_change_when_content_is_published(
    client, site, django_capture_on_commit_callbacks
):
    assert "Fresh headline" not in client.get("/").content.decode()
    publish(
        NewsPageFactory,
        NewsIndexPage.objects.get(),
        django_capture_on_commit_callbacks,
        title="Fresh headline",
        date="2099-01-01",
    )
    assert "Fresh headline" in client.get("/").content.decode()


def test_a_value_kept_in_process_may_be_computed_from_another():
    """A search form class is made from the vocabulary, both kept in process; computing one
    inside the other must not wait on itself (run in a thread so a deadlock fails, not hangs)."""
    import threading

    from pages.caching import kept_in_process

    results = []

    def compute_nested():
        results.append(kept_in_process("test:outer", lambda: kept_in_process("test:inner", list)))

    worker = threading.Thread(target=compute_nested, daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert results == [[]]
