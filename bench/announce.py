"""Announcement sending benchmark: messages per second and peak memory through the real path.

Seeds N confirmed subscribers into a fresh SQLite database, queues one approved announcement
(one delivery row each) and runs the sending task batch after batch, as the worker does,
against a local SMTP sink (aiosmtpd's discarding Sink, in its own process). Prints queueing time,
messages per second, the process's CPU seconds and its peak memory, for each N given.
`MAILING_SMTP_CONNECTIONS` (default 3) sets the SMTP connections used.

    .venv/bin/python bench/announce.py                 # N = 100,000
    .venv/bin/python bench/announce.py --n 10000 50000 100000
"""

import argparse
import os
import resource
import shutil
import socket
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def start_sink(port: int) -> subprocess.Popen:
    """aiosmtpd's discarding Sink in a process of its own, so it does not share our GIL."""
    sink = subprocess.Popen(  # noqa: S603 (fixed argv)
        [
            sys.executable,
            "-m",
            "aiosmtpd",
            "-n",
            "-c",
            "aiosmtpd.handlers.Sink",
            "-l",
            f"127.0.0.1:{port}",
        ]
    )
    for _ in range(100):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return sink
        time.sleep(0.1)
    sink.kill()
    raise RuntimeError("the SMTP sink did not start")


def configure(workdir: Path, smtp_port: int) -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DATABASE_URL=f"sqlite:///{workdir / 'announce.sqlite3'}",
        EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}",
        TASKS_BACKEND="immediate",
        DEBUG="0",
        LOG_LEVEL="ERROR",
        VAR_DIR=str(workdir),
        MAILING_BATCH_SIZE="500",
    )
    import django

    django.setup()


def seed(n: int) -> None:
    from mailing.models import Subscriber

    Subscriber.objects.all().delete()
    # In chunks: bulk_create holds its whole input in memory, which would inflate peak RSS.
    for start in range(0, n, 5000):
        Subscriber.objects.bulk_create(
            Subscriber(email=f"reader{i}@example.org", status="confirmed")
            for i in range(start, min(n, start + 5000))
        )


def run(n: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.test.utils import override_settings

    from mailing.models import Announcement, Delivery
    from mailing.services import announcement_send
    from mailing.tasks import announcement_send_batch

    seed(n)
    user = get_user_model().objects.get_or_create(username="bench")[0]
    # Approval is the workflow's business, not this benchmark's: the announcement starts live.
    announcement = Announcement.objects.create(
        subject="Benchmark", body="<p>An announcement of ordinary length.</p>", live=True
    )
    dummy = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with override_settings(TASKS=dummy):  # the loop below plays the worker
        started = time.perf_counter()
        announcement_send(announcement=announcement, user=user)
        queued = time.perf_counter() - started
        tracemalloc.start()
        started, cpu_started = time.perf_counter(), time.process_time()
        while Announcement.objects.get(pk=announcement.pk).sending != "done":
            announcement_send_batch.call(announcement.pk)
        sending = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        _, python_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    sent = Delivery.objects.filter(announcement=announcement, status="sent").count()
    return {
        "queue_s": queued,
        "send_s": sending,
        "cpu_s": cpu,
        "python_peak_mb": python_peak / 2**20,
        "sent": sent,
    }


def load_average() -> str:
    return " ".join(f"{figure:.2f}" for figure in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[100_000])
    args = parser.parse_args()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sink = start_sink(port)
    workdir = ROOT / ".var" / "bench-announce"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    try:
        configure(workdir, port)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        print(
            f"Load average (1, 5, 15 min) at the start: {load_average()} on {os.cpu_count()} cores"
        )
        print(
            f"{'subscribers':>12}{'queue s':>9}{'send s':>9}{'msgs/s':>9}{'cpu s':>8}"
            f"{'py peak MB':>12}{'RSS peak MB':>13}"
        )
        for n in args.n:
            figures = run(n)
            assert figures["sent"] == n, f"{figures['sent']} messages sent, expected {n}"
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"{n:>12,}{figures['queue_s']:>9.1f}{figures['send_s']:>9.1f}"
                f"{n / figures['send_s']:>9.0f}{figures['cpu_s']:>8.1f}"
                f"{figures['python_peak_mb']:>12.1f}{rss:>13.0f}"
            )
        print(f"Load average (1, 5, 15 min) at the end: {load_average()}")
    finally:
        sink.terminate()
        sink.wait()


if __name__ == "__main__":
    main()
