"""Events, the impact dashboard and the agency portal: the journeys by clicking, axe at two widths."""

from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from impact.models import Agency, AgencyMember
from pages.demo import demo_content_seed
from training_events.links import CANCEL_SALT, cancel_url, confirm_url, registration_token
from training_events.models import EventPage, Registration

from .conftest import serious_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PASSWORD = "a-long-unusual-passphrase"
WIDTHS = [(1280, 900), (390, 844)]


def check_both_widths(page, axe, what: str) -> None:
    """No serious or critical axe violation at desktop and at phone width."""
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        assert page.locator("main#main-content").count() == 1, what
        assert serious_violations(axe, page) == [], f"{what} at {width}px"
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def demo_server(live_server):
    demo_content_seed()
    return live_server


def _path(url: str) -> str:
    return urlsplit(url).path


def test_a_trainer_finds_an_event_registers_confirms_and_cancels(demo_server, page, axe):
    page.goto(demo_server.url + "/events/")
    check_both_widths(page, axe, "event list")
    page.get_by_label("Delivery").select_option("virtual")
    page.get_by_role("button", name="Apply filters").click()
    page.get_by_role("link", name="Active Bystandership Instructor Session").click()
    check_both_widths(page, axe, "event page")

    page.get_by_label("Your name").fill("Ada Trainer")
    page.get_by_label("Agency or organization").fill("Columbus Police")
    page.get_by_label("Your role").fill("Field training officer")
    page.locator("#id_email").fill("ada@example.org")
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    check_both_widths(page, axe, "registration sent")

    registration = Registration.objects.get(email="ada@example.org")
    page.goto(demo_server.url + _path(confirm_url(registration)))
    check_both_widths(page, axe, "confirm page")
    page.get_by_role("button", name="Confirm my registration").click()
    expect(page.get_by_text("is confirmed")).to_be_visible()
    registration.refresh_from_db()
    assert registration.status == "confirmed"

    page.goto(demo_server.url + _path(cancel_url(registration)))
    check_both_widths(page, axe, "cancel page")
    page.get_by_role("button", name="Cancel my registration").click()
    expect(page.get_by_text("is cancelled")).to_be_visible()
    assert Registration.objects.get(pk=registration.pk).status == "cancelled"

    page.goto(demo_server.url + "/event-registrations/cancel/bad-token/")
    check_both_widths(page, axe, "invalid link")
    assert registration_token(registration, salt=CANCEL_SALT)


def test_the_impact_dashboard_passes_axe_and_draws_every_chart(demo_server, page, axe):
    page.goto(demo_server.url + "/impact/")
    check_both_widths(page, axe, "impact dashboard")
    assert page.locator('svg[role="img"]').count() == 4
    assert page.get_by_text("Suppressed").first.is_visible()


def test_an_agency_reports_an_adoption_and_outcomes_by_clicking(demo_server, page, axe):
    page.goto(demo_server.url + "/portal/agency/register/")
    check_both_widths(page, axe, "agency registration")
    agency = Agency.objects.get(ori="OH0000001")
    user = get_user_model().objects.create_user("chief@example.org", "chief@example.org", PASSWORD)
    AgencyMember.objects.create(user=user, agency=agency)

    page.goto(demo_server.url + "/accounts/login/?next=/portal/agency/")
    page.locator("#id_email").fill("chief@example.org")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/portal/agency/")
    check_both_widths(page, axe, "agency dashboard")

    page.get_by_role("link", name="Report an adopted curriculum").click()
    page.get_by_role("button", name="Report the adoption").click()
    expect(page.get_by_text("This field is required.").first).to_be_visible()
    check_both_widths(page, axe, "adoption form with errors")
    page.get_by_label("Approved curriculum").select_option(
        label="Tactical Communication Under Stress"
    )
    page.get_by_label("Date of adoption").fill("2025-03-01")
    page.get_by_label("Officers trained").fill("25")
    page.get_by_label("Training period start").fill("2025-01-06")
    page.get_by_label("Training period end").fill("2025-02-28")
    page.get_by_role("button", name="Report the adoption").click()
    page.wait_for_url("**/portal/agency/")
    assert agency.adoptions.filter(curriculum__slug="tactical-communication-under-stress").exists()

    page.get_by_role(
        "link", name="Report outcomes for Tactical Communication Under Stress"
    ).click()
    check_both_widths(page, axe, "outcome form")
    assert EventPage.objects.exists()
