"""Announcements: approved through the workflow, sent once per subscriber, resumable."""

import email
import email.policy
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Workflow

from mailing.links import personal_urls
from mailing.messages import AnnouncementRenderer
from mailing.models import Announcement, Delivery, Subscriber
from mailing.services import AnnouncementNotReady, announcement_resume, announcement_send
from mailing.tasks import announcement_send_batch
from pages.models import TopicArea
from tests.confirmation import confirm

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscribers(db):
    topic = TopicArea.objects.get(slug="suicide-prevention")
    made = {
        "confirmed": Subscriber.objects.create(email="c@example.org", status="confirmed"),
        "topical": Subscriber.objects.create(email="t@example.org", status="confirmed"),
        "pending": Subscriber.objects.create(email="p@example.org", status="pending"),
        "bounced": Subscriber.objects.create(email="b@example.org", status="bounced"),
        "gone": Subscriber.objects.create(email="u@example.org", status="unsubscribed"),
    }
    made["topical"].topics.add(topic)
    return made


def approved_announcement(admin_user, **fields):
    fields = {"subject": "Portal open", "body": "<p>Providers can now submit.</p>", **fields}
    announcement = Announcement(live=False, **fields)
    announcement.save()
    announcement.save_revision(user=admin_user)
    workflow = Workflow.objects.get(name="Moderators approval")
    state = workflow.start(announcement, admin_user)
    task_state = state.current_task_state
    task_state.task.on_action(task_state, admin_user, "approve")
    announcement.refresh_from_db()
    assert announcement.live
    return announcement


def recipients(sink) -> list[str]:
    """Who received the announcement (Wagtail's own workflow notices are left out)."""
    return [r for mail in sink.received if mail.subject == "Portal open" for r in mail.recipients]


def send(announcement, user, capture):
    with capture(execute=True):
        return announcement_send(announcement=announcement, user=user)


def test_a_moderator_approves_an_announcement_from_the_dashboard(client, django_user_model):
    from django.contrib.auth.models import Group

    editor = django_user_model.objects.create_user(username="editor", password="x" * 16)
    editor.groups.add(Group.objects.get(name="Communications editor"))
    moderator = django_user_model.objects.create_user(username="moderator", password="x" * 16)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    announcement = Announcement(subject="Portal open", body="<p>x</p>", live=False)
    announcement.save()
    announcement.save_revision(user=editor)
    state = Workflow.objects.get(name="Moderators approval").start(announcement, editor)
    client.force_login(moderator)
    action = (
        f"/admin/snippets/mailing/announcement/workflow/action/{announcement.pk}/approve/"
        f"{state.current_task_state.pk}/"
    )
    assert client.post(action, {"next": "/admin/"}).url == "/admin/"
    announcement.refresh_from_db()
    assert announcement.live  # approved, so it can be sent


def test_an_unapproved_announcement_cannot_be_sent(admin_user, subscribers):
    announcement = Announcement.objects.create(subject="Draft", body="<p>x</p>", live=False)
    announcement.save_revision(user=admin_user)
    Workflow.objects.get(name="Moderators approval").start(announcement, admin_user)
    with pytest.raises(AnnouncementNotReady):
        announcement_send(announcement=announcement, user=admin_user)
    assert not Delivery.objects.exists()


def test_an_approved_announcement_reaches_confirmed_subscribers_once(
    admin_user, subscribers, smtp_server, django_capture_on_commit_callbacks
):
    announcement = approved_announcement(admin_user)
    assert send(announcement, admin_user, django_capture_on_commit_callbacks) == 2
    assert sorted(recipients(smtp_server)) == ["c@example.org", "t@example.org"]
    mail = smtp_server.to("c@example.org")[0]
    assert mail.subject == "Portal open"
    assert str(mail.message["List-Unsubscribe-Post"]).strip() == "List-Unsubscribe=One-Click"
    assert str(mail.message["List-Unsubscribe"]).strip().startswith("<http")
    assert (
        mail.message.get_body(("html",)) is not None and "Providers can now submit." in mail.body
    )
    announcement.refresh_from_db()
    assert announcement.sending == "done"
    with pytest.raises(AnnouncementNotReady):  # a second send is refused
        announcement_send(announcement=announcement, user=admin_user)
    assert len(recipients(smtp_server)) == 2


def test_topic_announcements_go_only_to_that_topics_subscribers(
    admin_user, subscribers, smtp_server, django_capture_on_commit_callbacks
):
    announcement = approved_announcement(admin_user, send_to_all=False)
    announcement.topics.set(TopicArea.objects.filter(slug="suicide-prevention"))
    announcement.save()
    send(announcement, admin_user, django_capture_on_commit_callbacks)
    assert recipients(smtp_server) == ["t@example.org"]


def test_the_one_click_header_unsubscribes_and_nothing_more_arrives(
    client, admin_user, subscribers, smtp_server, django_capture_on_commit_callbacks
):
    send(approved_announcement(admin_user), admin_user, django_capture_on_commit_callbacks)
    header = (
        str(smtp_server.to("c@example.org")[0].message["List-Unsubscribe"]).strip().strip("<>")
    )
    path = header.split("://", 1)[1].split("/", 1)[1]
    response = client.post(
        "/" + path,
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    send(approved_announcement(admin_user), admin_user, django_capture_on_commit_callbacks)
    assert len(smtp_server.to("c@example.org")) == 1
    assert len(smtp_server.to("t@example.org")) == 2


def test_a_resumed_send_skips_the_message_in_flight_and_never_repeats(
    admin_user, subscribers, smtp_server, settings, django_capture_on_commit_callbacks
):
    for n in range(8):
        Subscriber.objects.create(email=f"s{n}@example.org", status="confirmed")
    announcement = approved_announcement(admin_user)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    announcement_send(announcement=announcement, user=admin_user)  # rows only: no worker yet
    deliveries = list(announcement.deliveries.order_by("pk"))
    assert len(deliveries) == 10
    # A worker claimed four rows, recorded the first as sent, then died during the second.
    Delivery.objects.filter(pk=deliveries[0].pk).update(status="sent")
    dead = [d.pk for d in deliveries[1:4]]
    Delivery.objects.filter(pk__in=dead).update(status="sending", claim="dead")
    assert announcement_resume(stalled_after=60) == []  # queued just now: not stalled yet
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MAILING_BATCH_SIZE = 3
    with django_capture_on_commit_callbacks(execute=True):
        assert announcement_resume(stalled_after=0) == [announcement.pk]
    statuses = dict(announcement.deliveries.values_list("pk", "status"))
    assert statuses.pop(deliveries[1].pk) == "unknown"
    assert set(statuses.values()) == {"sent"}
    received = recipients(smtp_server)
    assert len(received) == len(set(received)) == 8
    assert {deliveries[0].subscriber.email, deliveries[1].subscriber.email}.isdisjoint(received)
    announcement.refresh_from_db()
    assert announcement.sending == "done"


def test_an_address_that_bounces_during_a_send_is_skipped(
    admin_user, subscribers, smtp_server, settings
):
    announcement = approved_announcement(admin_user)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    announcement_send(announcement=announcement, user=admin_user)
    Subscriber.objects.filter(email="c@example.org").update(status="bounced")
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    announcement_send_batch.call(announcement.pk)
    assert recipients(smtp_server) == ["t@example.org"]
    assert announcement.deliveries.get(subscriber__email="c@example.org").status == "skipped"


def test_staff_send_from_the_admin_and_see_progress(
    client, admin_user, subscribers, smtp_server, django_capture_on_commit_callbacks
):
    announcement = approved_announcement(admin_user)
    admin_user.email = "admin@example.org"
    admin_user.save()
    client.force_login(admin_user)
    url = f"/admin/announcements/{announcement.pk}/send/"
    assert "Send to 2 subscribers" in client.get(url).content.decode()
    client.post(url, {"test": ""})
    assert smtp_server.to("admin@example.org")[0].subject == "Portal open"
    assert client.post(url, {"send": ""}).url.endswith("/send/confirm/")  # nothing sent yet
    assert not announcement.deliveries.exists()
    with django_capture_on_commit_callbacks(execute=True):
        confirm(client, f"{url}confirm/")
    page = client.get(url).content.decode()
    assert "Sent" in page and len(recipients(smtp_server)) == 3


def test_a_replayed_send_confirmation_sends_nobody_a_second_copy(
    client, admin_user, subscribers, smtp_server, django_capture_on_commit_callbacks
):
    announcement = approved_announcement(admin_user)
    client.force_login(admin_user)
    url = f"/admin/announcements/{announcement.pk}/send/confirm/"
    page = client.get(url).content.decode()
    assert "This emails “Portal open” to 2 subscribers now" in page
    with django_capture_on_commit_callbacks(execute=True):
        first = confirm(client, url)
        replay = client.post(url, {"confirmed": "yes"})
    assert first.status_code == replay.status_code == 302
    assert announcement.deliveries.count() == 2 and len(recipients(smtp_server)) == 2
    page = client.get(replay.url).content.decode()
    assert "has not been sent can be sent" in page
    # Once sent, the confirmation is no longer offered.
    assert client.get(url).status_code == 302


def test_publishing_news_in_a_topic_offers_a_draft_for_that_topics_subscribers(home_page):
    from pages.models import NewsIndexPage, NewsPage

    index = home_page.add_child(instance=NewsIndexPage(title="News", slug="news"))
    topic = TopicArea.objects.get(slug="suicide-prevention")
    item = NewsPage(title="New suicide prevention guide", intro="A guide for supervisors.")
    item.topic_areas.set([topic])
    index.add_child(instance=item)
    item.save_revision().publish()
    draft = Announcement.objects.get(news_item=item)
    assert not draft.live and draft.sending == "not_sent"  # it still needs approval and a send
    assert list(draft.topics.all()) == [topic] and not draft.send_to_all
    assert "A guide for supervisors." in draft.body
    item.save_revision().publish()  # republishing offers nothing new
    assert Announcement.objects.filter(news_item=item).count() == 1
    untagged = NewsPage(title="Office closed", intro="Holiday.")
    index.add_child(instance=untagged)
    untagged.save_revision().publish()
    assert not Announcement.objects.filter(news_item=untagged).exists()


def test_news_saved_as_drafts_before_its_approval_still_offers_a_draft(home_page):
    from pages.models import NewsIndexPage, NewsPage

    index = home_page.add_child(instance=NewsIndexPage(title="News", slug="news"))
    item = NewsPage(title="Workshops announced", intro="Six regions.", live=False)
    item.topic_areas.set(TopicArea.objects.filter(slug="suicide-prevention"))
    index.add_child(instance=item)
    item.save_revision()  # saved as a draft
    item.intro = "Six regions host workshops."
    item.save_revision()  # edited, then submitted for moderation
    item.get_latest_revision().publish()  # approved
    assert Announcement.objects.get(news_item=item).body == "<p>Six regions host workshops.</p>"
    item.refresh_from_db()
    item.unpublish()
    Announcement.objects.filter(news_item=item).delete()
    item.save_revision().publish()  # published again: not news any more
    assert not Announcement.objects.filter(news_item=item).exists()


def test_each_recipient_gets_their_own_links_and_message_id(
    admin_user, subscribers, smtp_server, django_capture_on_commit_callbacks
):
    send(approved_announcement(admin_user), admin_user, django_capture_on_commit_callbacks)
    mails = [mail for mail in smtp_server.received if mail.subject == "Portal open"]
    assert len({str(mail.message["Message-ID"]) for mail in mails}) == len(mails) == 2
    for mail in mails:
        subscriber = Subscriber.objects.get(email=mail.recipients[0])
        preferences, unsubscribe = personal_urls(subscriber)
        assert str(mail.message["To"]) == subscriber.email
        assert str(mail.message["List-Unsubscribe"]).strip() == f"<{unsubscribe}>"
        html = mail.message.get_body(("html",)).get_content()
        assert preferences in html and preferences in mail.body
        assert "placeholder" not in mail.message.as_string()


def test_the_prebuilt_bytes_match_the_email_built_for_one_person(admin_user, subscribers):
    renderer = AnnouncementRenderer(approved_announcement(admin_user))
    subscriber = subscribers["confirmed"]
    prebuilt = email.message_from_bytes(renderer.raw(subscriber), policy=email.policy.default)
    built = renderer.message(subscriber).message()
    for header in ("Subject", "From", "To", "List-Unsubscribe", "List-Unsubscribe-Post"):
        assert str(prebuilt[header]).strip() == str(built[header]).strip()
    for kind in ("plain", "html"):
        wire = built.as_bytes(linesep="\r\n")  # as Django's SMTP backend sends it
        parsed_built = email.message_from_bytes(wire, policy=email.policy.default)
        assert (
            prebuilt.get_body((kind,)).get_content()
            == parsed_built.get_body((kind,)).get_content()
        )


def test_a_message_with_very_long_lines_is_built_per_person(admin_user, subscribers):
    renderer = AnnouncementRenderer(approved_announcement(admin_user, body=f"<p>{'x' * 1200}</p>"))
    assert renderer.raw(subscribers["confirmed"]) is None
    assert renderer.message(subscribers["confirmed"]).message()["To"] == "c@example.org"


def test_staff_resume_a_stalled_send_from_the_admin(
    client, admin_user, subscribers, smtp_server, settings, django_capture_on_commit_callbacks
):
    announcement = approved_announcement(admin_user)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    announcement_send(announcement=announcement, user=admin_user)  # the worker never came
    client.force_login(admin_user)
    url = f"/admin/announcements/{announcement.pk}/send/"
    assert "Resume sending" not in client.get(url).content.decode()
    Announcement.objects.filter(pk=announcement.pk).update(
        queued_at=timezone.now() - timedelta(hours=1)
    )
    assert "Resume sending" in client.get(url).content.decode()
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"resume": ""})
    assert sorted(recipients(smtp_server)) == ["c@example.org", "t@example.org"]
    assert "Resume sending" not in client.get(url).content.decode()


def test_a_send_to_all_announcement_skips_those_who_opted_out_of_project_announcements(
    admin_user, subscribers, smtp_server, django_capture_on_commit_callbacks
):
    Subscriber.objects.filter(email="t@example.org").update(project_announcements=False)
    announcement = approved_announcement(admin_user)
    assert send(announcement, admin_user, django_capture_on_commit_callbacks) == 1
    assert recipients(smtp_server) == ["c@example.org"]
    assert smtp_server.to("t@example.org") == []


def test_an_opt_out_after_queueing_is_honoured_when_the_batch_runs(
    admin_user, subscribers, smtp_server
):
    announcement = approved_announcement(admin_user)
    announcement_send(announcement=announcement, user=admin_user)  # rows only: no worker yet
    Subscriber.objects.filter(email="c@example.org").update(project_announcements=False)
    announcement_send_batch.call(announcement.pk)
    assert recipients(smtp_server) == ["t@example.org"]
    skipped = Delivery.objects.get(subscriber__email="c@example.org")
    assert skipped.status == Delivery.Status.SKIPPED


def test_a_topic_announcement_reaches_its_topic_subscribers_even_without_project_news(
    admin_user, subscribers, smtp_server, django_capture_on_commit_callbacks
):
    Subscriber.objects.update(project_announcements=False)
    announcement = approved_announcement(admin_user, send_to_all=False)
    announcement.topics.set(TopicArea.objects.filter(slug="suicide-prevention"))
    announcement.save()
    send(announcement, admin_user, django_capture_on_commit_callbacks)
    assert recipients(smtp_server) == ["t@example.org"]
