"""Search engines behind the selectors: the database, or an OpenSearch/Elasticsearch cluster.

Both take the same query and return the same result: the total, one page of ids in order, and
facet counts. Which one runs follows from the configured Wagtail search backend's class; a
cluster that cannot be reached is answered by the database engine, with a logged warning.
"""

import logging
from dataclasses import dataclass, field

from django.db.models import Case, ExpressionWrapper, IntegerField, Q, QuerySet, Value, When
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
from modelsearch.index import FilterField
from wagtail.search.backends import get_search_backend
from wagtail.search.query import MATCH_ALL

from .collections import Collection

logger = logging.getLogger(__name__)

TEXT_OPERATOR = "and"
# Up to this many text matches are carried as a list of ids rather than re-running the
# full-text match in every facet query.
MAX_INLINE_MATCHES = 10_000
MAX_RANKED_TERMS = 8


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
    def ordering(self) -> str:
        return self.sort or ("relevance" if self.text else "newest")

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
    """Filters and facets with the ORM; text matching through Wagtail's database backend."""

    name = "database"

    def __init__(self, backend_alias: str):
        self.backend_alias = backend_alias

    def run(self, collection: Collection, query: SearchQuery) -> EngineResult:
        matched = self._text_matches(collection, query)
        filtered = _restrict(collection.model, matched, self._all_filters(collection, query))
        ordered = self._ordered(collection, query, filtered)
        ids = list(
            ordered.values_list("pk", flat=True)[query.offset : query.offset + query.page_size]
        )
        return EngineResult(
            total=filtered.count(),
            ids=ids,
            facets=self._facets(collection, query, matched),
            engine=self.name,
        )

    def _text_matches(self, collection: Collection, query: SearchQuery) -> QuerySet:
        base = collection.base_queryset()
        if not query.text:
            return base
        backend = get_search_backend(self.backend_alias)
        # The text search sees only ids: the collection's own filters stay in the ORM.
        candidates = collection.model.objects.filter(id__in=base.values("pk"))
        results = backend.search(
            query.text, candidates, operator=TEXT_OPERATOR, order_by_relevance=False
        )
        matches = results.get_queryset().values_list("pk", flat=True)
        ids = list(matches[: MAX_INLINE_MATCHES + 1])
        if len(ids) > MAX_INLINE_MATCHES:
            return base.filter(pk__in=matches)
        return base.filter(pk__in=ids)

    def _all_filters(self, collection, query, *, leave_out: str = "") -> list[Q]:
        conditions = [
            collection.facet(name).orm_q(values)
            for name, values in query.facet_values.items()
            if name != leave_out
        ]
        for search_filter in collection.filters:
            value = query.filter_values.get(search_filter.name)
            if value is not None:
                conditions.append(search_filter.orm_q(value))
        return conditions

    def _ordered(self, collection, query, filtered: QuerySet) -> QuerySet:
        sort = collection.sort(query.ordering)
        if sort.orm_order:
            return filtered.order_by(*sort.orm_order)
        if not query.text:  # relevance without text: every item is equally relevant
            return filtered.order_by("title", "pk")
        return filtered.annotate(relevance=_relevance(collection, query.text)).order_by(
            "-relevance", "title", "pk"
        )

    def _facets(self, collection, query, matched: QuerySet) -> dict[str, dict[str, int]]:
        facets = {}
        for facet in collection.facets:
            others = self._all_filters(collection, query, leave_out=facet.name)
            subset = _restrict(collection.model, matched, others)
            facets[facet.name] = facet.orm_counts(
                collection.model.objects.filter(pk__in=subset.values("pk"))
            )
        return facets


def _relevance(collection: Collection, text: str):
    """A field-weighted count of the query's words, so title matches rank first.

    Wagtail's database backends can order by their own score, but on SQLite that costs a
    full-text query per matching row; this ranks the (already matched) rows in one pass.
    """
    terms = [term for term in text.split() if term][:MAX_RANKED_TERMS]
    score = Value(0)
    for term in terms:
        for field_name, weight in collection.ranked_fields:
            score = score + Case(
                When(**{f"{field_name}__icontains": term}, then=Value(weight)),
                default=Value(0),
            )
    return ExpressionWrapper(score, output_field=IntegerField())


def _restrict(model, queryset: QuerySet, conditions: list[Q]) -> QuerySet:
    """Apply each condition through a subquery, so many-to-many joins never duplicate rows."""
    for condition in conditions:
        queryset = queryset.filter(pk__in=model.objects.filter(condition).values("pk"))
    return queryset


class ClusterUnavailable(Exception):
    """The search cluster could not be reached."""


class ClusterEngine:
    """One request to OpenSearch/Elasticsearch: hits with every filter, facets as aggregations.

    Each facet's aggregation applies every active filter but its own, and the hits apply all
    of them through `post_filter`, so a count always equals what choosing that value returns.
    """

    name = "cluster"

    def __init__(self, backend_alias: str):
        self.backend_alias = backend_alias

    def run(self, collection: Collection, query: SearchQuery) -> EngineResult:
        backend = get_search_backend(self.backend_alias)
        columns = _Columns(backend, collection.model)
        facet_clauses = {
            name: collection.facet(name).dsl(columns[collection.facet(name).index_field], values)
            for name, values in query.facet_values.items()
        }
        body = {
            "query": {
                "bool": {
                    "must": [self._base_query(backend, collection, query)],
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

    def _base_query(self, backend, collection, query) -> dict:
        """Wagtail's own query for the text and the collection's base filters."""
        results = backend.search(
            query.text or MATCH_ALL, collection.base_queryset(), operator=TEXT_OPERATOR
        )
        return results.query_compiler.get_query()

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
        try:
            if backend.use_new_elasticsearch_api:
                return backend.es.search(index=index, **body)
            return backend.es.search(index=index, body=body)
        except Exception as error:
            if _is_connection_failure(error):
                raise ClusterUnavailable(str(error)) from error
            raise


def _is_connection_failure(error: Exception) -> bool:
    # opensearch-py and the Elasticsearch clients each define their own ConnectionError and
    # ConnectionTimeout classes; a malformed query (HTTP 400) must not count as an outage.
    return type(error).__name__ in {"ConnectionError", "ConnectionTimeout"} or isinstance(
        error, ConnectionError | TimeoutError
    )


class _Columns:
    """Index column names of a model's FilterFields, as Wagtail's mapping names them."""

    def __init__(self, backend, model):
        self.mapping = backend.mapping_class(model)
        self.fields = {
            search_field.field_name: search_field
            for search_field in model.get_search_fields()
            if isinstance(search_field, FilterField)
        }

    def __getitem__(self, field_name: str) -> str:
        return self.mapping.get_field_column_name(self.fields[field_name])


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


def search_engine(backend_alias: str = "default"):
    """The engine for the configured backend, falling back to the database one if needed."""
    backend = get_search_backend(backend_alias)
    if isinstance(backend, ElasticsearchBaseSearchBackend):
        return FallbackEngine(ClusterEngine(backend_alias), DatabaseEngine("database"))
    return DatabaseEngine(backend_alias)
