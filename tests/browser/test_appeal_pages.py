"""A provider appeals a decision from the portal: the form (with its error summary), the
confirmation page and the appeal's status pass axe on a desktop and a phone."""

import pytest
from django.apps import apps

from pages.demo import home_page_get_or_create, placeholder_pdf, site_essentials_ensure
from review_workflow.core.states import AppealStatus, Status
from review_workflow.models import Appeal
from review_workflow.seed import workflow_essentials_ensure
from tests.review_workflow.appeals import AppealPeople
from tests.review_workflow.states import submission_in

from .conftest import serious_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PASSWORD = "a-long-test-password"  # make_user's
VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}


def check(page, step: str, axe) -> None:
    assert serious_violations(axe, page) == [], step
    # Nothing runs off the side of a phone.
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    assert not overflow, step


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_provider_appeals_a_decision_and_follows_it(live_server, browser, axe, viewport, tmp_path):
    # What migrations load, ensured: the tests before may have left the database empty.
    site_essentials_ensure()
    home_page_get_or_create()
    workflow_essentials_ensure(apps)
    people = AppealPeople()
    submission = submission_in(Status.NOT_APPROVED, people)
    evidence = tmp_path / "evidence.pdf"
    evidence.write_bytes(placeholder_pdf("Evidence"))
    width, height = viewport
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    base = live_server.url
    page.goto(f"{base}/accounts/login/?next=/portal/")
    page.fill("#id_email", people.provider_a.email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/portal/")

    page.goto(f"{base}/portal/submissions/{submission.pk}/")
    check(page, "submission with its decision", axe)
    page.get_by_role("link", name="Appeal this decision").click()
    page.wait_for_url(f"**/submissions/{submission.pk}/appeal/")
    check(page, "appeal form", axe)

    page.get_by_role("button", name="Continue").click()
    summary = page.locator("[data-error-summary]")
    assert "Grounds of the appeal" in summary.inner_text()
    check(page, "appeal form with errors", axe)
    page.fill("#id_grounds", "Module 3 covers standard 4 in full; the panel overlooked it.")
    page.set_input_files("#id_file", str(evidence))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/appeal/lodge/")
    check(page, "appeal confirmation", axe)
    assert "evidence.pdf" in page.content()

    page.get_by_role("button", name="Yes, lodge the appeal").click()
    page.wait_for_url(f"**/submissions/{submission.pk}/")
    assert "appealed" in page.locator("[data-appeal]").inner_text().lower()
    check(page, "submission with its appeal", axe)
    assert Appeal.objects.get().status == AppealStatus.APPEALED
    context.close()
