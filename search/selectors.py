"""Reads for the catalog and the resource library, used by the pages and the API alike."""

from dataclasses import dataclass

from curricula.models import CurriculumPage
from pages.models import ResourcePage

from .cards import curricula_with_terms, resources_with_terms, result_cards_for
from .collections import CATALOG, RESOURCES, Collection
from .engines import SearchQuery, search_engine


class PageOutOfRange(ValueError):
    """The requested page lies beyond the last page of results."""


@dataclass(frozen=True)
class SearchResult:
    """One page of results with the total, facet counts and the engine that answered."""

    query: SearchQuery
    total: int
    items: list
    facets: dict[str, dict[str, int]]
    engine: str

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.query.page_size))

    @property
    def has_next(self) -> bool:
        return self.query.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.query.page > 1


def catalog_search(query: SearchQuery) -> SearchResult:
    """Approved, unexpired curricula matching the query, with facet counts."""
    return _collection_search(CATALOG, query, _load_curricula)


def resource_search(query: SearchQuery) -> SearchResult:
    """Published resources matching the query, with facet counts."""
    return _collection_search(RESOURCES, query, _load_resources)


def catalog_card_search(query: SearchQuery) -> SearchResult:
    """`catalog_search` with each result as its stored card rather than its page."""
    return _collection_search(CATALOG, query, _cards(CurriculumPage))


def resource_card_search(query: SearchQuery) -> SearchResult:
    """`resource_search` with each result as its stored card rather than its page."""
    return _collection_search(RESOURCES, query, _cards(ResourcePage))


def _cards(model):
    return lambda ids: result_cards_for(model=model, ids=ids)


def _collection_search(collection: Collection, query: SearchQuery, load) -> SearchResult:
    result = search_engine().run(collection, query)
    if query.page > 1 and query.offset >= result.total:
        raise PageOutOfRange(f"Page {query.page} is beyond the last page of results.")
    pages = load(result.ids)
    items = [pages[pk] for pk in result.ids if pk in pages]
    return SearchResult(query, result.total, items, result.facets, result.engine)


def _load_curricula(ids: list[int]) -> dict[int, CurriculumPage]:
    return {page.pk: page for page in curricula_with_terms(ids)}


def _load_resources(ids: list[int]) -> dict[int, ResourcePage]:
    return {page.pk: page for page in resources_with_terms(ids)}
