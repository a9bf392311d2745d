"""Announcements go out over several SMTP connections, outcomes recorded group by group."""

import pytest
from aiosmtpd.controller import Controller

from mailing.links import subscriber_for_management
from mailing.models import Announcement, Delivery, Subscriber
from mailing.services import announcement_resume, announcement_send
from mailing.tasks import announcement_send_batch, claim_new
from tests.smtp import SmtpSink, free_port

pytestmark = pytest.mark.django_db


class PeerSink(SmtpSink):
    """Also notes which client connection each message came in on."""

    def __init__(self):
        super().__init__()
        self.peers = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's API)
        self.peers.append(session.peer)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def sink(settings):
    sink = PeerSink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    yield sink
    controller.stop()


def queued_announcement(count: int) -> Announcement:
    Subscriber.objects.bulk_create(
        Subscriber(email=f"reader{n}@example.org", status="confirmed") for n in range(count)
    )
    announcement = Announcement.objects.create(subject="Hello", body="<p>News.</p>", live=True)
    announcement_send(announcement=announcement, user=None)
    return announcement


def test_a_batch_is_sent_over_three_connections_with_few_writes(
    sink, settings, django_assert_max_num_queries
):
    settings.MAILING_SMTP_CONNECTIONS = 3
    settings.MAILING_BATCH_SIZE = 100
    announcement = queued_announcement(96)
    with django_assert_max_num_queries(40):  # not one write per message (96 messages)
        assert announcement_send_batch.call(announcement.pk) == 96
    assert len(set(sink.peers)) == 3
    received = [r for mail in sink.received for r in mail.recipients]
    assert len(received) == len(set(received)) == 96
    assert set(announcement.deliveries.values_list("status", flat=True)) == {"sent"}
    assert not announcement.deliveries.filter(sent_at__isnull=True).exists()


def test_each_message_keeps_its_own_links_when_sent_in_parallel(sink, settings):
    settings.MAILING_SMTP_CONNECTIONS = 4
    announcement = queued_announcement(20)
    announcement_send_batch.call(announcement.pk)
    for mail in sink.received:
        subscriber = Subscriber.objects.get(email=mail.recipients[0])
        assert mail.recipients[0] in mail.message["To"]
        link = str(mail.message["List-Unsubscribe"]).strip().strip("<>")
        token = link.rstrip("/").rsplit("/", 1)[1]
        assert subscriber_for_management(token) == subscriber  # this person's own link


def test_a_dead_parallel_batch_leaves_its_group_unknown_and_the_rest_is_sent_once(
    sink, settings, django_capture_on_commit_callbacks
):
    announcement = queued_announcement(10)
    rows = list(announcement.deliveries.order_by("pk").values_list("pk", flat=True))
    # A worker sending four at a time claimed eight rows, recorded two, then died.
    Delivery.objects.filter(pk__in=rows[:2]).update(status="sent")
    Delivery.objects.filter(pk__in=rows[2:10]).update(status="sending", claim=claim_new(4))
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        assert announcement_resume(stalled_after=0) == [announcement.pk]
    statuses = dict(announcement.deliveries.values_list("pk", "status"))
    assert [statuses[pk] for pk in rows[2:6]] == ["unknown"] * 4
    assert [statuses[pk] for pk in rows[6:]] == ["sent"] * 4
    received = [r for mail in sink.received for r in mail.recipients]
    assert len(received) == len(set(received)) == 4
