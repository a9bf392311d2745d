"""An agency trainer finds training in the catalog and the library, at desktop and phone widths."""

import csv
import io
import re
from pathlib import Path

import pytest

from pages.demo import demo_content_seed

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def demo_server(live_server):
    demo_content_seed()
    return live_server


@pytest.fixture(params=WIDTHS.values(), ids=WIDTHS.keys())
def screen(request, browser):
    context = browser.new_context(viewport=request.param)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def all_violations(axe, page) -> list[str]:
    """Every axe-core violation, whatever its impact, described for a failure message."""
    results = axe.run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} -> "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
    ]


def open_filter_group(page, label: str) -> None:
    """Unfold the filters (folded on a phone) and then one group of them."""
    panel = page.get_by_role("button", name=re.compile(r"^Filters"))
    if panel.get_attribute("aria-expanded") != "true":
        panel.click()
    group = page.get_by_role("button", name=re.compile(rf"^{label}"))
    if group.get_attribute("aria-expanded") != "true":
        group.click()


def tick(page, label: str) -> None:
    page.locator("label.usa-checkbox__label", has_text=label).first.click()


def test_ticking_states_and_applying_filters_the_catalog(demo_server, screen, axe):
    page = screen
    page.goto(demo_server.url + "/catalog/")
    assert all_violations(axe, page) == []
    open_filter_group(page, "State")
    tick(page, "Ohio")
    tick(page, "Michigan")
    assert all_violations(axe, page) == []
    page.get_by_role("button", name="Apply").click()
    page.wait_for_load_state()
    assert "could not be used" not in page.content()
    assert "state=OH" in page.url and "state=MI" in page.url
    assert page.get_by_role("link", name="Remove filter State: Ohio").is_visible()
    assert page.get_by_role("link", name="Remove filter State: Michigan").is_visible()
    assert page.locator("#facet-state-OH").is_checked()
    assert page.get_by_role("link", name="Crisis Intervention Team Core Course").is_visible()
    assert all_violations(axe, page) == []


def test_a_bad_filter_keeps_the_sidebar_and_names_the_filter(demo_server, screen, axe):
    page = screen
    response = page.goto(demo_server.url + "/catalog/?state=ZZ&topic=communication-skills")
    assert response.status == 400
    assert page.get_by_text("State: Select a valid choice.").is_visible()
    assert page.get_by_role("link", name="Remove filter Topic area: Communication skills").count()
    assert page.locator("#search-q").is_visible()
    assert all_violations(axe, page) == []


def test_ticking_a_type_and_applying_filters_the_library(demo_server, screen, axe):
    page = screen
    page.goto(demo_server.url + "/resources/")
    open_filter_group(page, "Type")
    tick(page, "Guide")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_load_state()
    assert "could not be used" not in page.content()
    assert "type=guide" in page.url
    assert page.get_by_role("link", name="Remove filter Type: Guide").is_visible()
    assert all_violations(axe, page) == []


def test_a_card_and_its_page_answer_a_trainers_questions(demo_server, screen, axe):
    page = screen
    page.goto(demo_server.url + "/catalog/?q=Integrating+Communications")
    card = page.locator(".usa-collection__item").first
    for label in ("Provider", "Hours", "Cost", "Delivery", "Where offered", "Audiences"):
        assert card.locator("dt", has_text=label).first.is_visible()
    assert card.locator("dt", has_text="Valid until").is_visible()
    assert all_violations(axe, page) == []
    card.get_by_role("link").first.click()
    page.wait_for_load_state()
    for heading in ("Learning objectives", "Module outline", "Standards met", "How to enrol"):
        assert page.get_by_role("heading", name=heading).is_visible()
    assert page.get_by_role("link", name=re.compile("^Course materials")).is_visible()
    assert all_violations(axe, page) == []
    page.emulate_media(media="print")
    assert not page.locator(".usa-header").is_visible()
    assert not page.locator(".stay-connected").is_visible()
    assert page.get_by_role("heading", name="Module outline").is_visible()


@pytest.fixture
def larger_catalog(demo_server):
    """The demo catalog and 24 more nationwide, in-person patrol courses, enough to page through."""
    from curricula.models import CatalogPage
    from pages.models import DeliveryMethod
    from tests.factories.curricula import CurriculumPageFactory

    catalog = CatalogPage.objects.get()
    in_person = DeliveryMethod.objects.get(slug="in-person")
    for number in range(1, 25):
        course = CurriculumPageFactory(
            parent=catalog,
            title=f"Patrol Communication Practice {number:02d}",
            provider_name="Regional Patrol Institute",
        )
        course.delivery_methods.set([in_person])
        course.save_revision().publish()
    return demo_server


def tab_presses_to(page, start: str, target: str, limit: int = 40) -> int:
    """How many Tab presses move the focus from `start` to `target` (CSS selectors)."""
    page.locator(start).focus()
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({target!r})"):
            return presses
    return limit + 1


def test_a_trainer_searches_filters_pages_sorts_compares_prints_and_downloads(
    larger_catalog, screen, axe
):
    page = screen
    viewport_height = page.viewport_size["height"]
    page.goto(larger_catalog.url + "/catalog/")
    assert all_violations(axe, page) == []
    assert page.locator(".search-count").bounding_box()["y"] < viewport_height
    first_result = ".usa-collection__item:first-child .usa-collection__heading a"
    assert tab_presses_to(page, "#search-q", first_result) <= 15

    page.locator("#search-q").fill("patrol")
    open_filter_group(page, "Delivery method")
    tick(page, "In-person")
    open_filter_group(page, "State")
    tick(page, "Ohio")
    assert all_violations(axe, page) == []
    page.get_by_role("button", name="Apply").click()
    page.wait_for_load_state()
    assert "state=OH" in page.url and "delivery=in-person" in page.url
    assert page.get_by_text(
        "Integrating Communications, Assessment and Tactics for Patrol"
    ).count()
    assert all_violations(axe, page) == []

    page.get_by_role("link", name="Remove filter State: Ohio").click()
    page.wait_for_load_state()
    assert "state=" not in page.url and "delivery=in-person" in page.url and "q=patrol" in page.url
    assert page.get_by_role("link", name="Remove filter Delivery method: In-person").count() == 1
    assert all_violations(axe, page) == []

    # USWDS hides Previous and Next on narrow screens; the page numbers stay.
    page.get_by_role("link", name=re.compile(r"page 2$")).click()
    page.wait_for_load_state()
    assert "page 2 of 2" in page.locator(".search-count").inner_text()
    assert all_violations(axe, page) == []

    page.locator("#search-sort").select_option("title")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_load_state()
    assert "sort=title" in page.url
    titles = page.locator(".usa-collection__heading a").all_inner_texts()
    assert titles == sorted(titles)
    assert all_violations(axe, page) == []

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download these results (CSV)").click()
    rows = list(csv.reader(io.StringIO(Path(download_info.value.path()).read_text("utf-8"))))
    assert rows[0][0] == "Title"
    total = int(page.locator(".search-count").inner_text().split()[0])
    assert len(rows) - 1 == total > 20

    page.locator("label", has_text=f"Compare {titles[0]}").click()
    page.locator("label", has_text=f"Compare {titles[1]}").click()
    page.get_by_role("button", name="Compare chosen (up to 4)").click()
    page.wait_for_load_state()
    assert "/catalog/compare/" in page.url
    assert page.locator("thead th").all_inner_texts() == titles[:2]
    assert all_violations(axe, page) == []

    page.emulate_media(media="print")
    assert not page.locator(".usa-header").is_visible()
    assert not page.locator(".stay-connected").is_visible()
    assert page.locator("table").is_visible()
    assert all_violations(axe, page) == []
    page.emulate_media(media="screen")
    assert page.locator(".usa-header").is_visible()


def test_home_and_news_are_furnished_and_accessible(demo_server, screen, axe):
    page = screen
    page.goto(demo_server.url + "/")
    assert all_violations(axe, page) == []
    assert page.locator("section.stay-connected").count() == 1
    page.get_by_role("button", name="Here’s how you know").click()
    assert page.get_by_text("Official websites use .gov").is_visible()
    assert page.get_by_role("link", name="FOIA requests").count() == 1
    page.get_by_role("link", name="Find approved training").click()
    page.wait_for_load_state()
    assert page.url.endswith("/catalog/")
    page.goto(demo_server.url + "/news/")
    page.get_by_role("link", name="Scenario-based training").click()
    page.wait_for_load_state()
    assert "topic=scenario-based-training" in page.url
    assert page.get_by_role("heading", name="News about scenario-based training").is_visible()
    assert all_violations(axe, page) == []


def test_site_search_from_the_header(demo_server, screen, axe):
    page = screen
    page.goto(demo_server.url + "/about/")
    menu = page.get_by_role("button", name="Menu")
    if menu.is_visible():
        menu.click()
    page.locator("#site-search-q").fill("crisis")
    page.locator("#site-search-q").press("Enter")
    page.wait_for_load_state()
    assert "/search/?q=crisis" in page.url
    assert page.get_by_role("link", name="Crisis Intervention Team Core Course").is_visible()
    assert all_violations(axe, page) == []
