"""Every public page type of the demo site has no serious or critical axe-core violations."""

import pytest

from pages.demo import demo_content_seed

from .conftest import serious_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PUBLIC_PAGES = {
    "home": "/",
    "standard page": "/about/",
    "nested standard page": "/about/ledta/",
    "news index": "/news/",
    "news item": "/news/submission-portal-opens/",
    "resource library": "/resources/",
    "resource with link": "/resources/paari-promising-practices-guide/",
    "resource with document": "/resources/community-driven-crisis-response-workbook/",
    "catalog": "/catalog/",
    "curriculum": "/catalog/co-responder-team-operations/",
    "not found": "/no-such-page/",
    "stay connected": "/stay-connected/",
    "sign in": "/accounts/login/",
}


@pytest.fixture
def demo_server(live_server):
    demo_content_seed()
    return live_server


@pytest.mark.parametrize("path", PUBLIC_PAGES.values(), ids=PUBLIC_PAGES.keys())
def test_public_page_has_no_serious_accessibility_violations(demo_server, page, axe, path):
    response = page.goto(demo_server.url + path)
    assert response.status == (404 if path == "/no-such-page/" else 200)
    assert page.locator("main#main-content").count() == 1
    assert serious_violations(axe, page) == []


def test_skip_link_moves_focus_to_the_main_content(demo_server, page):
    page.goto(demo_server.url + "/about/")
    page.keyboard.press("Tab")
    skip = page.locator("a.usa-skipnav")
    assert skip.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def test_mobile_menu_opens_from_the_menu_button(demo_server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(demo_server.url + "/")
    nav = page.locator("nav.usa-nav")
    assert not nav.is_visible()
    page.get_by_role("button", name="Menu").click()
    assert nav.is_visible()
    assert page.get_by_role("link", name="Catalog of Approved Curricula").is_visible()
    context.close()


def test_mailing_preferences_page_is_accessible(demo_server, page, axe):
    from mailing.links import manage_url
    from mailing.models import Subscriber

    subscriber = Subscriber.objects.create(email="sam@example.org", status="confirmed")
    path = manage_url(subscriber).split("/stay-connected/", 1)[1]
    response = page.goto(f"{demo_server.url}/stay-connected/{path}")
    assert response.status == 200
    assert serious_violations(axe, page) == []
