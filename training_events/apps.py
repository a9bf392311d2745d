from django.apps import AppConfig


class EventsConfig(AppConfig):
    """Regional train-the-trainer events: listings, registration with a waitlist, reminders."""

    name = "training_events"
    label = "events"
    verbose_name = "Training events"
    default_auto_field = "django.db.models.BigAutoField"
    url_module = "training_events.urls"
