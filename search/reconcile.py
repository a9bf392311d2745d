"""Find and repair differences between published pages and each search backend's index."""

from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from .engines import _Columns

SCAN_BATCH = 1000


@dataclass
class IndexDifference:
    """Published pages the index lacks, and index entries with no published page behind them."""

    backend_alias: str
    missing: set[int] = field(default_factory=set)
    stale: set[int] = field(default_factory=set)
    # The cluster has no index at all (it came back empty): everything is written again.
    index_missing: bool = False

    @property
    def count(self) -> int:
        return len(self.missing) + len(self.stale)


def index_differences(backend_alias: str) -> IndexDifference:
    """Compare the live pages in the database with what the backend has indexed as live."""
    backend = get_search_backend(backend_alias)
    # The tree root is never served nor searched; whether it is indexed does not matter.
    roots = set(Page.objects.filter(depth=1).values_list("pk", flat=True))
    live = set(Page.objects.live().values_list("pk", flat=True)) - roots
    if isinstance(backend, ElasticsearchBaseSearchBackend):
        if not backend.get_index_for_model(Page).exists():
            return IndexDifference(backend_alias, live, set(), index_missing=True)
        indexed_live = _cluster_live_ids(backend) - roots
        return IndexDifference(backend_alias, live - indexed_live, indexed_live - live)
    indexed = _database_indexed_ids() - roots
    existing = set(Page.objects.values_list("pk", flat=True))
    # The database backend checks liveness in SQL, so only entries of deleted pages are stale.
    return IndexDifference(backend_alias, live - indexed, indexed - existing)


def index_repair(difference: IndexDifference) -> None:
    """Write every differing page again, or remove it where it no longer exists."""
    if difference.index_missing:
        # Every index of the backend (pages, images, documents) went with the cluster.
        call_command("update_index", backend_name=difference.backend_alias, verbosity=0)
        return
    backend = get_search_backend(difference.backend_alias)
    differing = difference.missing | difference.stale
    present = set()
    for page in Page.objects.filter(pk__in=differing).specific():
        backend.add(page.get_indexed_instance())
        present.add(page.pk)
    gone = differing - present
    if not gone:
        return
    if isinstance(backend, ElasticsearchBaseSearchBackend):
        for pk in gone:
            backend.delete(Page(pk=pk))
    else:
        _index_entries().filter(
            content_type_id__in=_page_content_types(), object_id__in=[str(pk) for pk in gone]
        ).delete()


def backend_aliases() -> list[str]:
    return list(settings.WAGTAILSEARCH_BACKENDS)


def index_reconcile(backend_alias: str, *, repair: bool = True) -> IndexDifference:
    """The backend's differences from the published pages, repaired unless `repair` is off."""
    difference = index_differences(backend_alias)
    if difference.count and repair:
        index_repair(difference)
    return difference


def _index_entries():
    return apps.get_model("wagtailsearch", "IndexEntry").objects


def _page_content_types() -> list[int]:
    return get_descendants_content_types_pks(Page)


def _database_indexed_ids() -> set[int]:
    object_ids = (
        _index_entries()
        .filter(content_type_id__in=_page_content_types())
        .values_list("object_id", flat=True)
    )
    return {int(object_id) for object_id in object_ids}


def _cluster_live_ids(backend) -> set[int]:
    """Every page the cluster holds as live, read in batches ordered by pk."""
    index = backend.get_index_for_model(Page).name
    live_column = _Columns(backend, Page)["live"]
    ids, after = set(), None
    while True:
        body = {
            "query": {"term": {live_column: True}},
            "stored_fields": ["pk"],
            "sort": [{"pk": "asc"}],
            "size": SCAN_BATCH,
        }
        if after is not None:
            body["search_after"] = after
        if backend.use_new_elasticsearch_api:
            response = backend.es.search(index=index, **body)
        else:
            response = backend.es.search(index=index, body=body)
        hits = response["hits"]["hits"]
        ids.update(int(hit["fields"]["pk"][0]) for hit in hits)
        if len(hits) < SCAN_BATCH:
            return ids
        after = hits[-1]["sort"]
