"""The reviewer's form and the coordinator's reconciliation screen, in a real browser, with axe."""

import datetime
import re

import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from pages.demo import site_essentials_ensure
from review_workflow.core.permissions import COORDINATOR, PROVIDER
from review_workflow.models import Assignment
from review_workflow.seed import workflow_essentials_ensure
from review_workflow.services.lifecycle import submission_transition
from review_workflow.services.panel import assignment_respond, reviewers_assign
from review_workflow.services.reviews import review_save
from review_workflow.services.submissions import submission_create
from tests.review_workflow.conftest import (
    HEALTH,
    LAW,
    fill_complete,
    make_organization,
    make_reviewer,
    make_user,
)

from .conftest import serious_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def in_review(live_server):
    site_essentials_ensure()
    workflow_essentials_ensure(apps)
    organization = make_organization("Riverside Academy")
    provider = make_user("provider", group=PROVIDER, organization=organization)
    coordinator = make_user("coordinator", group=COORDINATOR)
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
    officer, clinician = make_reviewer("officer", LAW), make_reviewer("clinician", HEALTH)
    due = timezone.localdate() + datetime.timedelta(days=10)
    reviewers_assign(
        submission_id=submission.pk,
        reviewer_ids=[officer.pk, clinician.pk],
        user=coordinator,
        due_date=due,
    )
    for reviewer in (officer, clinician):
        assignment = Assignment.objects.get(submission=submission, reviewer=reviewer)
        assignment_respond(
            assignment_id=assignment.pk, user=reviewer, answer="accept", no_conflict=True
        )
    return {
        "submission": submission,
        "coordinator": coordinator,
        "officer": officer,
        "clinician": clinician,
    }


def signed_in(browser, live_server, user):
    """A browser context carrying the user's session (the sign-in form is tested elsewhere)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context.new_page()


def settled(page):
    """The page once the admin's message has faded in: axe would measure it half-transparent.

    Only the messages' own animations are waited for: the Help menu's badge pulses its shadow
    for 25 seconds, which changes nothing axe measures.
    """
    page.wait_for_function(
        "() => document.getAnimations().every(animation => animation.playState !== 'running'"
        " || !animation.effect?.target?.closest?.('.messages'))"
    )
    return page


def test_a_reviewer_fills_and_submits_the_review_form(browser, live_server, in_review, axe):
    submission, officer = in_review["submission"], in_review["officer"]
    assignment = Assignment.objects.get(submission=submission, reviewer=officer)
    page = signed_in(browser, live_server, officer)
    page.goto(f"{live_server.url}/admin/reviews/{assignment.pk}/")
    assert serious_violations(axe, page) == []
    standards = list(submission.standards_version.standards.all())
    for standard in standards:
        group = page.get_by_role("group", name=f"{standard.code} {standard.title}", exact=False)
        group.get_by_label("Meets", exact=True).check()
    page.get_by_label("Recommendation").select_option("approve")
    page.get_by_role("button", name="Submit review").click()
    expect(page.get_by_text("Your review is submitted.")).to_be_visible()
    assert serious_violations(axe, settled(page)) == []
    assignment.refresh_from_db()
    assert assignment.status == "submitted"
    assert set(assignment.review.ratings.values_list("rating", flat=True)) == {"meets"}


def test_an_incomplete_review_shows_its_errors_accessibly(browser, live_server, in_review, axe):
    submission, officer = in_review["submission"], in_review["officer"]
    assignment = Assignment.objects.get(submission=submission, reviewer=officer)
    page = signed_in(browser, live_server, officer)
    page.goto(f"{live_server.url}/admin/reviews/{assignment.pk}/")
    page.get_by_role("button", name="Submit review").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("answers to correct")
    summary.get_by_role("link", name="DE-1 rating: Rate DE-1 before submitting.").click()
    expect(page).to_have_url(re.compile(r"#id_rating_\d+$"))
    first_choice = page.get_by_role("group", name="DE-1", exact=False).get_by_role("radio").first
    expect(first_choice).to_have_attribute("aria-invalid", "true")
    summary.get_by_role("link", name="Recommendation: Choose your overall recommendation.").click()
    recommendation = page.get_by_label("Recommendation")
    expect(recommendation).to_be_focused()
    expect(recommendation).to_have_attribute("aria-invalid", "true")
    error_id = recommendation.get_attribute("aria-describedby")
    expect(page.locator(f"#{error_id}")).to_have_text("Choose your overall recommendation.")
    assert serious_violations(axe, page) == []


def test_the_reconciliation_screen_marks_disagreement_and_is_accessible(
    browser, live_server, in_review, axe
):
    submission = in_review["submission"]
    standards = list(submission.standards_version.standards.all())
    for reviewer, first_rating in (
        (in_review["officer"], "meets"),
        (in_review["clinician"], "not_met"),
    ):
        assignment = Assignment.objects.get(submission=submission, reviewer=reviewer)
        ratings = {s.pk: ("meets", "") for s in standards}
        ratings[standards[0].pk] = (first_rating, "")
        review_save(
            assignment_id=assignment.pk,
            user=reviewer,
            ratings=ratings,
            fields={"recommendation": "approve"},
            submit=True,
        )
    page = signed_in(browser, live_server, in_review["coordinator"])
    page.goto(f"{live_server.url}/admin/submissions/{submission.pk}/reconcile/")
    assert page.locator("tr.disagreement").count() == 1
    expect(page.get_by_text("— disagreement")).to_be_visible()
    assert serious_violations(axe, page) == []
    page.get_by_label(f"Consensus for {standards[0].code}").select_option("partially")
    page.get_by_role("button", name="Record the consensus").click()
    expect(page.get_by_text("Consensus recorded.")).to_be_visible()
    assert serious_violations(axe, settled(page)) == []
