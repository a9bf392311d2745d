from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Site content"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import caching
        from .models import (
            Audience,
            DeliveryMethod,
            ProviderType,
            ResourceType,
            SiteSettings,
            TopicArea,
            USState,
        )

        terms = [Audience, DeliveryMethod, ProviderType, ResourceType, TopicArea, USState]
        caching.connect(terms, [SiteSettings])
        from .csvsafe import spreadsheet_exports_neutralise

        spreadsheet_exports_neutralise()
