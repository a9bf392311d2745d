"""A real task worker, killed half-way through an announcement and restarted.

The site runs in processes of its own here (migrate, seed, `db_worker`) on a SQLite file, as
`make run` runs it, with a real SMTP server on localhost counting what arrives.
"""

import collections
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from mailing.tasks import IN_FLIGHT_PER_CONNECTION
from tests.smtp import start_smtp_server

ROOT = Path(__file__).resolve().parents[2]
SUBSCRIBERS = 2000

SEED = f"""
from django.contrib.auth import get_user_model
from mailing.models import Announcement, Subscriber
from mailing.services import announcement_send
Subscriber.objects.bulk_create(
    Subscriber(email=f"reader{{i}}@example.org", status="confirmed") for i in range({SUBSCRIBERS})
)
user = get_user_model().objects.create(username="sender")
# Approval is tested elsewhere; this announcement starts approved.
announcement = Announcement.objects.create(subject="Restart", body="<p>Hello.</p>", live=True)
announcement_send(announcement=announcement, user=user)
"""


@pytest.fixture
def site(tmp_path):
    controller, sink = start_smtp_server()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "EMAIL_URL": f"smtp://{controller.hostname}:{controller.port}",
        "TASKS_BACKEND": "database",
        "VAR_DIR": str(tmp_path),
        "MAILING_BATCH_SIZE": "100",
        # Slow enough to stop the worker half-way, fast enough for a test.
        "MAILING_RATE_PER_SECOND": "400",
        "LOG_LEVEL": "ERROR",
    }
    workers = []

    def manage(*args, background=False):
        command = [sys.executable, "manage.py", *args]
        if background:
            process = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603 (fixed argv)
            workers.append(process)
            return process
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603
        return None

    manage("migrate", "--no-input")
    yield manage, sink, tmp_path / "site.sqlite3"
    for process in workers:
        process.kill()
        process.wait()
    controller.stop()


def wait_until(condition, timeout=120):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def statuses(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT status, COUNT(*) FROM mailing_delivery GROUP BY status")
        return dict(rows.fetchall())


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="runs the site on a SQLite file of its own, as on the SQLite pass",
)
def test_a_worker_killed_half_way_and_restarted_sends_each_subscriber_one_copy(site):
    manage, sink, database = site
    manage("shell", "-c", SEED)
    first = manage("db_worker", "--no-startup-delay", "--no-reload", background=True)
    wait_until(lambda: len(sink.received) >= SUBSCRIBERS // 2)
    first.send_signal(signal.SIGKILL)
    first.wait()
    stopped_at = len(sink.received)
    assert stopped_at < SUBSCRIBERS, "the worker finished before it could be stopped"

    manage("db_worker", "--no-startup-delay", "--no-reload", background=True)
    manage("announcements_resume", "--stalled-after", "0")
    wait_until(lambda: "queued" not in statuses(database) and "sending" not in statuses(database))

    copies = collections.Counter(r for mail in sink.received for r in mail.recipients)
    assert max(copies.values()) == 1  # nobody twice
    final = statuses(database)
    # At most the one group in flight when the worker died is of unknown outcome.
    in_flight = settings.MAILING_SMTP_CONNECTIONS * IN_FLIGHT_PER_CONNECTION
    assert final.get("unknown", 0) <= in_flight
    assert final["sent"] + final.get("unknown", 0) == SUBSCRIBERS
    assert final["sent"] <= len(copies) <= SUBSCRIBERS
    assert len(copies) >= SUBSCRIBERS - in_flight
