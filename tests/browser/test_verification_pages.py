"""A provider finds the public record of an approval and its certificate; the record and the
portal page pass axe on a desktop and a phone."""

import pytest
from django.apps import apps

from pages.demo import demo_content_seed
from review_workflow.core.permissions import COORDINATOR, PROVIDER
from review_workflow.models import ApprovalRecord, ExpertiseArea, Submission
from review_workflow.seed import workflow_essentials_ensure
from review_workflow.services.lifecycle import submission_transition
from review_workflow.services.submissions import submission_create
from tests.review_workflow.conftest import (
    fill_complete,
    make_organization,
    make_reviewer,
    make_user,
)
from tests.review_workflow.test_expert_review import (
    accept_and_review,
    assign,
    consensus,
    issue,
    reconcile,
)

from .conftest import serious_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PASSWORD = "a-long-test-password"  # make_user's
VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}


def approved_submission() -> Submission:
    """A curriculum taken through review and approved, as the screens do it."""
    organization = make_organization("Riverside Academy")
    provider = make_user("pat", group=PROVIDER, organization=organization)
    coordinator = make_user("casey", group=COORDINATOR)
    submission = fill_complete(
        submission_create(organization=organization, user=provider, title="Calm Contact"),
        provider,
    )
    for action, user in [
        ("submit", provider),
        ("start_screening", coordinator),
        ("accept_for_review", coordinator),
    ]:
        submission_transition(submission_id=submission.pk, action=action, user=user)
    officer = make_reviewer("officer", ExpertiseArea.LAW_ENFORCEMENT)
    clinician = make_reviewer("clinician", ExpertiseArea.MENTAL_HEALTH)
    assign(coordinator, submission, officer, clinician)
    accept_and_review(submission, officer, clinician)
    reconcile(coordinator, submission, consensus(submission))
    reconcile(coordinator, submission, {"draft": "", "outcome": "approved"})
    issue(coordinator, submission)
    submission.refresh_from_db()
    assert submission.status == "approved"
    return submission


def sign_in(page, base: str) -> None:
    page.goto(f"{base}/accounts/login/?next=/portal/")
    page.fill("#id_email", "pat@example.org")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/portal/")


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_provider_follows_the_approval_to_its_public_record(live_server, browser, axe, viewport):
    demo_content_seed()
    # Roles and the first standards come from migrations; as in the standards tests, make sure
    # of them should the database not have been restored after a neighbour's flush.
    workflow_essentials_ensure(apps)
    submission = approved_submission()
    record = ApprovalRecord.objects.get(submission=submission)
    width, height = viewport
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/portal/submissions/{submission.pk}/")
    assert serious_violations(axe, page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the certificate (PDF)").click()
    assert download.value.suggested_filename == f"approval-{record.code}.pdf"
    page.get_by_role("link", name="its public record").click()
    page.wait_for_url(f"**/verify/{record.code}/")
    assert page.locator("#approval-standing").inner_text().startswith("Active")
    assert serious_violations(axe, page) == []
    context.close()
