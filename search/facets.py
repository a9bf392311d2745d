"""Filters over a collection, each translated for the database engine and the search engine's DSL.

For the database engine a facet loads, once per content version, the set of pages holding each
of its values (`load`); a request then selects and counts with set operations. Both
translations answer the same question, so the database and OpenSearch return the same results
and the same counts.
"""

import bisect
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet

NATIONWIDE = "nationwide"

PageIds = frozenset[int]


def pages_by_value(rows: Iterable[tuple[int, object]]) -> dict[str, PageIds]:
    """{value: the pages holding it} from (page id, value) rows; a missing value is skipped."""
    grouped = defaultdict(set)
    for pk, value in rows:
        if value is not None:
            grouped[str(value)].add(pk)
    return {value: frozenset(pks) for value, pks in grouped.items()}


def union(sets: Iterable[PageIds]) -> PageIds:
    return frozenset().union(*sets)


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

    def load(self, members: QuerySet) -> dict[str, PageIds]:
        return pages_by_value(members.values_list("pk", self.orm_path))

    def select(self, loaded, chosen: tuple[str, ...]) -> PageIds:
        return union(loaded.get(value, frozenset()) for value in chosen)

    def count(self, loaded, pages: PageIds) -> dict[str, int]:
        return self._complete({value: len(pages & holding) for value, holding in loaded.items()})

    def dsl(self, column: str, chosen: tuple[str, ...]) -> dict:
        return {"terms": {column: list(chosen)}}

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

    def load(self, members: QuerySet) -> tuple[dict[str, PageIds], PageIds]:
        regional = super().load(members.filter(offered_nationwide=False))
        nationwide = frozenset(
            members.filter(offered_nationwide=True).values_list("pk", flat=True)
        )
        return regional, nationwide

    def select(self, loaded, chosen: tuple[str, ...]) -> PageIds:
        regional, nationwide = loaded
        return nationwide | super().select(regional, chosen)

    def count(self, loaded, pages: PageIds) -> dict[str, int]:
        regional, nationwide = loaded
        everywhere = len(pages & nationwide)
        return {value: n + everywhere for value, n in super().count(regional, pages).items()}

    def dsl(self, column: str, chosen: tuple[str, ...]) -> dict:
        return {"terms": {column: [*chosen, NATIONWIDE]}}

    def bucket_counts(self, buckets: list[dict]) -> dict[str, int]:
        nationwide = next((b["doc_count"] for b in buckets if b["key"] == NATIONWIDE), 0)
        regional = super().bucket_counts([b for b in buckets if b["key"] != NATIONWIDE])
        return {value: n + nationwide for value, n in regional.items()}


@dataclass(frozen=True)
class YearFacet(TermsFacet):
    """Publication year: the values are the years that occur, newest first."""

    def values(self) -> list[str]:
        return [str(year) for year in self.choices()]

    def load(self, members: QuerySet) -> dict[str, PageIds]:
        dated = members.values_list("pk", self.orm_path)
        return pages_by_value((pk, date.year if date else None) for pk, date in dated)

    def dsl(self, column: str, chosen: tuple[str, ...]) -> dict:
        return {"terms": {column: [int(year) for year in chosen]}}


@dataclass(frozen=True)
class RangeFilter:
    """An inclusive numeric bound on one field (minimum or maximum)."""

    name: str
    index_field: str
    orm_field: str
    bound: str  # "gte" or "lte"

    def load(self, members: QuerySet) -> tuple[list, list[int]]:
        """The field's values in ascending order, and the page holding each."""
        rows = sorted(
            members.exclude(**{f"{self.orm_field}__isnull": True}).values_list(
                self.orm_field, "pk"
            )
        )
        return [value for value, _ in rows], [pk for _, pk in rows]

    def select(self, loaded, value) -> PageIds:
        values, pks = loaded
        if self.bound == "gte":
            return frozenset(pks[bisect.bisect_left(values, value) :])
        return frozenset(pks[: bisect.bisect_right(values, value)])

    def dsl(self, column: str, value) -> dict:
        return {"range": {column: {self.bound: float(value)}}}


@dataclass(frozen=True)
class FlagFilter:
    """A yes-only filter on a boolean field, such as free of charge."""

    name: str
    index_field: str
    orm_field: str

    def load(self, members: QuerySet) -> PageIds:
        return frozenset(members.filter(**{self.orm_field: True}).values_list("pk", flat=True))

    def select(self, loaded, value) -> PageIds:
        return loaded

    def dsl(self, column: str, value) -> dict:
        return {"term": {column: True}}
