"""Account emails survive a failing mail server: each failure is recorded and retried later,
with growing delays, and staff see what could not be delivered."""

import datetime

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.utils import timezone

from accounts.delivery import MAX_ATTEMPTS, RETRY_DELAYS, account_emails_retry_due
from accounts.models import AccountEmail
from tests.accounts.conftest import make_member
from tests.smtp import SmtpSink, free_port


class FlakySink(SmtpSink):
    """A real SMTP server that refuses every message while `refusing` is set."""

    refusing = True

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's API)
        if self.refusing:
            return "451 Local error, try again later"
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def flaky_smtp(settings):
    sink = FlakySink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = controller.hostname
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield sink
    controller.stop()


def _later(minutes: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(minutes=minutes)


def _ask_for_reset(client, email):
    assert client.post("/accounts/password-reset/", {"email": email}).status_code == 302


def test_a_refused_email_is_retried_and_delivered_once_the_server_accepts(client, db, flaky_smtp):
    staff = make_member("staffer", "Review coordinator")
    _ask_for_reset(client, staff.email)
    email = AccountEmail.objects.get()
    assert email.status == AccountEmail.Status.RETRYING
    assert email.attempts == 1
    assert "451" in email.last_error
    assert flaky_smtp.received == []

    flaky_smtp.refusing = False
    call_command("account_emails_retry")  # not due yet
    assert flaky_smtp.received == []
    assert account_emails_retry_due(now=_later(2)) == 1

    [mail] = flaky_smtp.to(staff.email)
    assert "reset" in mail.subject.lower()
    email.refresh_from_db()
    assert email.status == AccountEmail.Status.SENT
    assert email.attempts == 2
    assert email.body == ""  # the reset link is not kept


def test_retries_wait_longer_each_time_then_give_up(client, db, flaky_smtp):
    staff = make_member("staffer", "Review coordinator")
    _ask_for_reset(client, staff.email)
    email = AccountEmail.objects.get()
    waits = []
    now = timezone.now()
    while email.status == AccountEmail.Status.RETRYING:
        waits.append(email.next_attempt_at - now)
        now = email.next_attempt_at + datetime.timedelta(seconds=1)
        account_emails_retry_due(now=now)
        email.refresh_from_db()
    assert email.status == AccountEmail.Status.FAILED
    assert email.attempts == MAX_ATTEMPTS
    assert email.body == ""
    assert waits == sorted(waits)
    assert [round(wait / delay) for wait, delay in zip(waits, RETRY_DELAYS, strict=True)] == [
        1
    ] * len(RETRY_DELAYS)
    assert flaky_smtp.received == []


def test_with_the_database_task_backend_the_retry_is_queued_for_its_time(
    client, db, flaky_smtp, settings
):
    from django_tasks_db.models import DBTaskResult

    staff = make_member("staffer", "Review coordinator")
    _ask_for_reset(client, staff.email)  # sent by the immediate backend, and refused
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    email = AccountEmail.objects.get()
    account_emails_retry_due(now=email.next_attempt_at)  # refused again: queue the third try
    email.refresh_from_db()
    queued = DBTaskResult.objects.get(task_path="accounts.tasks.retry_account_email")
    assert queued.run_after == email.next_attempt_at
    assert queued.args_kwargs["args"] == [email.pk]


def test_staff_with_the_permission_see_undelivered_emails(client, db, flaky_smtp):
    staff = make_member("staffer", "Review coordinator")
    _ask_for_reset(client, staff.email)
    AccountEmail.objects.create(
        recipient="done@example.org", subject="Delivered fine", status=AccountEmail.Status.SENT
    )
    admin = make_member("administrator", "Administrator")
    client.force_login(admin)
    response = client.get("/admin/accounts/accountemail/")
    assert response.status_code == 200
    page = response.content.decode()
    assert staff.email in page
    assert "done@example.org" not in page
    assert client.get("/admin/accounts/accountemail/create/").status_code in (302, 403)

    client.force_login(make_member("editor", "Communications editor"))
    assert client.get("/admin/accounts/accountemail/").status_code in (302, 403)
