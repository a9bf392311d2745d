"""A provider fills the submission form with the keyboard alone; every step passes axe."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from pages.demo import site_essentials_ensure
from pages.models import ProviderType
from review_workflow.models import Organization, OrganizationMember
from review_workflow.seed import workflow_essentials_ensure

from .conftest import serious_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PASSWORD = "a-long-unusual-passphrase"
MAX_TABS = 300


@pytest.fixture
def provider(live_server):
    site_essentials_ensure()
    workflow_essentials_ensure(apps)
    organization = Organization.objects.create(
        name="Riverside Academy",
        provider_type=ProviderType.objects.first(),
        contact_name="Pat",
        contact_email="pat@example.org",
    )
    user = get_user_model().objects.create_user(
        username="pat@example.org", email="pat@example.org", password=PASSWORD
    )
    OrganizationMember.objects.create(user=user, organization=organization)
    return user


def tab_to(page, selector: str) -> None:
    """Press Tab until the element matching `selector` has focus: proof it is reachable."""
    target = page.locator(selector).first
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def check(page, axe, step: str) -> None:
    assert serious_violations(axe, page) == [], step


def test_provider_completes_every_step_with_the_keyboard(live_server, provider, page, axe):
    page.goto(f"{live_server.url}/accounts/login/?next=/portal/")
    check(page, axe, "sign in")
    type_into(page, "#id_email", "pat@example.org")
    type_into(page, "#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/portal/")
    check(page, axe, "dashboard")

    type_into(page, "#id_title", "Calm Contact")
    page.keyboard.press("Enter")
    page.wait_for_url("**/edit/curriculum/")
    check(page, axe, "curriculum step")
    type_into(page, "#id_summary", "Slowing encounters down.")
    tab_to(page, "input[name=audiences]")
    page.keyboard.press("Space")
    tab_to(page, "input[name=topic_areas]")
    page.keyboard.press("Space")
    tab_to(page, "input[name=delivery_methods]")
    page.keyboard.press("Space")
    type_into(page, "#id_total_hours", "16")
    tab_to(page, "#id_is_free")
    page.keyboard.press("Space")
    tab_to(page, "#id_offered_nationwide")
    page.keyboard.press("Space")
    type_into(page, "#id_contact_name", "Pat Provider")
    type_into(page, "#id_contact_email", "pat@example.org")
    tab_to(page, "button[name=continue]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/edit/content/")
    check(page, axe, "content step")

    type_into(page, "#id_learning_objectives", "Use time and distance.")
    type_into(page, "#id_instructional_methods", "Scenarios with debriefs.")
    type_into(page, "#id_modules-0-title", "Foundations")
    type_into(page, "#id_modules-0-hours", "8")
    tab_to(page, "button[name=continue]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/edit/assessment/")
    check(page, axe, "assessment step")

    tab_to(page, "button[name=continue]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/edit/materials/")
    check(page, axe, "materials step")
    tab_to(page, "button[name=continue]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/edit/standards/")
    check(page, axe, "standards step")

    type_into(page, "textarea[name$=explanation]", "Module 1 covers it.")
    tab_to(page, "button[name=continue]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/edit/review/")
    check(page, axe, "review step")
    body = page.content()
    assert "Before you can submit" in body
    assert "Upload the curriculum materials." in body

    page.goto(f"{live_server.url}/portal/")
    assert "Calm Contact" in page.content()
    assert "Draft" in page.content()


def test_the_registration_page_is_accessible(live_server, provider, page, axe):
    page.goto(f"{live_server.url}/portal/register/")
    check(page, axe, "registration")
    tab_to(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "This field is required." in page.content()
    check(page, axe, "registration with errors")
