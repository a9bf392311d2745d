"""Filters over a collection, each translated for the ORM and for the search engine's DSL.

A facet filter also counts its values. Both translations answer the same question, so the
database and OpenSearch return the same results and the same counts.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import CharField, Count, F, Q, QuerySet, Value
from django.db.models.functions import Cast, ExtractYear

NATIONWIDE = "nationwide"


@dataclass(frozen=True)
class TermsFacet:
    """A repeatable filter matching any of the chosen values, with a count beside each value."""

    name: str  # the GET/API parameter and the key under "facets"
    index_field: str  # the FilterField holding the values in the search index
    orm_path: str  # the ORM path to the same values
    choices: Callable[[], list[tuple[str, str]]] = field(compare=False)  # (value, label)
    label: str = ""

    def values(self) -> list[str]:
        return [value for value, _ in self.choices()]

    def orm_q(self, chosen: tuple[str, ...]) -> Q:
        return Q(**{f"{self.orm_path}__in": chosen})

    def dsl(self, column: str, chosen: tuple[str, ...]) -> dict:
        return {"terms": {column: list(chosen)}}

    def orm_count_queries(self, queryset: QuerySet) -> list[QuerySet]:
        """Queries of (facet name, value, count) rows over `queryset`, sent with the other
        facets' in one UNION ALL query."""
        return [self._grouped(queryset, F(self.orm_path))]

    def counts_from_rows(self, rows: list[tuple[str, str | None, int]]) -> dict[str, int]:
        return self._complete({value: n for _, value, n in rows if value is not None})

    def _grouped(self, queryset: QuerySet, value, name: str = "") -> QuerySet:
        return (
            queryset.order_by()
            .values(
                facet_name=Value(name or self.name, output_field=CharField()),
                facet_value=Cast(value, CharField()),
            )
            .annotate(n=Count("pk", distinct=True))
            .values_list("facet_name", "facet_value", "n")
        )

    def dsl_aggregation(self, column: str) -> dict:
        return {"terms": {"field": column, "size": 500}}

    def bucket_counts(self, buckets: list[dict]) -> dict[str, int]:
        return self._complete({str(bucket["key"]): bucket["doc_count"] for bucket in buckets})

    def _complete(self, counts: dict[str, int]) -> dict[str, int]:
        """Every known value, in vocabulary order, with zero where nothing matches."""
        return {value: counts.get(value, 0) for value in self.values()}


@dataclass(frozen=True)
class StateFacet(TermsFacet):
    """A state also matches curricula offered nationwide, in the filter and in its count."""

    def orm_q(self, chosen: tuple[str, ...]) -> Q:
        return Q(offered_nationwide=True) | Q(
            offered_nationwide=False, **{f"{self.orm_path}__in": chosen}
        )

    def dsl(self, column: str, chosen: tuple[str, ...]) -> dict:
        return {"terms": {column: [*chosen, NATIONWIDE]}}

    def orm_count_queries(self, queryset: QuerySet) -> list[QuerySet]:
        nationwide = self._grouped(
            queryset.filter(offered_nationwide=True), Value(NATIONWIDE), f"{self.name}:nationwide"
        )
        return [*super().orm_count_queries(queryset.filter(offered_nationwide=False)), nationwide]

    def counts_from_rows(self, rows: list[tuple[str, str | None, int]]) -> dict[str, int]:
        nationwide = sum(n for name, _, n in rows if name.endswith(":nationwide"))
        regional = super().counts_from_rows(
            [row for row in rows if not row[0].endswith(":nationwide")]
        )
        return {value: n + nationwide for value, n in regional.items()}

    def bucket_counts(self, buckets: list[dict]) -> dict[str, int]:
        nationwide = next((b["doc_count"] for b in buckets if b["key"] == NATIONWIDE), 0)
        regional = super().bucket_counts([b for b in buckets if b["key"] != NATIONWIDE])
        return {value: n + nationwide for value, n in regional.items()}


@dataclass(frozen=True)
class YearFacet(TermsFacet):
    """Publication year: the values are the years that occur, newest first."""

    def values(self) -> list[str]:
        return [str(year) for year in self.choices()]

    def orm_q(self, chosen: tuple[str, ...]) -> Q:
        return Q(**{f"{self.orm_path}__year__in": [int(year) for year in chosen]})

    def dsl(self, column: str, chosen: tuple[str, ...]) -> dict:
        return {"terms": {column: [int(year) for year in chosen]}}

    def orm_count_queries(self, queryset: QuerySet) -> list[QuerySet]:
        dated = queryset.exclude(**{f"{self.orm_path}__isnull": True})
        return [self._grouped(dated, ExtractYear(self.orm_path))]


@dataclass(frozen=True)
class RangeFilter:
    """An inclusive numeric bound on one field (minimum or maximum)."""

    name: str
    index_field: str
    orm_field: str
    bound: str  # "gte" or "lte"

    def orm_q(self, value) -> Q:
        return Q(**{f"{self.orm_field}__{self.bound}": value})

    def dsl(self, column: str, value) -> dict:
        return {"range": {column: {self.bound: float(value)}}}


@dataclass(frozen=True)
class FlagFilter:
    """A yes-only filter on a boolean field, such as free of charge."""

    name: str
    index_field: str
    orm_field: str

    def orm_q(self, value) -> Q:
        return Q(**{self.orm_field: True})

    def dsl(self, column: str, value) -> dict:
        return {"term": {column: True}}
