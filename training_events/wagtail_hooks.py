"""How events plug in: organizer screens, the API endpoint, OpenAPI paths and demo content."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from pages.scheduler import ScheduledTask

from . import admin_views
from .api import EventsAPIViewSet, events_openapi_paths
from .demo import events_demo_seed
from .tasks import event_reminders_send


@hooks.register("register_admin_urls")
def organizer_screens():
    return [
        path("event-attendees/", admin_views.organizer_events, name="events_organizer"),
        path("event-attendees/<int:pk>/", admin_views.event_attendees, name="events_attendees"),
        path(
            "event-attendees/<int:pk>/attendees.csv",
            admin_views.event_attendees_csv,
            name="events_attendees_csv",
        ),
    ]


class OrganizerMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser or request.user.has_perm("events.view_attendees")


@hooks.register("register_admin_menu_item")
def organizer_menu_item():
    return OrganizerMenuItem(
        "Event attendees", reverse("events_organizer"), icon_name="date", order=250
    )


@hooks.register("register_api_endpoints")
def register_events_api(router):
    router.register_endpoint("events", EventsAPIViewSet)


@hooks.register("register_openapi_paths")
def register_events_openapi():
    return events_openapi_paths()


@hooks.register("register_demo_content")
def register_events_demo(home):
    return events_demo_seed(home=home)


@hooks.register("register_scheduled_tasks")
def register_events_schedule():
    # Hourly from the morning on, so a day's reminders still go if the 07:00 run was missed.
    return [ScheduledTask("event_reminders", event_reminders_send, cron="0 7-19 * * *")]
