from django.apps import AppConfig


class MailingConfig(AppConfig):
    """Stay connected: subscribers with double opt-in, preferences and one-click unsubscribe."""

    name = "mailing"
    verbose_name = "Mailing list"
    default_auto_field = "django.db.models.BigAutoField"
    url_module = "mailing.urls"

    def ready(self):
        from . import drafts

        drafts.connect()
