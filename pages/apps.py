from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Site content"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .csvsafe import spreadsheet_exports_neutralise

        spreadsheet_exports_neutralise()
