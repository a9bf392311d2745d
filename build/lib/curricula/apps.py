from django.apps import AppConfig


class CurriculaConfig(AppConfig):
    """The public catalog of approved curricula (optional app)."""

    name = "curricula"
    verbose_name = "Curriculum catalog"
    default_auto_field = "django.db.models.BigAutoField"
