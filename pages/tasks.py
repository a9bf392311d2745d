"""The core's periodic work, enqueued by the scheduler."""

from django.core.management import call_command
from django_tasks import task


@task()
def publish_scheduled() -> None:
    """Publish what is due to go live and unpublish what has expired (Wagtail's command)."""
    # Wagtail keeps this logic in its command alone; a published revision loses its go-live
    # time, so a second run finds nothing to do.
    call_command("publish_scheduled", verbosity=0)
