"""Irreversible steps ask first, in a real browser, with axe on each confirmation."""

import pytest
from playwright.sync_api import expect

from review_workflow.models import Assignment, Rating, Submission
from review_workflow.services import decisions
from review_workflow.services.reviews import review_save

from . import test_review_screens as screens
from .conftest import serious_violations
from .test_review_screens import settled, signed_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

in_review = screens.in_review  # the fixture: a submission in review, both reviewers accepted


def reviewed_and_drafted(people):
    """Both reviews in, the consensus recorded and a request for revisions drafted."""
    submission = people["submission"]
    standards = list(submission.standards_version.standards.all())
    for reviewer in (people["officer"], people["clinician"]):
        review_save(
            assignment_id=Assignment.objects.get(submission=submission, reviewer=reviewer).pk,
            user=reviewer,
            ratings={standard.pk: (Rating.MEETS, "") for standard in standards},
            fields={"recommendation": "approve"},
            submit=True,
        )
    coordinator = people["coordinator"]
    decisions.consensus_record(
        submission_id=submission.pk,
        user=coordinator,
        entries={standard.pk: (Rating.MEETS, "") for standard in standards},
    )
    decisions.decision_draft(
        submission_id=submission.pk,
        user=coordinator,
        outcome="revisions_requested",
        required_changes="Add a module on time and distance.",
    )
    return submission


def test_a_coordinator_confirms_issuing_the_decision(browser, live_server, in_review, axe):
    submission = reviewed_and_drafted(in_review)
    page = signed_in(browser, live_server, in_review["coordinator"])
    page.goto(f"{live_server.url}/admin/submissions/{submission.pk}/reconcile/")
    page.get_by_role("link", name="Issue the decision").click()
    expect(page.get_by_text("returns the submission to the provider")).to_be_visible()
    assert Submission.objects.get(pk=submission.pk).status == "reconciliation"
    assert serious_violations(axe, page) == []
    page.get_by_role("button", name="Yes, issue the decision").click()
    expect(page.get_by_text("Decision issued")).to_be_visible()
    assert serious_violations(axe, settled(page)) == []
    assert Submission.objects.get(pk=submission.pk).status == "revisions_requested"


def test_a_provider_withdraws_through_the_dialog(browser, live_server, in_review, axe):
    submission = in_review["submission"]
    provider = submission.organization.members.get().user
    page = signed_in(browser, live_server, provider)
    page.goto(f"{live_server.url}/portal/submissions/{submission.pk}/")
    page.get_by_role("link", name="Withdraw this submission").click()
    dialog = page.get_by_role("dialog", name=f"Withdraw “{submission.title}”?")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_text("cannot be resumed")).to_be_visible()
    assert page.url.endswith(f"/portal/submissions/{submission.pk}/")  # no page change
    assert serious_violations(axe, page) == []
    dialog.get_by_role("link", name="No, keep it in review").click()
    expect(dialog).to_be_hidden()
    assert Submission.objects.get(pk=submission.pk).status == "in_review"
    page.get_by_role("link", name="Withdraw this submission").click()
    dialog.get_by_role("button", name="Yes, withdraw it").click()
    expect(page.get_by_text("The submission is withdrawn.")).to_be_visible()
    assert Submission.objects.get(pk=submission.pk).status == "withdrawn"
