"""The review team's whole journeys in the admin, as each person clicks through them, with axe
at every step, on a desktop and a phone:

- a coordinator screens a submission, forms its panel, reconciles the reviews and drafts the
  decision, and a second coordinator signs it off, which publishes the curriculum;
- a reviewer accepts an invitation from the dashboard, scores against the standards and submits.
"""

import datetime

import pytest
from django.apps import apps
from django.utils import timezone
from playwright.sync_api import expect

from pages.demo import home_page_get_or_create, site_essentials_ensure
from review_workflow.core.permissions import COORDINATOR
from review_workflow.core.states import Status
from review_workflow.models import Assignment, AuditEvent, Decision, Submission
from review_workflow.seed import workflow_essentials_ensure
from review_workflow.services.panel import reviewers_assign
from tests.review_workflow.conftest import make_user
from tests.review_workflow.states import People, _accepted, _draft, move, reviews_submitted

from .conftest import serious_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PASSWORD = "a-long-test-password"  # make_user's
VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.fixture
def people(live_server):
    # What migrations load, ensured: the tests before may have left the database empty.
    site_essentials_ensure()
    home_page_get_or_create()
    workflow_essentials_ensure(apps)
    return People()


@pytest.fixture
def signed_in(browser, live_server, axe):
    """Opens a new browser whose user signed in through the admin's own sign-in form."""
    contexts = []

    def sign_in(user, viewport):
        width, height = viewport
        contexts.append(browser.new_context(viewport={"width": width, "height": height}))
        page = contexts[-1].new_page()
        page.goto(f"{live_server.url}/admin/login/")
        check(page, "admin sign-in", axe)
        page.get_by_label("Username").fill(user.get_username())
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{live_server.url}/admin/")
        check(page, "dashboard", axe)
        return page

    yield sign_in
    for context in contexts:
        context.close()


def check(page, step: str, axe) -> None:
    """Once the admin's messages have faded in: no serious violation, nothing off the side."""
    page.wait_for_function(
        "() => document.getAnimations().every(animation => animation.playState !== 'running')"
    )
    assert serious_violations(axe, page) == [], step
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    assert not overflow, step


def confirm(page, step: str, axe, consequence: str) -> None:
    """The confirmation page says what will happen; its Yes button acts."""
    expect(page.locator("[data-consequence]")).to_contain_text(consequence)
    check(page, f"confirm: {step}", axe)
    page.get_by_role("button", name="Yes, ").click()


def dashboard_item(page, live_server, title):
    page.goto(f"{live_server.url}/admin/")
    return page.get_by_role("link", name=title, exact=True).first


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_coordinators_screen_form_the_panel_reconcile_decide_and_sign_off(
    live_server, people, signed_in, axe, viewport, settings
):
    settings.REVIEW_DECISION_SIGN_OFF = True
    second = make_user("second-coordinator", group=COORDINATOR)
    submission = move(_draft(people), "submit", people.provider_a)
    title = submission.title
    page = signed_in(people.coordinator, viewport)

    # Screening, from the dashboard's queue.
    expect(page.get_by_role("heading", name="Submitted (1)")).to_be_visible()
    page.get_by_role("link", name=title, exact=True).first.click()
    check(page, "submission file", axe)
    page.get_by_role("link", name="Start screening").click()
    confirm(page, "start screening", axe, "You take up the screening")
    expect(page.get_by_text("Start screening done.")).to_be_visible()
    expect(page.get_by_role("link", name="Accept for review")).to_be_visible()
    check(page, "file in screening", axe)
    page.get_by_role("link", name="Accept for review").click()
    confirm(page, "accept for review", axe, "waits for its review panel")
    expect(page.get_by_text("Accept for review done.")).to_be_visible()
    check(page, "accepted for review", axe)

    # The panel: the queue links to it; the due date is proposed.
    dashboard_item(page, live_server, title).click()
    page.wait_for_url(f"**/admin/submissions/{submission.pk}/panel/")
    check(page, "panel", axe)
    due = timezone.localdate() + datetime.timedelta(days=settings.REVIEW_DUE_DAYS)
    expect(page.get_by_label("Due date")).to_have_value(due.isoformat())
    page.get_by_label("Officer Reviewer").check()
    page.get_by_label("Clinician Reviewer").check()
    page.get_by_role("button", name="Assign and notify").click()
    expect(page.get_by_text("Reviewers assigned and notified.")).to_be_visible()
    expect(page.get_by_role("row", name="Officer Reviewer")).to_contain_text(
        "Awaiting the reviewer's answer"
    )
    check(page, "panel formed", axe)

    # The reviewers do their part (their own journey is below).
    reviews_submitted(people, Submission.objects.get(pk=submission.pk))

    # Reconciliation: every reviewer agrees, so the consensus is proposed; recording confirms it.
    dashboard_item(page, live_server, title).click()
    page.wait_for_url(f"**/admin/submissions/{submission.pk}/reconcile/")
    check(page, "reconciliation", axe)
    first = submission.standards_version.standards.first()
    expect(page.get_by_label(f"Consensus for {first.code}")).to_have_value("meets")
    page.get_by_role("button", name="Record the consensus").click()
    expect(page.get_by_text("Consensus recorded.")).to_be_visible()
    check(page, "consensus recorded", axe)
    page.get_by_role("radio", name="Approved", exact=True).check()
    page.get_by_role("button", name="Save the draft decision").click()
    expect(page.get_by_text("Decision drafted.")).to_be_visible()
    check(page, "decision drafted", axe)
    page.get_by_role("link", name="Send for a second coordinator's sign-off").click()
    confirm(page, "send for sign-off", axe, "Nothing is sent to the provider yet")
    expect(page.get_by_text("Decision sent for a second coordinator's sign-off.")).to_be_visible()
    check(page, "awaiting sign-off", axe)
    assert Submission.objects.get(pk=submission.pk).status == Status.RECONCILIATION

    # A second coordinator signs off from the dashboard: the curriculum is published.
    page = signed_in(second, viewport)
    sign_offs = page.get_by_role("heading", name="Decisions awaiting sign-off (1)")
    expect(sign_offs).to_be_visible()
    page.get_by_role("link", name=title, exact=True).last.click()
    confirm(page, "sign off and issue", axe, "publishes it to the public catalog")
    expect(page.get_by_text("Decision issued; the letter is on its way")).to_be_visible()
    check(page, "decision issued", axe)
    submission.refresh_from_db()
    decision = submission.decisions.get(round=submission.review_round)
    assert submission.status == Status.APPROVED
    assert (decision.stage, decision.drafted_by, decision.signed_off_by) == (
        Decision.Stage.FINAL,
        people.coordinator,
        second,
    )
    actors = set(
        AuditEvent.objects.filter(submission=submission).values_list("actor__username", flat=True)
    )
    assert {people.coordinator.username, second.username} <= actors
    page.get_by_role("link", name="catalog entry").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_a_reviewer_accepts_scores_against_the_standards_and_submits(
    live_server, people, signed_in, axe, viewport
):
    submission = _accepted(people)
    reviewers_assign(
        submission_id=submission.pk,
        reviewer_ids=[people.officer.pk, people.clinician.pk],
        user=people.coordinator,
    )
    page = signed_in(people.officer, viewport)

    expect(page.get_by_role("heading", name="Invitations to answer (1)")).to_be_visible()
    page.get_by_role("link", name=submission.title, exact=True).first.click()
    check(page, "invitation", axe)
    page.get_by_role("button", name="Send my answer").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    check(page, "answer missing", axe)
    page.get_by_label("Accept the assignment").check()
    page.get_by_label("I declare that I have no financial").check()
    page.get_by_role("button", name="Send my answer").click()
    expect(page.get_by_text("Your answer is recorded.")).to_be_visible()
    check(page, "accepted", axe)

    dashboard_item(page, live_server, submission.title).click()
    page.wait_for_url("**/admin/reviews/*/")
    check(page, "review form", axe)
    # Accepting with no conflict opened the materials.
    expect(page.get_by_role("link", name="curriculum.pdf")).to_be_visible()
    standards = list(submission.standards_version.standards.all())
    for standard in standards:
        group = page.get_by_role("group", name=f"{standard.code} {standard.title}", exact=False)
        group.get_by_label("Meets", exact=True).check()
    page.get_by_label("Strengths").fill("Scenario practice with feedback in every module.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()
    check(page, "draft saved", axe)
    page.get_by_label("Recommendation").select_option("approve")
    page.get_by_role("button", name="Submit review").click()
    expect(page.get_by_text("Your review is submitted.")).to_be_visible()
    expect(page.get_by_role("heading", name="Your submitted review")).to_be_visible()
    check(page, "review submitted", axe)

    assignment = Assignment.objects.get(submission=submission, reviewer=people.officer)
    assert assignment.status == Assignment.Status.SUBMITTED
    assert assignment.review.strengths.startswith("Scenario practice")
    assert set(assignment.review.ratings.values_list("rating", flat=True)) == {"meets"}
    page.goto(f"{live_server.url}/admin/")
    expect(page.get_by_role("heading", name="Reviews due (0)")).to_be_visible()
