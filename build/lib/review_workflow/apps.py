from django.apps import AppConfig


class ReviewWorkflowConfig(AppConfig):
    """Organizations, curriculum submissions and their review lifecycle (optional app)."""

    name = "review_workflow"
    verbose_name = "Curriculum review"
    default_auto_field = "django.db.models.BigAutoField"
    url_module = "review_workflow.urls"
