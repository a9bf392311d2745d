"""Search engines behind the selectors: the database, or an OpenSearch/Elasticsearch cluster.

Both take the same query and return the same result: the total, one page of ids in order, and
facet counts. Which one runs follows from the configured Wagtail search backend's class; a
cluster that cannot be reached is answered by the database engine, with a logged warning.
"""

import functools
import heapq
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
from modelsearch.index import FilterField, SearchField
from wagtail.search.backends import get_search_backend
from wagtail.search.query import MATCH_ALL

from pages.caching import kept_in_process

from .collections import Collection
from .database_text import text_scores
from .facet_index import TITLE_ORDER, collection_index
from .facets import PageIds
from .text import query_terms, term_prefix

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SearchQuery:
    """A validated query: text, chosen facet values, other filters, ordering and page."""

    text: str = ""
    facet_values: dict[str, tuple[str, ...]] = field(default_factory=dict)
    filter_values: dict[str, object] = field(default_factory=dict)
    sort: str = ""  # empty: relevance with text, newest without
    page: int = 1
    page_size: int = 20

    @property
    def terms(self) -> tuple[str, ...]:
        """The words of the text, as every backend matches them."""
        return query_terms(self.text)

    @property
    def ordering(self) -> str:
        return self.sort or ("relevance" if self.terms else "newest")

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


@dataclass(frozen=True)
class EngineResult:
    total: int
    ids: list[int]
    facets: dict[str, dict[str, int]]
    engine: str


class DatabaseEngine:
    """Text matching on Wagtail's database search index; filters and facets as set operations
    on the collection's in-memory index (`search.facet_index`).

    One SQL query a search at most: the text match, with each page's score.
    """

    name = "database"

    def __init__(self, backend_alias: str):
        self.backend_alias = backend_alias

    def run(self, collection: Collection, query: SearchQuery) -> EngineResult:
        config = getattr(search_backend(self.backend_alias), "config", None)
        scores = text_scores(collection.model, query.terms, config) if query.terms else None
        index = collection_index(collection)
        matched = index.members if scores is None else index.members.intersection(scores)
        for search_filter in collection.filters:
            value = query.filter_values.get(search_filter.name)
            if value is not None:
                matched = matched & search_filter.select(index.filter_data(search_filter), value)
        chosen = {
            name: collection.facet(name).select(index.facets[name], values)
            for name, values in query.facet_values.items()
        }
        results = _intersection(matched, chosen.values())
        return EngineResult(
            total=len(results),
            ids=self._page(index, collection, query, results, scores),
            facets={
                facet.name: facet.count(
                    index.facets[facet.name],
                    _intersection(matched, [s for n, s in chosen.items() if n != facet.name]),
                )
                for facet in collection.facets
            },
            engine=self.name,
        )

    def _page(self, index, collection, query, results: PageIds, scores) -> list[int]:
        """One page of ids, in the query's order."""
        end = query.offset + query.page_size
        if scores is None or query.ordering != "relevance":
            order = collection.sort(query.ordering).orm_order or TITLE_ORDER
            positions = index.positions(order)
            return heapq.nsmallest(end, results, key=positions.__getitem__)[query.offset :]
        if not results:
            return []
        # By score, ties by title: every page scoring at least the page's last score competes.
        floor = scores[heapq.nlargest(end, results, key=scores.__getitem__)[-1]]
        contenders = [pk for pk in results if scores[pk] >= floor]
        contenders.sort(key=lambda pk: (-scores[pk], index.by_title[pk]))
        return contenders[query.offset : end]


def _intersection(pages: PageIds, others) -> PageIds:
    """Pages in every set, the smallest set first (each step costs the smaller set's size)."""
    return functools.reduce(frozenset.intersection, sorted([pages, *others], key=len))


class SearchUnavailable(Exception):
    """No search engine can answer: the cluster is down and no fallback is configured."""


class ClusterUnavailable(SearchUnavailable):
    """The search cluster could not answer (unreachable, or an index without a live copy)."""


class ClusterEngine:
    """One request to OpenSearch/Elasticsearch: hits with every filter, facets as aggregations.

    Each facet's aggregation applies every active filter but its own, and the hits apply all
    of them through `post_filter`, so a count always equals what choosing that value returns.
    """

    name = "cluster"

    def __init__(self, backend_alias: str):
        self.backend_alias = backend_alias

    def run(self, collection: Collection, query: SearchQuery) -> EngineResult:
        backend = search_backend(self.backend_alias)
        columns = _Columns(backend, collection.model)
        facet_clauses = {
            name: collection.facet(name).dsl(columns[collection.facet(name).index_field], values)
            for name, values in query.facet_values.items()
        }
        body = {
            "query": {
                "bool": {
                    "must": [
                        self._base_query(backend, collection),
                        *self._text_query(collection, query, columns),
                    ],
                    "filter": self._filter_clauses(collection, query, columns),
                }
            },
            "post_filter": {"bool": {"filter": list(facet_clauses.values())}},
            "aggs": self._aggregations(collection, columns, facet_clauses),
            "sort": self._sort(collection, query, columns),
            "from": query.offset,
            "size": query.page_size,
            "stored_fields": ["pk"],
            "track_total_hits": True,
        }
        response = self._send(backend, collection, body)
        return EngineResult(
            total=response["hits"]["total"]["value"],
            ids=[int(hit["fields"]["pk"][0]) for hit in response["hits"]["hits"]],
            facets={
                facet.name: facet.bucket_counts(
                    response["aggregations"][facet.name]["values"]["buckets"]
                )
                for facet in collection.facets
            },
            engine=self.name,
        )

    def _base_query(self, backend, collection) -> dict:
        """Wagtail's own query for the collection's base filters, compiled once per content
        version and day (it names today's date and the restricted sections)."""

        def compiled():
            results = backend.search(MATCH_ALL, collection.base_queryset())
            return results.query_compiler.get_query()

        return kept_in_process(f"base-query:{self.backend_alias}:{collection.name}", compiled)

    def _text_query(self, collection, query, columns) -> list[dict]:
        """Every term begins a word of some text field; the field's weight is its score."""
        return [
            {
                "bool": {
                    "should": [
                        {"prefix": {columns.text(name): {"value": prefix, "boost": weight}}}
                        for name, weight in collection.text_fields
                    ],
                    "minimum_should_match": 1,
                }
            }
            for prefix in map(term_prefix, query.terms)
        ]

    def _filter_clauses(self, collection, query, columns) -> list[dict]:
        return [
            search_filter.dsl(columns[search_filter.index_field], value)
            for search_filter in collection.filters
            if (value := query.filter_values.get(search_filter.name)) is not None
        ]

    def _aggregations(self, collection, columns, facet_clauses) -> dict:
        aggregations = {}
        for facet in collection.facets:
            others = [clause for name, clause in facet_clauses.items() if name != facet.name]
            aggregations[facet.name] = {
                "filter": {"bool": {"filter": others}},
                "aggs": {"values": facet.dsl_aggregation(columns[facet.index_field])},
            }
        return aggregations

    def _sort(self, collection, query, columns) -> list:
        sort = collection.sort(query.ordering)
        title = {columns["title"]: {"order": "asc"}}
        if not sort.index_field:
            return ["_score", title, {"pk": {"order": "asc"}}]
        order = "desc" if sort.descending else "asc"
        primary = {columns[sort.index_field]: {"order": order, "missing": "_last"}}
        return [primary, title, {"pk": {"order": "asc"}}]

    def _send(self, backend, collection, body) -> dict:
        index = backend.get_index_for_model(collection.model).name
        # A shard without a live copy (a node just died, or the cluster is still recovering)
        # fails the whole search instead of leaving its results out of the counts.
        partial = {"allow_partial_search_results": False}
        try:
            if backend.use_new_elasticsearch_api:
                response = backend.es.search(index=index, **body, **partial)
            else:
                response = backend.es.search(index=index, body=body, **partial)
        except Exception as error:
            if not is_outage(error):
                raise
            if is_missing_index(error):
                index_rebuild_request()
            raise ClusterUnavailable(f"{type(error).__name__}: {error}") from error
        if response.get("_shards", {}).get("failed"):
            raise ClusterUnavailable(f"{response['_shards']['failed']} shards failed")
        return response


# Statuses a cluster answers while it cannot serve the index: 404 for an index a cluster that
# came back empty no longer has (until `search_reconcile` rebuilds it), 429 when overloaded,
# 503 while no copy of a shard is live.
OUTAGE_STATUSES = {404, 429, 503}


def is_outage(error: Exception) -> bool:
    """True when the cluster could not answer, as opposed to refusing a malformed query."""
    # opensearch-py and the Elasticsearch clients each define their own ConnectionError and
    # ConnectionTimeout classes; a malformed query (HTTP 400) must not count as an outage.
    if type(error).__name__ in {"ConnectionError", "ConnectionTimeout"} or isinstance(
        error, ConnectionError | TimeoutError
    ):
        return True
    return _status(error) in OUTAGE_STATUSES


def is_missing_index(error: Exception) -> bool:
    return _status(error) == 404


def _status(error: Exception):
    meta = getattr(error, "meta", None)
    return getattr(meta, "status", None) or getattr(error, "status_code", None)


REBUILD_REQUEST_KEY = "search:index-rebuild-requested"
REBUILD_REQUEST_INTERVAL = 60


def index_rebuild_request() -> None:
    """Queue the index repair, at most once a minute across every process: a cluster that
    came back without its index serves searches again as soon as a worker has rebuilt it,
    without waiting for the scheduled run."""
    # search.tasks imports this module (through search.reconcile), so it is imported here.
    from .tasks import search_reconcile

    if cache.add(REBUILD_REQUEST_KEY, True, timeout=REBUILD_REQUEST_INTERVAL):
        logger.warning("Search index missing from the cluster: rebuild queued")
        search_reconcile.enqueue()


class _Columns:
    """Index column names of a model's FilterFields, as Wagtail's mapping names them."""

    def __init__(self, backend, model):
        self.mapping = backend.mapping_class(model)
        self.fields = {
            search_field.field_name: search_field
            for search_field in model.get_search_fields()
            if isinstance(search_field, FilterField)
        }

        self.text_fields = {
            search_field.field_name: search_field
            for search_field in model.get_search_fields()
            if type(search_field) is SearchField
        }

    def __getitem__(self, field_name: str) -> str:
        return self.mapping.get_field_column_name(self.fields[field_name])

    def text(self, field_name: str) -> str:
        return self.mapping.get_field_column_name(self.text_fields[field_name])


class FallbackEngine:
    """Runs the cluster engine; if the cluster is unreachable, answers from the database."""

    def __init__(self, primary: ClusterEngine, fallback: DatabaseEngine):
        self.primary = primary
        self.fallback = fallback

    def run(self, collection: Collection, query: SearchQuery) -> EngineResult:
        try:
            return self.primary.run(collection, query)
        except ClusterUnavailable as error:
            logger.warning(
                "Search cluster unreachable, answering %s search from the database: %s",
                collection.name,
                error,
            )
            return self.fallback.run(collection, query)


@functools.cache
def _cached_backend(alias: str, configuration: str):
    return get_search_backend(alias)


def search_backend(alias: str):
    """The configured Wagtail search backend, built once, so a cluster client keeps its
    connections open between requests (Wagtail builds a new backend on every call)."""
    configuration = repr(settings.WAGTAILSEARCH_BACKENDS.get(alias))
    return _cached_backend(alias, configuration)


def search_engine(backend_alias: str = "default"):
    """The engine for the configured backend, falling back to the database one if there is
    one beside the cluster (`SEARCH_FALLBACK`)."""
    backend = search_backend(backend_alias)
    if not isinstance(backend, ElasticsearchBaseSearchBackend):
        return DatabaseEngine(backend_alias)
    if FALLBACK_ALIAS in settings.WAGTAILSEARCH_BACKENDS:
        return FallbackEngine(ClusterEngine(backend_alias), DatabaseEngine(FALLBACK_ALIAS))
    return ClusterEngine(backend_alias)


FALLBACK_ALIAS = "database"
