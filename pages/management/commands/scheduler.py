"""Run the scheduler: the periodic tasks the apps declare, enqueued at their times."""

import logging
import signal
import threading

from apscheduler.events import EVENT_SCHEDULER_STARTED
from django.core.management.base import BaseCommand
from django.utils import timezone

from pages.scheduler import scheduler_build

logger = logging.getLogger("pages.scheduler")


class Command(BaseCommand):
    help = (
        "Enqueue each app's periodic tasks at their times for the task workers. Several may "
        "run at once (one per host): each fire is enqueued once, through the shared cache."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--list",
            action="store_true",
            dest="list_jobs",
            help="Print each job and its next fire time, then exit.",
        )

    def handle(self, *args, list_jobs, **options):
        scheduler = scheduler_build()
        if list_jobs:
            for job in scheduler.get_jobs():
                self.stdout.write(f"{job.id}: {job.trigger} (next {_next_fire(job)})")
            return
        # Until it runs, a signal stops the process as usual: nothing is claimed yet.
        scheduler.add_listener(lambda _: _stop_on_signals(scheduler), EVENT_SCHEDULER_STARTED)
        logger.info("Scheduling %s", ", ".join(job.id for job in scheduler.get_jobs()))
        scheduler.start()


def _stop_on_signals(scheduler) -> None:
    """Ctrl-C, serve.sh's trap and systemd stop the scheduler between two fires."""

    def stop(*_):
        if not scheduler.running:
            return  # a second signal while it stops
        # From a thread of its own: an exception raised into the scheduler's wait breaks its
        # lock, and a shutdown run in the handler could wait for a lock the wait holds.
        threading.Thread(target=scheduler.shutdown, kwargs={"wait": False}).start()

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, stop)


def _next_fire(job) -> str:
    return job.trigger.get_next_fire_time(None, timezone.localtime()).isoformat()
