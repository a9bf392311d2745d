from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Catalog and resource-library search, facets, the search API and index upkeep."""

    name = "search"
    verbose_name = "Search"
    url_module = "search.urls"

    def ready(self):
        from . import index_sync

        index_sync.connect()
