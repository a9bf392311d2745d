"""Builds WAGTAILSEARCH_BACKENDS from the search settings read in base.py."""

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


def search_backends(*, kind: str, url: str, index_prefix: str, timeout: int) -> dict:
    """The Wagtail search backends for `kind`.

    With a cluster, the database backend is kept beside it as "database": it stays up to date
    and answers searches while the cluster is unreachable.
    """
    if kind == "database":
        return {"default": {"BACKEND": DATABASE_BACKEND}}
    if kind not in CLUSTER_BACKENDS:
        raise ImproperlyConfigured(
            f"SEARCH_BACKEND must be one of {SEARCH_BACKEND_CHOICES}, not {kind!r}"
        )
    if not url:
        raise ImproperlyConfigured(
            f"SEARCH_BACKEND={kind} needs SEARCH_URL, e.g. http://127.0.0.1:9200"
        )
    return {
        "default": {
            "BACKEND": CLUSTER_BACKENDS[kind],
            "URLS": [url],
            "INDEX_PREFIX": index_prefix,
            "TIMEOUT": timeout,
            "OPTIONS": {"max_retries": 0},
            "INDEX_SETTINGS": ACCENT_FOLDING,
        },
        "database": {"BACKEND": DATABASE_BACKEND},
    }
