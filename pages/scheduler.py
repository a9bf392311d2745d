"""The periodic jobs apps declare through the `register_scheduled_tasks` hook, and the
APScheduler that `manage.py scheduler` runs: each fire only enqueues the job's task, once
however many schedulers run, and the task workers do the work.
"""

import collections
import datetime
import logging
import socket
from dataclasses import dataclass

from apscheduler.executors.base import BaseExecutor
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from django.core.cache import cache
from django.db import close_old_connections
from django.utils import timezone
from django_tasks import TaskResult
from django_tasks.base import Task
from wagtail import hooks

logger = logging.getLogger(__name__)

# A scheduler that fires later than this after a fire time (it was stopped, or its host
# slept) skips that fire: the next one comes soon and every task is idempotent.
MISFIRE_GRACE = datetime.timedelta(minutes=5)
# A claim outlives the latest moment another scheduler may still fire the same time (the
# grace above), with room for clocks that differ between hosts.
CLAIM_TIMEOUT = MISFIRE_GRACE + datetime.timedelta(minutes=5)
# Interval jobs count from this instant, so every scheduler computes the same fire times.
INTERVAL_ANCHOR = datetime.datetime(2000, 1, 1)


@dataclass(frozen=True)
class ScheduledTask:
    """A django-tasks task to enqueue on a cron expression (in TIME_ZONE) or every `interval`."""

    name: str
    task: Task
    cron: str = ""
    interval: datetime.timedelta | None = None

    def __post_init__(self):
        if bool(self.cron) == (self.interval is not None):
            raise ValueError(
                f"Scheduled task {self.name!r} needs a cron expression or an interval"
            )

    def trigger(self) -> BaseTrigger:
        """When the task fires, in the site's time zone."""
        zone = timezone.get_default_timezone()
        if self.cron:
            return CronTrigger.from_crontab(self.cron, timezone=zone)
        return IntervalTrigger(
            seconds=self.interval.total_seconds(),
            start_date=INTERVAL_ANCHOR.replace(tzinfo=zone),
            timezone=zone,
        )


def scheduled_tasks() -> list[ScheduledTask]:
    """Every periodic task the installed apps declare, each name once."""
    entries = [
        entry for declare in hooks.get_hooks("register_scheduled_tasks") for entry in declare()
    ]
    names = [entry.name for entry in entries]
    duplicated = sorted({name for name in names if names.count(name) > 1})
    if duplicated:
        raise ValueError(f"Scheduled task names declared more than once: {duplicated}")
    return entries


def fire_claim_key(*, name: str, fire_time: datetime.datetime) -> str:
    """The cache key the schedulers race for at one fire of one job."""
    return f"scheduler:{name}:{fire_time.astimezone(datetime.UTC).isoformat()}"


def scheduled_task_fire(
    *, entry: ScheduledTask, fire_time: datetime.datetime, now: datetime.datetime | None = None
) -> TaskResult | None:
    """Enqueue the entry's task for this fire time, unless another scheduler claimed it first
    or the time is past the grace; returns the enqueued result, or None."""
    late = (now or timezone.now()) - fire_time
    if late > MISFIRE_GRACE:
        logger.warning("Skipped %s due at %s: %s late", entry.name, fire_time.isoformat(), late)
        return None
    # cache.add is SET NX on Redis: of several schedulers, exactly one gets True.
    claimed = cache.add(
        fire_claim_key(name=entry.name, fire_time=fire_time),
        socket.gethostname(),
        timeout=CLAIM_TIMEOUT.total_seconds(),
    )
    if not claimed:
        logger.debug("%s due at %s: enqueued by another scheduler", entry.name, fire_time)
        return None
    result = entry.task.enqueue()
    logger.info("Enqueued %s due at %s (task %s)", entry.name, fire_time.isoformat(), result.id)
    return result


class FireTimeExecutor(BaseExecutor):
    """Runs a job in the scheduler's thread and hands it the time it was due as `fire_time`:
    APScheduler 3 passes its jobs no such time, and it is what every scheduler agrees on."""

    def _do_submit_job(self, job, run_times):
        for run_time in run_times:
            try:
                # As at each request: a connection that broke (the database restarted) or
                # outlived CONN_MAX_AGE is replaced, since this process runs for months.
                close_old_connections()
                job.func(*job.args, fire_time=run_time, **job.kwargs)
            except Exception:  # a cache or database failure loses this fire, not the scheduler
                logger.exception("Scheduled job %s due at %s failed", job.id, run_time)
        self._run_job_success(job.id, [])


def scheduler_build() -> BlockingScheduler:
    """A scheduler, not yet started, with one job per scheduled task."""
    scheduler = BlockingScheduler(
        timezone=timezone.get_default_timezone(), executors={"default": FireTimeExecutor()}
    )
    fire = _Firing()
    for entry in scheduled_tasks():
        scheduler.add_job(
            fire,
            entry.trigger(),
            args=[entry],
            id=entry.name,
            name=entry.name,
            coalesce=True,
            max_instances=1,
            # Lateness is judged in scheduled_task_fire, against the claim's lifetime.
            misfire_grace_time=None,
        )
    return scheduler


class _Firing:
    """Fires jobs, then deletes this scheduler's claims once past their timeout: the file
    cache keeps expired entries on disk and, once full, culls entries at random, the
    sign-in limits' among them."""

    def __init__(self):
        self.claims = collections.deque()

    # Optional only for APScheduler's check of a job's arguments, made before
    # FireTimeExecutor supplies it.
    def __call__(self, entry: ScheduledTask, *, fire_time: datetime.datetime | None = None):
        if fire_time is None:
            raise TypeError("A scheduled job fires with the time it was due")
        if scheduled_task_fire(entry=entry, fire_time=fire_time) is not None:
            key = fire_claim_key(name=entry.name, fire_time=fire_time)
            self.claims.append((timezone.now() + CLAIM_TIMEOUT, key))
        expired = []
        while self.claims and self.claims[0][0] < timezone.now():
            expired.append(self.claims.popleft()[1])
        if expired:
            cache.delete_many(expired)
