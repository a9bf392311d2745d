"""A communications editor's whole journey, on a desktop and a phone, with axe at every step.

The editor signs in through the admin's form, writes a news item and submits it for
moderation; a moderator approves it from the dashboard; the item is live on the public site.
Its publication has prepared an announcement: the editor submits it, the moderator approves
it, and the editor sends it through the Send screen and its confirmation. The topic's
subscribers receive it on a real SMTP server, each with a one-click unsubscribe link.
"""

import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from mailing.models import Announcement, Subscriber
from pages.demo import child_page_get_or_create, home_page_get_or_create, site_essentials_ensure
from pages.models import NewsIndexPage, NewsPage, TopicArea
from review_workflow.core.permissions import COMMUNICATIONS_EDITOR
from review_workflow.seed import workflow_essentials_ensure

from .conftest import serious_violations
from .test_review_screens import settled

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
VIEWPORTS = {"desktop": (1280, 900), "phone": (375, 812)}
PASSWORD = "a-long-unusual-passphrase"
TITLE = "Regional de-escalation workshops announced"
INTRO = "Six regions host two-day workshops for patrol officers this spring."
TOPIC = "Communication skills"
OTHER_TOPIC = "Suicide prevention"
# Wagtail's rich text editor (Draftail) leaves its editing area without a name: the field's
# label points at the hidden input the editor stands in for (wagtail/wagtail#14205, open).
# Left out for that rule on the announcement's body editor only.
DRAFTAIL_UNNAMED = {
    "aria-input-field-name": '[data-contentpath="body"] .public-DraftEditor-content'
}


def person(username: str, name: str, group: str):
    first, last = name.split()
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password=PASSWORD,
        first_name=first,
        last_name=last,
    )
    user.groups.add(Group.objects.get(name=group))
    return user


def subscriber(email: str, topic: str, status=Subscriber.Status.CONFIRMED) -> Subscriber:
    made = Subscriber.objects.create(
        email=email,
        status=status,
        source=Subscriber.Source.SIGNUP_PAGE,
        confirmed_at=timezone.now() if status == Subscriber.Status.CONFIRMED else None,
    )
    made.topics.set(TopicArea.objects.filter(name=topic))
    return made


@pytest.fixture
def newsroom(live_server):
    """The site with its news section, an editor, a moderator and the mailing list."""
    site_essentials_ensure()
    workflow_essentials_ensure(apps)
    home, _ = home_page_get_or_create()
    child_page_get_or_create(
        parent=home,
        page_class=NewsIndexPage,
        slug="news",
        title="News",
        intro="Updates on the standards, the review process and the catalog.",
    )
    return {
        "home": home,
        "editor": person("casey", "Casey Editor", COMMUNICATIONS_EDITOR),
        "moderator": person("morgan", "Morgan Moderator", "Moderators"),
        "readers": [
            subscriber("dana@example.org", TOPIC),
            subscriber("eli@example.org", TOPIC),
        ],
        "others": [
            subscriber("fran@example.org", OTHER_TOPIC),
            subscriber("gus@example.org", TOPIC, status=Subscriber.Status.PENDING),
        ],
    }


def check(page, axe, step: str, upstream=None) -> None:
    assert serious_violations(axe, page, upstream=upstream) == [], step


def public_check(page, axe, step: str) -> None:
    check(page, axe, step)
    # Nothing on the public site runs off the side of a phone.
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    assert not overflow, step


def admin_sign_in(browser, base: str, user, viewport, axe):
    """A fresh browser for `user`, signed in through the admin's own sign-in form."""
    width, height = viewport
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    page.goto(f"{base}/admin/")
    page.wait_for_url("**/admin/login/**")
    check(page, axe, "admin sign-in")
    page.get_by_label("Username").press_sequentially(user.email)
    page.get_by_label("Password").press_sequentially(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/admin/")
    check(page, axe, "admin dashboard")
    return page


def admin_menu(page, label: str) -> None:
    """Follow a link of the admin's main menu, opening the menu first on a narrow screen."""
    link = page.get_by_label("Main menu").get_by_role("link", name=label)
    if not link.is_visible():
        page.get_by_role("button", name="Toggle sidebar").click()
    link.click()


def approve_from_dashboard(page, base: str, title: str, axe, what: str) -> None:
    """The moderator approves the item awaiting review from the dashboard's own action."""
    page.goto(f"{base}/admin/")
    row = page.get_by_role("row").filter(has_text=title)
    expect(row).to_be_visible()
    check(page, axe, f"moderator's dashboard with the {what}")
    row.get_by_role("button", name="Actions").click()
    with page.expect_navigation():
        row.get_by_role("button", name="Approve", exact=True).click()
    # Wagtail says nothing on the dashboard after an approval: the item leaves the list.
    expect(row).to_have_count(0)
    check(page, axe, f"dashboard once the {what} is approved")


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_an_editor_publishes_news_through_moderation_and_mails_its_subscribers(
    live_server, browser, axe, smtp_server, newsroom, viewport
):
    base = live_server.url
    editor = admin_sign_in(browser, base, newsroom["editor"], viewport, axe)

    # The news item, written in the page editor: first saved as a draft, then submitted.
    editor.get_by_role("link", name=re.compile("Pages created in")).click()
    editor.wait_for_url(f"**/admin/pages/{newsroom['home'].pk}/")
    check(editor, axe, "page explorer")
    editor.get_by_role("button", name=re.compile("More options for .News.")).click()
    editor.get_by_text("Add child page", exact=True).click()
    editor.wait_for_url("**/add/pages/newspage/**")
    check(editor, axe, "new news page")
    editor.get_by_role("textbox", name="Title*").press_sequentially(TITLE)
    # The slug follows the title a moment after the typing stops (on the Promote tab).
    expect(editor.locator("#id_slug")).to_have_value("regional-de-escalation-workshops-announced")
    editor.get_by_role("listbox", name="Topic areas").select_option(label=TOPIC)
    editor.get_by_role("textbox", name="Intro*").press_sequentially(INTRO)
    editor.get_by_role("button", name="Save draft").click()
    expect(editor.get_by_text(f"Page '{TITLE}' created.")).to_be_visible()
    check(settled(editor), axe, "news draft saved")
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Submit to Moderators approval").click()
    expect(editor.get_by_text("has been submitted for moderation")).to_be_visible()
    check(settled(editor), axe, "news submitted")
    news = NewsPage.objects.get(title=TITLE)
    assert not news.live

    moderator = admin_sign_in(browser, base, newsroom["moderator"], viewport, axe)
    approve_from_dashboard(moderator, base, TITLE, axe, "news item")
    news.refresh_from_db()
    assert news.live

    # Anyone can read it on the public site.
    width, height = viewport
    reader = browser.new_context(viewport={"width": width, "height": height}).new_page()
    reader.goto(f"{base}/news/")
    public_check(reader, axe, "public news index")
    reader.get_by_role("link", name=TITLE, exact=True).click()
    reader.wait_for_url(f"**{news.url}")
    expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(reader.get_by_text(INTRO)).to_be_visible()
    public_check(reader, axe, "public news page")

    # Its publication prepared an announcement for the topic's subscribers.
    admin_menu(editor, "Announcements")
    editor.wait_for_url("**/admin/snippets/mailing/announcement/")
    row = editor.get_by_role("row").filter(has=editor.get_by_role("link", name=TITLE, exact=True))
    expect(row).to_contain_text("Draft")
    expect(row).to_contain_text("Suggestion")
    check(editor, axe, "announcements with the suggestion")
    row.get_by_role("link", name=TITLE, exact=True).click()
    editor.wait_for_url("**/admin/snippets/mailing/announcement/edit/**")
    expect(editor.get_by_role("textbox", name="Subject*")).to_have_value(TITLE)
    expect(editor.get_by_role("checkbox", name=TOPIC)).to_be_checked()
    check(editor, axe, "announcement editor", upstream=DRAFTAIL_UNNAMED)
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Submit to Moderators approval").click()
    expect(editor.get_by_text("submitted for moderation")).to_be_visible()
    check(settled(editor), axe, "announcement submitted")

    approve_from_dashboard(moderator, base, TITLE, axe, "announcement")

    # The editor sends it: the list's Send action, the Send screen, then its confirmation.
    admin_menu(editor, "Announcements")
    row = editor.get_by_role("row").filter(has=editor.get_by_role("link", name=TITLE, exact=True))
    expect(row).to_contain_text("Approved, not sent")
    check(editor, axe, "announcements with the approved one")
    row.get_by_role("link", name="Send…").click()
    editor.wait_for_url("**/send/")
    check(editor, axe, "send screen")
    editor.get_by_role("link", name="Send to 2 subscribers").click()
    editor.wait_for_url("**/send/confirm/")
    expect(editor.get_by_text(f"This emails “{TITLE}” to 2 subscribers now.")).to_be_visible()
    check(editor, axe, "send confirmation")
    editor.get_by_role("button", name="Yes, send to 2 subscribers").click()
    expect(editor.get_by_text("Sending to 2 subscribers.")).to_be_visible()
    check(settled(editor), axe, "sent")
    announcement = Announcement.objects.get(news_item=news)
    assert announcement.sending == Announcement.Sending.DONE
    expect(editor.get_by_role("row", name="Sent 2", exact=True)).to_be_visible()

    mails = [mail for mail in smtp_server.received if mail.subject == TITLE]
    assert sorted(r for mail in mails for r in mail.recipients) == [
        "dana@example.org",
        "eli@example.org",
    ]
    for mail in mails:
        assert TITLE in mail.body and INTRO in mail.body
        assert f"Read the full story: {news.full_url}" in mail.body
        assert str(mail.message["List-Unsubscribe-Post"]).strip() == "List-Unsubscribe=One-Click"
        unsubscribe = str(mail.message["List-Unsubscribe"]).strip().strip("<>")
        assert f"Unsubscribe: {unsubscribe}" in mail.body
        assert unsubscribe in mail.message.get_body(("html",)).get_content()

    # The mail app's one-click unsubscribe (RFC 8058) works from the link in the header.
    dana = next(mail for mail in mails if mail.recipients == ["dana@example.org"])
    path = re.sub(r"^https?://[^/]+", "", str(dana.message["List-Unsubscribe"]).strip("<> "))
    response = reader.request.post(
        base + path,
        data="List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status == 200
    assert Subscriber.objects.get(email="dana@example.org").status == "unsubscribed"
