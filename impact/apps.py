from django.apps import AppConfig


class ImpactConfig(AppConfig):
    """Agency adoption and outcome reporting, and the public implementation dashboard."""

    name = "impact"
    verbose_name = "Implementation and impact"
    default_auto_field = "django.db.models.BigAutoField"
    url_module = "impact.urls"
