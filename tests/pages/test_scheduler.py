"""The scheduler: every job the apps declare, on its trigger; each fire enqueued once however
many schedulers run; a fired job's task does its work on the worker."""

import datetime
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import zoneinfo
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page
from wagtail.search.models import IndexEntry

from accounts.tasks import account_emails_retry
from curricula.tasks import catalog_unpublish_expired
from mailing.tasks import announcements_resume
from pages.models import NewsIndexPage, NewsPage
from pages.scheduler import (
    MISFIRE_GRACE,
    FireTimeExecutor,
    scheduled_task_fire,
    scheduled_tasks,
    scheduler_build,
)
from pages.tasks import publish_scheduled
from review_workflow.tasks import appeal_reminders_send, approvals_expire, review_reminders_send
from search.reconcile import index_differences
from search.tasks import search_reconcile
from training_events.tasks import event_reminders_send

ROOT = Path(__file__).resolve().parents[2]
ZONE = zoneinfo.ZoneInfo(settings.TIME_ZONE)
# Each job, its task, and when it next fires after a weekday morning and evening.
MORNING = datetime.datetime(2026, 3, 2, 5, 58, 30, tzinfo=ZONE)
EVENING = datetime.datetime(2026, 3, 2, 18, 30, 30, tzinfo=ZONE)
EXPECTED_JOBS = {
    "publish_scheduled": (publish_scheduled, "05:59", "18:31"),
    "account_emails_retry": (account_emails_retry, "05:59", "18:31"),
    "announcements_resume": (announcements_resume, "05:59", "18:31"),
    "search_reconcile": (search_reconcile, "06:00", "18:40"),
    "catalog_unpublish_expired": (catalog_unpublish_expired, "06:05", "19:05"),
    "review_reminders": (review_reminders_send, "06:00", "tomorrow 06:00"),
    "appeal_reminders": (appeal_reminders_send, "06:00", "tomorrow 06:00"),
    "approvals_expire": (approvals_expire, "06:00", "tomorrow 06:00"),
    "event_reminders": (event_reminders_send, "07:00", "19:00"),
}


def _on(day: datetime.datetime, when: str) -> datetime.datetime:
    if when.startswith("tomorrow "):
        day, when = day + datetime.timedelta(days=1), when.removeprefix("tomorrow ")
    hour, minute = map(int, when.split(":"))
    return day.replace(hour=hour, minute=minute, second=0)


def _job(name: str):
    return next(job for job in scheduler_build().get_jobs() if job.id == name)


def _fire(job, fire_time: datetime.datetime):
    """What the scheduler's executor does when the job's time comes."""
    job.func(*job.args, fire_time=fire_time, **job.kwargs)


def test_the_scheduler_registers_every_job_the_apps_declare_on_its_trigger():
    jobs = {job.id: job for job in scheduler_build().get_jobs()}
    assert set(jobs) == {entry.name for entry in scheduled_tasks()} == set(EXPECTED_JOBS)
    for name, (task, after_morning, after_evening) in EXPECTED_JOBS.items():
        job = jobs[name]
        [entry] = job.args
        assert entry.task is task, name
        assert job.trigger.timezone == ZONE, name
        for now, expected in [(MORNING, after_morning), (EVENING, after_evening)]:
            assert job.trigger.get_next_fire_time(None, now) == _on(now, expected), (name, now)


def test_every_scheduler_computes_the_same_interval_fire_times():
    first, second = _job("search_reconcile"), _job("search_reconcile")
    now = timezone.now()
    assert first.trigger.get_next_fire_time(None, now) == second.trigger.get_next_fire_time(
        None, now
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_url(tmp_path):
    """A real Redis server of the test's own, as the shared cache is in production."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed")
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603 (fixed argv)
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", tmp_path],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait()


@pytest.fixture(params=["redis", "file", "locmem"])
def shared_cache(request, settings, tmp_path):
    """The cache the schedulers share: Redis (production), files (`make run`), memory (tests)."""
    backends = {
        "redis": lambda: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": request.getfixturevalue("redis_url"),
        },
        "file": lambda: {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        },
        "locmem": lambda: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    settings.CACHES = {"default": backends[request.param]()}


@pytest.fixture
def database_tasks(settings):
    """Tasks queued in the database for the workers, as `make run` and production queue them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _queued(task) -> int:
    return DBTaskResult.objects.filter(task_path=task.module_path).count()


@pytest.mark.django_db
def test_two_schedulers_firing_the_same_time_enqueue_the_task_once(shared_cache, database_tasks):
    one, other = _job("publish_scheduled"), _job("publish_scheduled")  # two schedulers
    due = timezone.now().replace(second=0, microsecond=0)
    _fire(one, due)
    _fire(other, due)
    assert _queued(publish_scheduled) == 1
    _fire(other, due + datetime.timedelta(minutes=1))
    _fire(one, due + datetime.timedelta(minutes=1))
    assert _queued(publish_scheduled) == 2


# Not in a transaction: the executor closes connections a transaction would leave open.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_schedulers_executors_enqueue_a_due_job_once(database_tasks):
    due = timezone.now().replace(second=0, microsecond=0)
    for scheduler in [scheduler_build(), scheduler_build()]:
        executor = FireTimeExecutor()
        executor.start(scheduler, "default")
        executor.submit_job(scheduler.get_job("account_emails_retry"), [due])
    assert _queued(account_emails_retry) == 1


@pytest.mark.django_db
def test_a_fire_time_is_claimed_for_the_same_instant_in_any_time_zone(
    shared_cache, database_tasks
):
    [entry] = [entry for entry in scheduled_tasks() if entry.name == "search_reconcile"]
    due = timezone.now().replace(second=0, microsecond=0)
    assert scheduled_task_fire(entry=entry, fire_time=due.astimezone(ZONE)) is not None
    assert scheduled_task_fire(entry=entry, fire_time=due.astimezone(datetime.UTC)) is None
    assert _queued(search_reconcile) == 1


@pytest.mark.django_db
def test_a_scheduler_that_fires_past_the_grace_enqueues_nothing(database_tasks):
    [entry] = [entry for entry in scheduled_tasks() if entry.name == "publish_scheduled"]
    due = timezone.now() - MISFIRE_GRACE - datetime.timedelta(seconds=1)
    assert scheduled_task_fire(entry=entry, fire_time=due) is None
    assert _queued(publish_scheduled) == 0


def test_a_fired_publish_job_puts_a_scheduled_page_live(demo_site, client):
    editor = get_user_model().objects.create_user(username="editor", password="x" * 16)
    news_index = NewsIndexPage.objects.get()
    page = NewsPage(title="Regional training dates", intro="Dates announced.", live=False)
    news_index.add_child(instance=page)
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    page.save_revision(user=editor).publish()
    page.refresh_from_db()
    assert not page.live  # approved, waiting for its time

    # An hour passes: move the schedule instead of waiting for it.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision = page.get_latest_revision()
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    [entry] = [entry for entry in scheduled_tasks() if entry.name == "publish_scheduled"]
    result = scheduled_task_fire(entry=entry, fire_time=timezone.now().replace(second=0))

    assert result.status == TaskResultStatus.SUCCESSFUL  # the immediate backend ran it
    page.refresh_from_db()
    assert page.live
    assert "Regional training dates" in client.get("/news/").content.decode()


def test_a_fired_reconcile_job_puts_a_page_the_index_lost_back(demo_site):
    page = Page.objects.live().filter(depth__gt=1).last()
    IndexEntry.objects.filter(
        content_type_id=page.content_type_id, object_id=str(page.pk)
    ).delete()
    assert page.pk in index_differences("default").missing

    _fire(_job("search_reconcile"), timezone.now().replace(second=0))

    assert index_differences("default").count == 0


@pytest.mark.slow
def test_the_core_schedules_its_own_jobs_without_the_optional_apps(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "scheduler", "--list"],  # noqa: S603
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DISABLED_APPS": "curricula,review_workflow,mailing",
            "VAR_DIR": str(tmp_path),
            "LOG_LEVEL": "ERROR",
        },
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    listed = {line.split(":")[0] for line in result.stdout.splitlines()}
    assert listed == {"publish_scheduled", "account_emails_retry"}


def _catches(pid: int, signum: int) -> bool:
    """Whether the process has a handler of its own for the signal (Linux)."""
    status = Path(f"/proc/{pid}/status").read_text()
    caught = int(next(line for line in status.splitlines() if line.startswith("SigCgt:"))[7:], 16)
    return bool(caught & (1 << (signum - 1)))


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_the_scheduler_stops_cleanly_on_ctrl_c_and_sigterm(signum, tmp_path):
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "scheduler"],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "VAR_DIR": str(tmp_path),
            "LOG_LEVEL": "WARNING",
        },
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        # Both handlers are set together once the scheduler runs (Python has its own SIGINT's).
        while not _catches(process.pid, signal.SIGTERM):
            assert process.poll() is None and time.monotonic() < deadline, "did not start"
            time.sleep(0.1)
        process.send_signal(signum)
        assert process.wait(timeout=20) == 0
        errors = process.stderr.read()
        assert "KeyboardInterrupt" not in errors
        assert "RuntimeError" not in errors
    finally:
        process.kill()
