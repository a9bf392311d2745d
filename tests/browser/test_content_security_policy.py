"""The admin and the portal work under the Content-Security-Policy, with no violations."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from pages.demo import home_page_get_or_create, site_essentials_ensure
from pages.models import ProviderType
from review_workflow.models import Organization, OrganizationMember
from review_workflow.seed import workflow_essentials_ensure

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PASSWORD = "a-long-unusual-passphrase"

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def watched_page(page):
    """A page that records CSP violations, from events and from the console."""
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(RECORD_VIOLATIONS)

    def violations() -> list[str]:
        return console + page.evaluate("window.__cspViolations")

    page.violations = violations
    return page


@pytest.fixture
def people(live_server):
    site_essentials_ensure()
    workflow_essentials_ensure(apps)
    home, _ = home_page_get_or_create()
    User = get_user_model()
    User.objects.create_superuser(username="root", email="root@example.org", password=PASSWORD)
    organization = Organization.objects.create(
        name="Riverside Academy",
        provider_type=ProviderType.objects.first(),
        contact_name="Pat",
        contact_email="pat@example.org",
    )
    provider = User.objects.create_user(
        username="pat@example.org", email="pat@example.org", password=PASSWORD
    )
    OrganizationMember.objects.create(user=provider, organization=organization)
    return home


def test_the_admin_dashboard_and_page_editor_work_under_the_policy(
    live_server, people, watched_page
):
    page = watched_page
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "root")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(f"{live_server.url}/admin/")
    expect(page.locator("main")).to_be_visible()
    assert page.violations() == [], "dashboard"

    page.goto(f"{live_server.url}/admin/pages/{people.pk}/edit/")
    add = page.locator("#id_featured_resources-ADD")
    add.click()  # works only once the inline panel has started without an inline script
    expect(page.locator("#inline_child_featured_resources-0")).to_be_attached()
    # The new form's page chooser started from its marker: its button opens the chooser.
    page.locator(
        "#id_featured_resources-0-resource-chooser .unchosen [data-chooser-action-choose]"
    ).click()
    expect(page.locator(".modal-dialog")).to_be_visible()
    expect(page.locator(".modal-dialog")).to_contain_text("Choose")
    assert page.violations() == [], "page editor"


def test_the_portal_and_public_site_work_under_the_policy(live_server, people, watched_page):
    page = watched_page
    page.goto(f"{live_server.url}/")
    assert page.violations() == [], "home page"
    page.goto(f"{live_server.url}/accounts/login/?next=/portal/")
    page.fill("#id_email", "pat@example.org")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    expect(page).to_have_url(f"{live_server.url}/portal/")
    page.reload()
    assert page.violations() == [], "portal"
