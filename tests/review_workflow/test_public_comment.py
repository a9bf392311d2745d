"""Public comment on a draft of the standards, driven through the real screens: the
coordinator opens a period in the admin, the public comments on the public page, the
coordinator moderates and answers, the draft becomes the final version, the summary is
published and linked from /standards/. Then every way in which the public page refuses."""

import csv
import datetime
import io
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from review_workflow.core.permissions import COMMUNICATIONS_EDITOR, REVIEWER
from review_workflow.models import (
    CommentEvent,
    CommentPeriod,
    StandardsComment,
    StandardsVersion,
)
from review_workflow.services.comments import (
    comment_moderate,
    comment_period_open,
    comment_submit,
)
from review_workflow.standards_seed import FIRST_VERSION_NAME
from tests.forms import form_data

from .conftest import make_user
from .test_standards import edit

pytestmark = pytest.mark.django_db

DRAFT_NAME = "National Standards v2.0 (draft)"
ADMIN = "/admin/public-comment"
SNIPPETS = "/admin/snippets/review_workflow/standardsversion"


@pytest.fixture
def draft(db):
    """A draft copied from the version in effect, as coordinators make one."""
    first = StandardsVersion.objects.get(name=FIRST_VERSION_NAME)
    return first.copy_as_draft(name=DRAFT_NAME, effective_date=datetime.date(2027, 7, 1))


@pytest.fixture
def coordinator_client(coordinator) -> Client:
    client = Client()
    client.force_login(coordinator)
    return client


def page(response) -> str:
    return response.content.decode()


def today() -> datetime.date:
    return timezone.localdate()


def open_period(client, version, opens_on=None, closes_on=None):
    """The coordinator opens the draft for comment, or moves its days, from its screens."""
    url = f"{ADMIN}/versions/{version.pk}/days/"
    if not CommentPeriod.objects.filter(version=version).exists():
        assert url in page(client.get(f"{SNIPPETS}/edit/{version.pk}/"))
    else:
        assert url in page(client.get(f"{ADMIN}/versions/{version.pk}/"))
    data = form_data(page(client.get(url)), "comment-period-form")
    if opens_on:
        data["opens_on"] = opens_on.isoformat()
    if closes_on:
        data["closes_on"] = closes_on.isoformat()
    return client.post(url, data)


def comment_url(version) -> str:
    return f"/standards/{version.pk}/comment/"


def send_comment(client, version, *, standard="", client_address="127.0.0.1", **fields):
    """Someone fills in the public form, every field as the page shows it, and sends it."""
    data = form_data(page(client.get(comment_url(version))), "public-comment-form")
    data.update(
        {
            "standard": str(getattr(standard, "pk", standard)),
            "comment": "Standard DE-1 should name time and distance explicitly.",
            "name": "Jordan Reyes",
            "organization": "Riverside Police Department",
            "role": "officer",
            **fields,
        }
    )
    return client.post(comment_url(version), data, REMOTE_ADDR=client_address)


def moderate(client, comment, decision, note=""):
    url = f"{ADMIN}/comments/{comment.pk}/"
    data = form_data(page(client.get(url)), "moderation-form")
    data.update({"decision": decision, "note": note})
    return client.post(url, data)


def answer(client, comment, response):
    url = f"{ADMIN}/comments/{comment.pk}/"
    data = form_data(page(client.get(url)), "response-form")
    data["response"] = response
    return client.post(url, data)


def publish_summary(client, version, summary):
    url = f"{ADMIN}/versions/{version.pk}/summary/"
    data = form_data(page(client.get(url)), "summary-form")
    data["summary"] = summary
    return client.post(url, data)


# --- The whole period ---------------------------------------------------------------------------


def test_a_comment_period_runs_from_opening_to_the_published_summary(
    coordinator, coordinator_client, draft
):
    public = Client()
    assert public.get(comment_url(draft)).status_code == 404  # a draft is nowhere public

    opened = open_period(coordinator_client, draft)
    assert opened.status_code == 302 and opened.url == f"{ADMIN}/versions/{draft.pk}/"
    period = CommentPeriod.objects.get(version=draft)
    assert (period.opens_on, period.closes_on) == (today(), today() + datetime.timedelta(days=30))

    standards = page(public.get("/standards/"))
    assert comment_url(draft) in standards and f"Comment on the draft {DRAFT_NAME}" in standards
    shown = page(public.get(comment_url(draft)))
    de1 = draft.standards.get(code="DE-1")
    assert "DE-1: De-escalation tactics and techniques" in shown
    assert f'href="?standard={de1.pk}#comment-form"' in shown
    assert "No comment has been published yet." in shown
    prefilled = form_data(
        page(public.get(f"{comment_url(draft)}?standard={de1.pk}")), "public-comment-form"
    )
    assert prefilled["standard"] == [str(de1.pk)]

    sent = send_comment(public, draft, standard=de1)
    assert sent.status_code == 302 and sent.url == f"{comment_url(draft)}#comment-sent"
    thanked = page(public.get(sent.url))
    assert "your comment has been received" in thanked
    assert "Published comments" in thanked and "Jordan Reyes" not in thanked  # not moderated
    whole = send_comment(
        public,
        draft,
        comment="The draft as a whole should say more about people in crisis.",
        name="Dr. Ana Liu",
        organization="",
        role="mental_health",
    )
    assert whole.status_code == 302
    spam = send_comment(public, draft, comment="Buy cheap watches", name='=HYPERLINK("x")')
    assert spam.status_code == 302
    on_de1, on_whole, junk = StandardsComment.objects.order_by("pk")
    assert (on_de1.standard, on_de1.standard_code) == (de1, "DE-1")
    assert on_whole.standard is None and on_whole.standard_label == "The whole draft"

    # The coordinator moderates: two published, the advertisement not.
    index = page(coordinator_client.get(f"{ADMIN}/"))
    assert DRAFT_NAME in index and f"{ADMIN}/versions/{draft.pk}/?status=pending" in index
    pending = page(coordinator_client.get(f"{ADMIN}/versions/{draft.pk}/?status=pending"))
    assert all(f"{ADMIN}/comments/{c.pk}/" in pending for c in (on_de1, on_whole, junk))
    refused = moderate(coordinator_client, junk, "reject")
    assert refused.status_code == 400
    assert "Say why the comment is not published." in page(refused)
    assert moderate(coordinator_client, junk, "reject", "Advertising.").status_code == 302
    for comment in (on_de1, on_whole):
        assert moderate(coordinator_client, comment, "approve").status_code == 302
    again = moderate(coordinator_client, on_de1, "approve")
    assert again.status_code == 409 and "already published" in page(again)

    shown = page(public.get(comment_url(draft)))
    assert "Jordan Reyes" in shown and "Dr. Ana Liu" in shown and "Buy cheap watches" not in shown
    assert "Published comments (2)" in shown

    # Not yet: the version is a draft and nothing is answered.
    early = publish_summary(coordinator_client, draft, "We heard you.")
    assert early.status_code == 409
    assert "still a draft" in page(early)
    assert "2 published comments have no response" in page(early)
    assert 'id="response-form"' not in page(coordinator_client.get(f"{ADMIN}/comments/{junk.pk}/"))
    stale = coordinator_client.post(
        f"{ADMIN}/comments/{junk.pk}/", {"form": "answer", "response": "No."}
    )
    assert stale.status_code == 409 and "publish it first" in page(stale)
    assert answer(coordinator_client, on_de1, "Noted.").status_code == 302
    rewritten = answer(coordinator_client, on_de1, "DE-1 now names time and distance.")
    assert rewritten.status_code == 302
    assert answer(coordinator_client, on_whole, "A new domain covers crisis.").status_code == 302
    assert "DE-1 now names time and distance." not in page(public.get(comment_url(draft)))

    # The draft becomes the version in effect: comments stop.
    assert edit(coordinator_client, draft, status="current").status_code == 302
    closed = send_comment(public, draft)
    assert closed.status_code == 409 and "no longer a draft" in page(closed)
    assert StandardsComment.objects.count() == 3

    published = publish_summary(coordinator_client, draft, "Most comments asked for clarity.")
    assert published.status_code == 302
    standards = page(public.get("/standards/"))
    summary_url = f"/standards/{draft.pk}/comment/summary/"
    assert summary_url in standards
    summary = page(public.get(summary_url))
    assert "Most comments asked for clarity." in summary
    assert "DE-1 now names time and distance." in summary and "Noted." not in summary
    assert "A new domain covers crisis." in summary and "Buy cheap watches" not in summary
    assert "3 comments received; 2 published" in summary
    assert summary.index("Dr. Ana Liu") < summary.index("Jordan Reyes")  # whole draft first

    # Nothing changes once the summary is out: the screens offer no form, and a stale one
    # posted anyway is refused.
    detail_url = f"{ADMIN}/comments/{on_de1.pk}/"
    detail = page(coordinator_client.get(detail_url))
    assert 'id="moderation-form"' not in detail and 'id="response-form"' not in detail
    for stale in (
        {"form": "moderate", "decision": "reject", "note": "Changed my mind."},
        {"form": "answer", "response": "Another answer."},
    ):
        refused = coordinator_client.post(detail_url, stale)
        assert refused.status_code == 409 and "The summary is published" in page(refused)
    assert 'id="summary-form"' not in page(
        coordinator_client.get(f"{ADMIN}/versions/{draft.pk}/summary/")
    )
    again = coordinator_client.post(f"{ADMIN}/versions/{draft.pk}/summary/", {"summary": "Again."})
    assert again.status_code == 409

    # Who did what, and when, is on record.
    actions = list(CommentEvent.objects.values_list("action", "actor", "comment"))
    assert actions == [
        ("period_opened", coordinator.pk, None),
        ("rejected", coordinator.pk, junk.pk),
        ("approved", coordinator.pk, on_de1.pk),
        ("approved", coordinator.pk, on_whole.pk),
        ("answered", coordinator.pk, on_de1.pk),
        ("answered", coordinator.pk, on_de1.pk),
        ("answered", coordinator.pk, on_whole.pk),
        ("summary_published", coordinator.pk, None),
    ]
    junk.refresh_from_db()
    assert (junk.moderated_by, junk.moderation_note) == (coordinator, "Advertising.")
    assert junk.moderated_at is not None
    detail = page(coordinator_client.get(f"{ADMIN}/comments/{on_de1.pk}/"))
    assert "Noted." in detail and "DE-1 now names time and distance." in detail

    # The export holds every comment, formulas neutralised.
    export = coordinator_client.get(f"{ADMIN}/versions/{draft.pk}/comments.csv")
    assert export.status_code == 200 and export["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(export.content.decode())))
    assert [row["Status"] for row in rows] == ["Published", "Published", "Not published"]
    assert rows[2]["Name"] == '\'=HYPERLINK("x")'
    assert rows[2]["Reason not published"] == "Advertising."
    assert rows[0]["About"] == "DE-1: De-escalation tactics and techniques"
    assert rows[0]["Response"] == "DE-1 now names time and distance."


# --- The public page refuses what it must -------------------------------------------------------


@pytest.fixture
def open_draft(coordinator, draft):
    comment_period_open(
        version_id=draft.pk,
        user=coordinator,
        opens_on=today(),
        closes_on=today() + datetime.timedelta(days=14),
    )
    return draft


def test_unknown_versions_and_drafts_without_a_period_answer_404(client, draft):
    post = {"comment": "Hello", "name": "A", "role": "other"}
    for path in ("/standards/999999/comment/", comment_url(draft)):
        assert client.get(path).status_code == 404
        assert client.post(path, post).status_code == 404
    assert client.get(f"/standards/{draft.pk}/comment/summary/").status_code == 404
    assert client.get("/standards/99999999999999999999/comment/").status_code == 404


def test_a_period_not_yet_open_keeps_the_draft_private(client, coordinator, draft):
    comment_period_open(
        version_id=draft.pk,
        user=coordinator,
        opens_on=today() + datetime.timedelta(days=3),
        closes_on=today() + datetime.timedelta(days=30),
    )
    assert client.get(comment_url(draft)).status_code == 404
    assert comment_url(draft) not in page(client.get("/standards/"))


def test_the_form_explains_every_mistake_with_a_400(client, open_draft, draft):
    other = StandardsVersion.objects.get(name=FIRST_VERSION_NAME).standards.first()
    wrong_standard = "Choose one of this draft&#x27;s standards, or the whole draft."
    cases = [
        ({"standard": str(other.pk)}, wrong_standard),
        ({"standard": "9" * 30}, wrong_standard),
        ({"standard": "abc"}, wrong_standard),
        ({"comment": "   "}, "Write your comment."),
        ({"comment": "x" * 5001}, "Ensure this value has at most 5000 characters"),
        ({"name": ""}, "Give your name."),
        ({"name": "n" * 201}, "Ensure this value has at most 200 characters"),
        ({"organization": "o" * 201}, "Ensure this value has at most 200 characters"),
        ({"role": ""}, "Choose the description that fits you best."),
        ({"role": "sheriff"}, "Choose the description that fits you best."),
        ({"comment": "nul \x00 byte"}, "Null characters are not allowed."),
    ]
    for fields, message in cases:
        response = send_comment(client, draft, **fields)
        assert response.status_code == 400, fields
        assert message in page(response), fields
        assert "data-error-summary" in page(response)
    assert not StandardsComment.objects.exists()


def test_a_closed_period_shows_the_draft_and_refuses_comments(client, coordinator, open_draft):
    period = open_draft.comment_period
    later = timezone.now() + datetime.timedelta(days=20)
    with mock.patch("django.utils.timezone.now", return_value=later):
        shown = client.get(comment_url(open_draft))
        assert shown.status_code == 200
        assert "The comment period ended on" in page(shown)
        assert 'id="public-comment-form"' not in page(shown)
        refused = client.post(
            comment_url(open_draft), {"comment": "Late", "name": "A", "role": "other"}
        )
    assert refused.status_code == 409
    assert f"ended on {period.closes_on:%B} {period.closes_on.day}" in page(refused)
    assert not StandardsComment.objects.exists()


def test_the_last_day_ends_at_midnight_in_the_platforms_time_zone(client, coordinator, draft):
    zone = ZoneInfo(settings.TIME_ZONE)
    last = today() + datetime.timedelta(days=5)
    comment_period_open(version_id=draft.pk, user=coordinator, opens_on=today(), closes_on=last)
    late_evening = datetime.datetime.combine(last, datetime.time(23, 59), tzinfo=zone)
    just_after = datetime.datetime.combine(
        last + datetime.timedelta(days=1), datetime.time(0, 1), tzinfo=zone
    )
    data = {
        "standard": "",
        "comment": "In time.",
        "name": "A",
        "organization": "",
        "role": "other",
        "website": "",
    }
    with mock.patch("django.utils.timezone.now", return_value=late_evening):
        assert client.post(comment_url(draft), data).status_code == 302
    with mock.patch("django.utils.timezone.now", return_value=just_after):
        assert client.post(comment_url(draft), data | {"comment": "Too late."}).status_code == 409
    assert list(StandardsComment.objects.values_list("comment", flat=True)) == ["In time."]


def test_a_bot_filling_the_honeypot_is_thanked_and_ignored(client, open_draft):
    response = send_comment(client, open_draft, website="https://spam.example")
    assert response.status_code == 302
    assert "your comment has been received" in page(client.get(response.url))
    assert not StandardsComment.objects.exists()


def test_comments_are_rate_limited_per_client(client, open_draft):
    for number in range(10):
        assert send_comment(client, open_draft, comment=f"Point {number}").status_code == 302
    refused = send_comment(client, open_draft, comment="One too many")
    assert refused.status_code == 429
    assert "many comments in a short time" in page(refused)
    assert StandardsComment.objects.count() == 10
    elsewhere = send_comment(
        client, open_draft, comment="Another office", client_address="10.1.1.9"
    )
    assert elsewhere.status_code == 302


def test_published_comments_are_paginated_newest_first(client, coordinator, open_draft):
    for number in range(25):
        comment = comment_submit(
            version_id=open_draft.pk,
            standard_id=None,
            name=f"Person {number:02}",
            organization="",
            role="community",
            comment=f"Comment {number:02}",
            client=f"10.0.0.{number}",
        )
        comment_moderate(comment_id=comment.pk, user=coordinator, decision="approve")
    first = page(client.get(comment_url(open_draft)))
    assert "Published comments (25)" in first
    assert "Person 24" in first and "Person 05" in first and "Person 04" not in first
    second = page(client.get(f"{comment_url(open_draft)}?page=2"))
    assert "Person 04" in second and "Person 00" in second and "Person 05" not in second
    assert client.get(f"{comment_url(open_draft)}?page=abc").status_code == 200
    assert client.get(f"{comment_url(open_draft)}?page=99").status_code == 200


def test_a_comment_keeps_the_standard_it_was_about_when_the_draft_drops_it(
    client, coordinator, open_draft
):
    de1 = open_draft.standards.get(code="DE-1")
    comment = comment_submit(
        version_id=open_draft.pk,
        standard_id=de1.pk,
        name="A",
        organization="",
        role="trainer",
        comment="Drop it.",
        client="10.0.0.1",
    )
    de1.delete()
    comment.refresh_from_db()
    assert comment.standard is None
    assert comment.standard_label == "DE-1: De-escalation tactics and techniques"


# --- The admin side refuses what it must --------------------------------------------------------


def test_only_a_draft_opens_a_period_and_the_days_are_checked(coordinator_client, draft):
    current = StandardsVersion.current()
    url = f"{ADMIN}/versions/{current.pk}/days/"
    assert "only a draft version can be opened" in page(coordinator_client.get(url))
    refused = coordinator_client.post(
        url, {"opens_on": today().isoformat(), "closes_on": "2099-01-01"}
    )
    assert refused.status_code == 409
    backwards = open_period(
        coordinator_client, draft, opens_on=today(), closes_on=today() - datetime.timedelta(days=1)
    )
    assert backwards.status_code == 400
    assert "must end after the day it opens" in page(backwards)
    same_day = open_period(coordinator_client, draft, opens_on=today(), closes_on=today())
    assert same_day.status_code == 400
    past = open_period(
        coordinator_client,
        draft,
        opens_on=today() - datetime.timedelta(days=10),
        closes_on=today() - datetime.timedelta(days=1),
    )
    assert past.status_code == 400 and "cannot be in the past" in page(past)
    nonsense = coordinator_client.post(
        f"{ADMIN}/versions/{draft.pk}/days/", {"opens_on": "soon", "closes_on": ""}
    )
    assert nonsense.status_code == 400
    assert not CommentPeriod.objects.exists()


def test_moving_the_days_is_recorded(coordinator, coordinator_client, open_draft):
    period = open_draft.comment_period
    new_end = period.closes_on + datetime.timedelta(days=7)
    assert open_period(coordinator_client, open_draft, closes_on=new_end).status_code == 302
    period.refresh_from_db()
    assert period.closes_on == new_end
    changed = CommentEvent.objects.get(action="period_changed")
    assert changed.actor == coordinator and changed.note.startswith("Was ")


def test_a_version_with_a_comment_period_cannot_be_deleted(admin_client, open_draft):
    confirm = page(admin_client.get(f"{SNIPPETS}/delete/{open_draft.pk}/"))
    assert "public comment period" in confirm
    response = admin_client.post(f"{SNIPPETS}/delete/{open_draft.pk}/", follow=True)
    shown = [str(message) for message in response.context["messages"]]
    assert any("it has a public comment period" in message for message in shown)
    assert StandardsVersion.objects.filter(pk=open_draft.pk).exists()


@pytest.mark.parametrize("group", [COMMUNICATIONS_EDITOR, REVIEWER])
def test_other_staff_neither_see_nor_moderate_comments(client, open_draft, group):
    comment = comment_submit(
        version_id=open_draft.pk,
        standard_id=None,
        name="A",
        organization="",
        role="other",
        comment="Hello",
        client="10.0.0.1",
    )
    client.force_login(make_user("staff", group=group))
    for path in (
        f"{ADMIN}/",
        f"{ADMIN}/versions/{open_draft.pk}/",
        f"{ADMIN}/versions/{open_draft.pk}/comments.csv",
        f"{ADMIN}/comments/{comment.pk}/",
    ):
        assert client.get(path).status_code in {302, 403}, path
    response = client.post(
        f"{ADMIN}/comments/{comment.pk}/", {"form": "moderate", "decision": "approve"}
    )
    assert response.status_code in {302, 403}
    comment.refresh_from_db()
    assert comment.status == "pending" and not comment.events.exists()


def test_an_unknown_state_filter_is_a_400(coordinator_client, open_draft):
    assert coordinator_client.get(f"{ADMIN}/versions/{open_draft.pk}/?status=x").status_code == 400
    assert coordinator_client.get(f"{ADMIN}/versions/{open_draft.pk}/?p=zz").status_code == 200


def test_the_audit_trail_of_a_period_cannot_be_changed_or_deleted(open_draft):
    event = CommentEvent.objects.get()
    event.note = "rewritten"
    with pytest.raises(PermissionDenied):
        event.save()
    with pytest.raises(PermissionDenied):
        event.delete()
    with pytest.raises(PermissionDenied):
        CommentEvent.objects.update(note="rewritten")
    with pytest.raises(PermissionDenied):
        CommentEvent.objects.all().delete()
    assert CommentEvent.objects.get().action == "period_opened"
