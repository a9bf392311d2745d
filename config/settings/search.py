"""Builds WAGTAILSEARCH_BACKENDS from the search settings read in base.py."""

import copy

from django.core.exceptions import ImproperlyConfigured

DATABASE_BACKEND = "wagtail.search.backends.database"
CLUSTER_BACKENDS = {
    "opensearch2": "wagtail.search.backends.opensearch2",
    "opensearch3": "wagtail.search.backends.opensearch3",
    "elasticsearch8": "wagtail.search.backends.elasticsearch8",
    "elasticsearch9": "wagtail.search.backends.elasticsearch9",
}
SEARCH_BACKEND_CHOICES = ["database", *CLUSTER_BACKENDS]
# Text fields are indexed lower-cased and without accents, as the database's index is, so
# "formacion" finds "Formación" on every backend.
ACCENT_FOLDING = {
    "settings": {
        "analysis": {
            "analyzer": {
                "default": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "asciifolding"],
                }
            }
        }
    }
}


SEARCH_FALLBACK_CHOICES = ["database", "none"]


def search_backends(
    *,
    kind: str,
    url: str,
    index_prefix: str,
    timeout: int,
    fallback: str = "database",
    replicas: int | None = None,
) -> dict:
    """The Wagtail search backends for `kind`.

    `url` may list several nodes of one cluster, comma-separated: a request to a node that is
    down is retried on the next one. With `fallback="database"` the database backend is kept
    beside the cluster as "database": it stays up to date and answers searches while the
    cluster cannot; with "none" nothing is indexed twice and such a search answers 503.
    """
    if kind == "database":
        return {"default": {"BACKEND": DATABASE_BACKEND}}
    if kind not in CLUSTER_BACKENDS:
        raise ImproperlyConfigured(
            f"SEARCH_BACKEND must be one of {SEARCH_BACKEND_CHOICES}, not {kind!r}"
        )
    urls = [node.strip() for node in url.split(",") if node.strip()]
    if not urls:
        raise ImproperlyConfigured(
            f"SEARCH_BACKEND={kind} needs SEARCH_URL, e.g. http://127.0.0.1:9200"
        )
    if fallback not in SEARCH_FALLBACK_CHOICES:
        raise ImproperlyConfigured(
            f"SEARCH_FALLBACK must be one of {SEARCH_FALLBACK_CHOICES}, not {fallback!r}"
        )
    index_settings = copy.deepcopy(ACCENT_FOLDING)
    if replicas is not None:
        index_settings["settings"]["index"] = {"number_of_replicas": replicas}
    backends = {
        "default": {
            "BACKEND": CLUSTER_BACKENDS[kind],
            "URLS": urls,
            "INDEX_PREFIX": index_prefix,
            "TIMEOUT": timeout,
            # Each node in turn, then give up: a node that refuses is marked dead and skipped.
            "OPTIONS": {"max_retries": len(urls) - 1, "retry_on_timeout": len(urls) > 1},
            "INDEX_SETTINGS": index_settings,
        },
    }
    if fallback == "database":
        backends["database"] = {"BACKEND": DATABASE_BACKEND}
    return backends
