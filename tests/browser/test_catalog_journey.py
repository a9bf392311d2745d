"""An agency trainer finds training in the catalog and the library, at desktop and phone widths."""

import re

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
    assert page.get_by_text("Crisis Intervention Team Core Course").is_visible()
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
