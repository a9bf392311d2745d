"""Admin registration for the core content: the taxonomy snippets; its scheduled work."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from pages.scheduler import ScheduledTask
from pages.tasks import publish_scheduled
from pages.views import TaxonomyGroup

register_snippet(TaxonomyGroup)


@hooks.register("register_scheduled_tasks")
def register_publishing_schedule():
    return [ScheduledTask("publish_scheduled", publish_scheduled, cron="* * * * *")]
