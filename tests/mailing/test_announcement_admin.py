"""The announcements listing says where each one stands and leads to sending it."""

import pytest
from wagtail.models import Workflow

from mailing.models import Announcement, Delivery, Subscriber
from pages.models import NewsIndexPage, NewsPage, TopicArea
from tests.mailing.test_announcements import approved_announcement

pytestmark = pytest.mark.django_db

LISTING = "/admin/snippets/mailing/announcement/"


def row_of(page: str, subject: str) -> str:
    start = page.index(subject)
    return page[start : page.index("</tr>", start)]


def test_each_announcement_shows_its_real_status_and_the_approved_one_a_send_action(
    client, admin_user, home_page
):
    draft = Announcement(subject="Draft notice", body="<p>x</p>", live=False)
    draft.save()
    draft.save_revision(user=admin_user)
    waiting = Announcement(subject="Waiting notice", body="<p>x</p>", live=False)
    waiting.save()
    waiting.save_revision(user=admin_user)
    Workflow.objects.get(name="Moderators approval").start(waiting, admin_user)
    approved = approved_announcement(admin_user, subject="Approved notice")
    sending = Announcement.objects.create(
        subject="Sending notice", body="<p>x</p>", live=True, sending="queued"
    )
    for number, status in enumerate(["sent", "sent", "queued"]):
        subscriber = Subscriber.objects.create(email=f"s{number}@example.org", status="confirmed")
        Delivery.objects.create(announcement=sending, subscriber=subscriber, status=status)
    Announcement.objects.create(subject="Sent notice", body="<p>x</p>", live=True, sending="done")

    client.force_login(admin_user)
    page = client.get(LISTING).content.decode()
    assert "Draft" in row_of(page, "Draft notice")
    assert "Awaiting approval" in row_of(page, "Waiting notice")
    approved_row = row_of(page, "Approved notice")
    assert "Approved, not sent" in approved_row
    assert f'href="/admin/announcements/{approved.pk}/send/"' in approved_row
    assert "Sending: 2 of 3" in row_of(page, "Sending notice")
    assert "Sent" in row_of(page, "Sent notice")
    assert "Live" not in page.split("<tbody", 1)[1]  # no bare "Live False" any more
    assert "Suggestion" not in row_of(page, "Draft notice")


def test_a_suggested_draft_is_labelled_and_can_be_dismissed(client, admin_user, home_page):
    index = home_page.add_child(instance=NewsIndexPage(title="News", slug="news"))
    item = NewsPage(title="New guide for supervisors", intro="A guide.")
    item.topic_areas.set([TopicArea.objects.get(slug="suicide-prevention")])
    index.add_child(instance=item)
    item.save_revision().publish()
    suggestion = Announcement.objects.get(news_item=item)

    client.force_login(admin_user)
    row = row_of(client.get(LISTING).content.decode(), "New guide for supervisors")
    assert "Suggestion" in row
    dismiss = f"/admin/snippets/mailing/announcement/delete/{suggestion.pk}/"
    assert f'href="{dismiss}"' in row
    assert client.post(dismiss, {}).status_code == 302
    assert not Announcement.objects.filter(pk=suggestion.pk).exists()
