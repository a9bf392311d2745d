"""A training provider's whole journey, on a desktop and a phone, with axe at every step.

The provider registers on the public site, confirms the address from the email that reaches a
real SMTP server, signs in, fills every step of the submission form and submits it. The
coordinator's part happens through the services: the submission comes back, either returned
at screening with notes or with revisions requested by the panel's decision. The provider
reads why in the portal, revises the curriculum and submits it again, and the portal shows
the new status and version.
"""

import re
from types import SimpleNamespace

import pytest
from django.apps import apps
from playwright.sync_api import expect

from pages.demo import home_page_get_or_create, placeholder_pdf, site_essentials_ensure
from review_workflow.core.permissions import COORDINATOR
from review_workflow.core.states import Status
from review_workflow.models import Decision, StandardsVersion, Submission
from review_workflow.seed import workflow_essentials_ensure
from review_workflow.services.panel import reviewers_assign
from tests.review_workflow.conftest import HEALTH, LAW, make_reviewer, make_user
from tests.review_workflow.states import decide, move, reviews_submitted

from .conftest import serious_violations
from .portal import (
    Pointer,
    assessment_step,
    content_step,
    curriculum_step,
    material_upload,
    materials_continue,
    standards_step,
    submission_start,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
VIEWPORTS = {"desktop": (1280, 900), "phone": (375, 812)}
EMAIL = "pat.rivera@riverside.example.org"
PASSWORD = "a-long-unusual-passphrase"
TITLE = "Calm Contact: Slowing Encounters Down"
NOTES = "Add a module on time and distance, with its hours."
RETURNED, REVISIONS = "returned at screening", "revisions requested"


@pytest.fixture
def review_team(live_server):
    """The site, and the coordinator and reviewers who will handle the submission."""
    site_essentials_ensure()
    workflow_essentials_ensure(apps)
    home_page_get_or_create()
    return SimpleNamespace(
        coordinator=make_user("coordinator", group=COORDINATOR),
        officer=make_reviewer("officer", LAW),
        clinician=make_reviewer("clinician", HEALTH),
    )


def coordinator_sends_back(submission: Submission, team, how: str) -> None:
    """The coordinator's part: return the submission at screening, or take it through the
    expert review to a decision requesting revisions."""
    move(submission, "start_screening", team.coordinator)
    if how == RETURNED:
        move(submission, "return_to_provider", team.coordinator, note=NOTES)
        return
    move(submission, "accept_for_review", team.coordinator)
    reviewers_assign(
        submission_id=submission.pk,
        reviewer_ids=[team.officer.pk, team.clinician.pk],
        user=team.coordinator,
    )
    reviews_submitted(team, submission)
    decide(team, submission, Decision.Outcome.REVISIONS_REQUESTED, required_changes=NOTES)


def step_continue(page, hands, following: str) -> None:
    """Press the step's Continue button, as it stands, on to the `following` step."""
    hands.press(page, "button[name=continue]")
    page.wait_for_url(f"**/edit/{following}/")


def check(page, axe, step: str) -> None:
    assert serious_violations(axe, page) == [], step
    # Nothing runs off the side of a phone.
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    assert not overflow, step


@pytest.mark.parametrize("how", [RETURNED, REVISIONS])
@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_a_provider_registers_submits_and_resubmits_what_the_coordinator_sent_back(
    live_server, browser, axe, smtp_server, review_team, viewport, how, tmp_path
):
    base = live_server.url
    width, height = viewport
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    main = page.get_by_role("main")  # the footer has a sign-up form of its own
    pointer = Pointer()

    # From the home page to the registration form.
    page.goto(f"{base}/")
    check(page, axe, "home page")
    page.get_by_role("link", name="Submit a curriculum").click()
    page.wait_for_url("**/accounts/login/**")
    check(page, axe, "sign-in")
    page.get_by_role("link", name="Create an account").click()
    page.wait_for_url("**/portal/register/")
    check(page, axe, "registration")
    pointer.type(page, main.get_by_label("Your name"), "Pat Rivera")
    pointer.type(page, main.get_by_label("Email address"), EMAIL)
    pointer.type(page, main.get_by_label("Password"), PASSWORD)
    pointer.type(page, main.get_by_label("Organization name"), "Riverside Training Institute")
    main.get_by_label("Type of provider").select_option(label="Private company")
    main.get_by_label("State").select_option(label="Ohio")
    pointer.type(page, main.get_by_label("Website"), "https://riverside.example.org")
    pointer.type(page, main.get_by_label("Contact phone"), "614-555-0142")
    page.get_by_role("button", name="Create the account").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    check(page, axe, "registration done")

    # The confirmation link, from the email the real SMTP server received.
    (confirmation,) = smtp_server.to(EMAIL)
    assert confirmation.subject == "Confirm your email address"
    page.goto(re.search(rf"{base}/accounts/verify/\S+/", confirmation.body)[0])
    page.wait_for_url("**/accounts/login/")
    expect(page.get_by_text("Your email address is confirmed.")).to_be_visible()
    check(page, axe, "address confirmed")
    pointer.type(page, main.get_by_label("Email"), EMAIL)
    pointer.type(page, main.get_by_label("Password"), PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/portal/")
    expect(page.get_by_text("You have not started a submission yet.")).to_be_visible()
    check(page, axe, "empty dashboard")

    # Every step of the form, then the certification that submits it.
    submission_start(page, pointer, TITLE)
    check(page, axe, "curriculum step")
    curriculum_step(
        page,
        pointer,
        summary="Scenario-based training in slowing encounters down.",
        hours="16",
        contact_name="Pat Rivera",
        contact_email=EMAIL,
    )
    check(page, axe, "content step")
    content_step(
        page,
        pointer,
        objectives="Participants use time, distance and cover to slow an encounter down.",
        methods="Short lectures, then scenarios with structured debriefs.",
        modules=[("Foundations", "8"), ("Scenarios", "8")],
    )
    check(page, axe, "assessment step")
    assessment_step(
        page,
        pointer,
        methods="Pre- and post-tests, and a graded scenario.",
        qualifications="Certified instructors with ten years of patrol experience.",
        evidence="A 2025 evaluation with a comparison group (report attached).",
    )
    check(page, axe, "materials step")
    lesson_plans = tmp_path / "lesson-plans.pdf"
    lesson_plans.write_bytes(placeholder_pdf("Lesson plans"))
    material_upload(page, pointer, lesson_plans)
    expect(page.get_by_text("lesson-plans.pdf is uploaded.")).to_be_visible()
    expect(page.get_by_role("link", name="lesson-plans.pdf")).to_be_visible()
    check(page, axe, "materials uploaded")
    materials_continue(page, pointer)
    check(page, axe, "standards step")
    standards = StandardsVersion.current().standards.all()
    standards_step(
        page,
        pointer,
        [
            (f"Module {n % 2 + 1}", f"Addresses {s.code} in class.")
            for n, s in enumerate(standards)
        ],
    )
    # All that is left is what this last step asks for.
    expect(
        main.get_by_role("region", name="Before you can submit").get_by_role("listitem")
    ).to_have_text(["Certify the submission with your name."])
    check(page, axe, "review step")
    pointer.tick(page, "#id_certify")
    pointer.type(page, main.get_by_label("Your full name"), "Pat Rivera")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Your curriculum is submitted.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("main")).to_contain_text("Submitted · version 1")
    check(page, axe, "submitted")
    submission = Submission.objects.get(title=TITLE)
    assert (submission.status, submission.version_number) == (Status.SUBMITTED, 1)

    coordinator_sends_back(submission, review_team, how)

    # The provider finds it back in the portal, with the coordinator's words.
    page.goto(f"{base}/portal/")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=TITLE))
    label = "Returned to provider" if how == RETURNED else "Revisions requested"
    expect(row).to_contain_text(f"{label} version 1")
    check(page, axe, "dashboard with the request")
    row.get_by_role("link", name=TITLE).click()
    page.wait_for_url(f"**/portal/submissions/{submission.pk}/")
    expect(page.locator("main")).to_contain_text(NOTES)
    check(page, axe, "submission with the request")

    # The revision: one more module, then on through the steps to submit it again.
    page.get_by_role("link", name="Edit the submission").click()
    page.wait_for_url("**/edit/curriculum/")
    if how == RETURNED:
        expect(page.get_by_role("region", name="Coordinator's notes")).to_contain_text(NOTES)
    check(page, axe, "curriculum step of the revision")
    step_continue(page, pointer, "content")
    check(page, axe, "content step of the revision")
    content_step(page, pointer, modules=[("Time and distance", "4")], first_module=2)
    check(page, axe, "assessment step of the revision")
    step_continue(page, pointer, "materials")
    expect(page.get_by_role("row", name=re.compile("lesson-plans.pdf"))).to_contain_text(
        "Submitted"
    )
    check(page, axe, "materials step of the revision")
    step_continue(page, pointer, "standards")
    check(page, axe, "standards step of the revision")
    step_continue(page, pointer, "review")
    expect(page.get_by_text("Everything required is filled in.")).to_be_visible()
    expect(main.get_by_label("Your full name")).to_have_value("Pat Rivera")
    check(page, axe, "review step of the revision")
    pointer.tick(page, "#id_certify")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Your curriculum is submitted.")).to_be_visible()
    new_status = "Submitted" if how == RETURNED else "In expert review"
    expect(page.locator("main")).to_contain_text(f"{new_status} · version 2")
    check(page, axe, "resubmitted")

    main.get_by_role("link", name="My submissions").click()
    page.wait_for_url(f"{base}/portal/")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=TITLE))
    expect(row).to_contain_text(f"{new_status} version 2")
    check(page, axe, "dashboard after resubmitting")
    submission.refresh_from_db()
    assert submission.version_number == 2
    assert list(submission.modules.values_list("title", flat=True)) == [
        "Foundations",
        "Scenarios",
        "Time and distance",
    ]
