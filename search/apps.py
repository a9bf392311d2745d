from django.apps import AppConfig
from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    """Catalog and resource-library search, facets, the search API and index upkeep."""

    name = "search"
    verbose_name = "Search"
    url_module = "search.urls"

    def ready(self):
        from . import index_sync

        index_sync.connect()
        post_migrate.connect(_result_cards_upgrade, sender=self, dispatch_uid="search-cards")


def _result_cards_upgrade(sender, using=DEFAULT_DB_ALIAS, plan=None, **kwargs):
    """After `migrate`, write again every result card stored in an older format, so an upgrade
    that changes what cards hold needs no step by hand (until then such cards are answered
    from their pages). Run here rather than in a migration: the pages are read with today's
    models, which only match the tables once every migration has run."""
    # Imported when called: the app registry is not ready when this module loads.
    from .cards import result_cards_outdated, result_cards_rebuild
    from .models import ResultCard

    if using != DEFAULT_DB_ALIAS or any(backwards for _, backwards in plan or ()):
        return
    if ResultCard._meta.db_table not in connection.introspection.table_names():
        return  # a partial `migrate` that has not reached this app yet
    if result_cards_outdated():
        result_cards_rebuild()
