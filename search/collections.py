"""What can be searched: the catalog of approved curricula and the resource library."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import F, QuerySet

from curricula.models import CurriculumPage
from pages.caching import kept_fragment, public_pages
from pages.models import (
    Audience,
    DeliveryMethod,
    ProviderType,
    ResourcePage,
    ResourceType,
    TopicArea,
    USState,
)

from .facets import FlagFilter, RangeFilter, StateFacet, TermsFacet, YearFacet


@dataclass(frozen=True)
class Sort:
    """An ordering: by relevance (no field) or by an indexed field."""

    name: str
    label: str
    orm_order: tuple = ()  # field names or ORM expressions
    index_field: str = ""
    descending: bool = False


@dataclass(frozen=True)
class Collection:
    """A searchable set of pages, its filters, facets and orderings."""

    name: str
    model: type
    base_queryset: Callable[[], QuerySet]
    facets: tuple[TermsFacet, ...]
    filters: tuple[RangeFilter | FlagFilter, ...]
    sorts: tuple[Sort, ...]
    # The fields text is matched in, with their weights (the search engine's; the database
    # weighs the same columns of its own index the same way).
    text_fields: tuple[tuple[str, float], ...] = (("title", 10.0), ("summary", 1.0))

    def facet(self, name: str) -> TermsFacet:
        return next(facet for facet in self.facets if facet.name == name)

    def sort(self, name: str) -> Sort:
        return next(sort for sort in self.sorts if sort.name == name)


def _terms(model) -> Callable[[], list[tuple[str, str]]]:
    return lambda: kept_fragment(
        f"terms:{model._meta.label}", lambda: list(model.objects.values_list("slug", "name"))
    )


def _states() -> list[tuple[str, str]]:
    return kept_fragment(
        "states", lambda: list(USState.objects.order_by("code").values_list("code", "name"))
    )


def _publication_years() -> list[int]:
    return kept_fragment("resource-years", _publication_years_uncached)


def _publication_years_uncached() -> list[int]:
    dates = ResourcePage.objects.live().public().exclude(publication_date__isnull=True)
    return sorted({date.year for date in dates.dates("publication_date", "year")}, reverse=True)


RELEVANCE = Sort("relevance", "Best match")
TITLE = Sort("title", "Title (A–Z)", ("title", "pk"), "title")

CATALOG = Collection(
    name="catalog",
    model=CurriculumPage,
    base_queryset=lambda: public_pages(CurriculumPage.objects.in_catalog(public=False)),
    text_fields=(("title", 10.0), ("provider_name", 4.0), ("summary", 1.0)),
    facets=(
        TermsFacet("topic", "topic_slugs", "topic_areas__slug", _terms(TopicArea), "Topic area"),
        TermsFacet("audience", "audience_slugs", "audiences__slug", _terms(Audience), "Audience"),
        TermsFacet(
            "delivery",
            "delivery_slugs",
            "delivery_methods__slug",
            _terms(DeliveryMethod),
            "Delivery method",
        ),
        TermsFacet(
            "provider_type",
            "provider_type_slug",
            "provider_type__slug",
            _terms(ProviderType),
            "Provider type",
        ),
        StateFacet("state", "state_codes", "states__code", _states, "State"),
    ),
    filters=(
        FlagFilter("cost", "is_free", "is_free"),
        RangeFilter("min_hours", "duration_hours", "duration_hours", "gte"),
        RangeFilter("max_hours", "duration_hours", "duration_hours", "lte"),
    ),
    sorts=(
        RELEVANCE,
        Sort(
            "newest", "Newest approval", ("-approval_date", "title", "pk"), "approval_date", True
        ),
        TITLE,
    ),
)

RESOURCES = Collection(
    name="resources",
    model=ResourcePage,
    base_queryset=lambda: public_pages(ResourcePage.objects.live()),
    text_fields=(("title", 10.0), ("publisher", 1.0), ("summary", 1.0)),
    facets=(
        TermsFacet("topic", "topic_slugs", "topic_areas__slug", _terms(TopicArea), "Topic area"),
        TermsFacet(
            "type", "resource_type_slug", "resource_type__slug", _terms(ResourceType), "Type"
        ),
        YearFacet("year", "publication_year", "publication_date", _publication_years, "Year"),
    ),
    filters=(),
    sorts=(
        RELEVANCE,
        Sort(
            "newest",
            "Newest",
            # Undated resources last on every database (PostgreSQL puts NULLs first otherwise).
            (F("publication_date").desc(nulls_last=True), "title", "pk"),
            "publication_date",
            True,
        ),
        TITLE,
    ),
)
