from django.apps import AppConfig


class EventsConfig(AppConfig):
    """Regional train-the-trainer events: listings, registration with a waitlist, reminders."""

    name = "events"
    verbose_name = "Training events"
    default_auto_field = "django.db.models.BigAutoField"
    url_module = "events.urls"
