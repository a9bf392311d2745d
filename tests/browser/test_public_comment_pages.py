"""Someone comments on a draft of the standards: the comment page (the draft, the form with
its error summary, the thanks, the published comments) and the published summary pass axe on
a desktop and a phone."""

import datetime

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone

from pages.demo import demo_content_seed
from review_workflow.models import StandardsComment, StandardsVersion
from review_workflow.seed import workflow_essentials_ensure
from review_workflow.services.comments import (
    comment_answer,
    comment_moderate,
    comment_period_open,
    comment_submit,
    comment_summary_publish,
)

from .conftest import serious_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}


def check(page, step: str, axe) -> None:
    assert serious_violations(axe, page) == [], step
    # Nothing runs off the side of a phone.
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    assert not overflow, step


@pytest.fixture
def commented(live_server):
    """A draft open for comment with one published comment, and its coordinator."""
    demo_content_seed()
    # The first standards version comes from a migration; a flushed database lacks it.
    workflow_essentials_ensure(apps)
    coordinator = get_user_model().objects.create_superuser(
        "coordinator", "coordinator@example.org", "a-long-test-password"
    )
    today = timezone.localdate()
    draft = StandardsVersion.current().copy_as_draft(
        name="National Standards v2.0", effective_date=today + datetime.timedelta(days=90)
    )
    comment_period_open(
        version_id=draft.pk,
        user=coordinator,
        opens_on=today,
        closes_on=today + datetime.timedelta(days=30),
    )
    comment = comment_submit(
        version_id=draft.pk,
        standard_id=None,
        name="Dr. Ana Liu",
        organization="Metro Crisis Services",
        role="mental_health",
        comment="The draft should say more about people in a mental-health crisis.\n\nIt should "
        "also say who co-responds.",
        client="192.0.2.1",
    )
    comment_moderate(comment_id=comment.pk, user=coordinator, decision="approve")
    return live_server, draft, coordinator, comment


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_someone_comments_on_a_standard_of_the_draft(commented, browser, axe, viewport):
    live_server, draft, _, _ = commented
    width, height = viewport
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    base = live_server.url

    page.goto(f"{base}/standards/")
    page.get_by_role("link", name="Comment on the draft National Standards v2.0").click()
    page.wait_for_url(f"**/standards/{draft.pk}/comment/")
    assert "Dr. Ana Liu" in page.locator("#comment-sent").inner_text()
    check(page, "comment page", axe)

    page.get_by_role("link", name="Comment on DE-1 about De-escalation tactics").click()
    page.wait_for_url("**/comment/?standard=*#comment-form")
    chosen = page.locator("#id_standard option:checked").inner_text()
    assert chosen.startswith("DE-1:")
    page.get_by_role("button", name="Send comment").click()
    summary = page.locator("[data-error-summary]")
    assert "Your comment: Write your comment." in summary.inner_text()
    assert "Your name: Give your name." in summary.inner_text()
    check(page, "comment form with errors", axe)

    page.fill("#id_comment", "DE-1 should name time and distance as tactics in their own right.")
    page.fill("#id_name", "Jordan Reyes")
    page.fill("#id_organization", "Riverside Police Department")
    page.select_option("#id_role", "officer")
    page.get_by_role("button", name="Send comment").click()
    page.wait_for_url(f"**/standards/{draft.pk}/comment/#comment-sent")
    assert "your comment has been received" in page.locator("main").inner_text()
    check(page, "comment sent", axe)
    assert "Jordan Reyes" not in page.locator("#comment-sent").inner_text()  # moderated first
    sent = StandardsComment.objects.get(name="Jordan Reyes")
    assert (sent.standard_code, sent.role, sent.status) == ("DE-1", "officer", "pending")
    context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_the_published_summary_is_accessible(commented, browser, axe, viewport):
    live_server, draft, coordinator, comment = commented
    comment_answer(
        comment_id=comment.pk,
        user=coordinator,
        response="A new domain, Crisis response, answers this.",
    )
    draft.status = StandardsVersion.Status.CURRENT
    draft.save()
    comment_summary_publish(
        period_id=draft.comment_period.pk,
        user=coordinator,
        summary="Most comments asked for more on crisis response.\n\nThe final version adds it.",
    )
    width, height = viewport
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{live_server.url}/standards/")
    check(page, "standards page with the summary link", axe)
    page.get_by_role("link", name="Summary of public comment on National Standards v2.0").click()
    page.wait_for_url(f"**/standards/{draft.pk}/comment/summary/")
    assert "A new domain, Crisis response, answers this." in page.locator("main").inner_text()
    check(page, "summary", axe)
    page.goto(f"{live_server.url}/standards/{draft.pk}/comment/")
    assert "no longer a draft" in page.locator("main").inner_text()
    check(page, "closed comment page", axe)
    context.close()
