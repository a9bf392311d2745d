"""The catalog and resource-library pages, rendered with search, filters and facet counts."""

from collections.abc import Callable
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.http import QueryDict
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from pages.caching import fragments_pinned

from .collections import CATALOG, RESOURCES, Collection
from .engines import SearchQuery, SearchUnavailable
from .export import catalog_csv_response
from .forms import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    MAX_QUERY_LENGTH,
    MAX_RESULT_WINDOW,
    SearchForm,
)
from .results import curriculum_result, resource_result
from .selectors import (
    PageOutOfRange,
    SearchResult,
    catalog_card_search,
    catalog_search,
    resource_card_search,
)
from .site import site_search_page, site_search_text

# Seconds a client is asked to wait before trying a search again while no engine can answer.
RETRY_AFTER_SECONDS = 30

# Page links shown either side of the current page in the numbered pagination.
PAGINATION_NEIGHBOURS = 2


@dataclass(frozen=True)
class Listing:
    """A listing page: its collection, the search that finds its stored result cards, how a
    card is shown, its template and, if it offers a CSV download, the search behind that."""

    collection: Collection
    search: Callable[[SearchQuery], SearchResult]
    result: Callable
    template: str
    # The CSV reads whole pages (provider type names, full addresses), not cards.
    csv_search: Callable[[SearchQuery], SearchResult] | None = None


LISTINGS = {
    "curricula.CatalogPage": Listing(
        CATALOG,
        catalog_card_search,
        curriculum_result,
        "search/catalog_page.html",
        csv_search=catalog_search,
    ),
    "pages.ResourceLibraryPage": Listing(
        RESOURCES, resource_card_search, resource_result, "search/resource_library_page.html"
    ),
}


def listing_for(page) -> Listing | None:
    return LISTINGS.get(page._meta.label)


def serve_listing(request, page, listing: Listing) -> TemplateResponse:
    """Render a listing page; bad parameters get a friendly message and a 400, with results for the rest."""
    with fragments_pinned():
        try:
            return _listing_response(request, page, listing)
        except SearchUnavailable:
            return search_unavailable_response(request, page=page)


def search_unavailable_response(request, *, page=None) -> TemplateResponse:
    """The designed page for a search no engine can answer: 503, to be tried again soon."""
    response = TemplateResponse(
        request, "search/unavailable.html", {"page": page, "self": page}, status=503
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def _listing_response(request, page, listing: Listing) -> TemplateResponse:
    form = SearchForm.for_collection(listing.collection, _page_in_window(request.GET))
    valid = form.is_valid()
    query = form.to_query() if valid else form.usable_query()
    if valid and listing.csv_search and request.GET.get("format") == "csv":
        everything = listing.csv_search(replace(query, page=1, page_size=MAX_RESULT_WINDOW))
        return catalog_csv_response(request, everything.items, filename=f"{page.slug}.csv")
    result = _search_in_range(listing.search, query)
    result = replace(result, items=[listing.result(card) for card in result.items])
    context = {
        "page": page,
        "self": page,
        "form": form,
        "collection": listing.collection,
        "result": result,
        "facet_groups": _facet_groups(listing.collection, query, result),
        "chips": _chips(listing.collection, form, query),
        "page_links": _page_links(result),
    }
    if not valid:
        context["problems"] = _problems(form)
    return TemplateResponse(request, listing.template, context, status=200 if valid else 400)


def _page_in_window(params: QueryDict) -> QueryDict:
    """The parameters with a page number brought within the pages that can be shown."""
    page, size = params.get("page", "").strip(), params.get("page_size", "").strip()
    if not page.lstrip("-").isdigit():
        return params
    size = int(size) if size.isdigit() and int(size) > 0 else DEFAULT_PAGE_SIZE
    deepest = max(1, MAX_RESULT_WINDOW // min(size, MAX_PAGE_SIZE))
    params = params.copy()
    params["page"] = str(min(max(int(page), 1), deepest))
    return params


def _search_in_range(search, query: SearchQuery) -> SearchResult:
    """The requested page of results, or the last page when the request goes past it."""
    try:
        return search(query)
    except PageOutOfRange:
        first = search(replace(query, page=1))
        if first.num_pages == 1:
            return first
        return search(replace(query, page=first.num_pages))


def _problems(form: SearchForm) -> list[str]:
    messages = []
    for name, errors in form.errors.items():
        label = form.field_label(name)
        messages.extend(f"{label}: {error}" for error in errors)
    return messages


def _facet_groups(collection: Collection, query: SearchQuery, result) -> list[dict]:
    """Each facet with its options: value, label, count and whether it is chosen."""
    groups = []
    for facet in collection.facets:
        chosen = set(query.facet_values.get(facet.name, ()))
        labels = dict(facet.choices()) if facet.name != "year" else {}
        groups.append(
            {
                "name": facet.name,
                "label": facet.label,
                "chosen_count": len(chosen),
                "options": [
                    {
                        "value": value,
                        "label": labels.get(value, value),
                        "count": count,
                        "chosen": value in chosen,
                    }
                    for value, count in result.facets[facet.name].items()
                ],
            }
        )
    return groups


def _chips(collection: Collection, form: SearchForm, query: SearchQuery) -> list[dict]:
    """The filters in force, each with the address of the same search without it."""
    active = []
    if query.text:
        active.append(("q", form.data.get("q", ""), f"Search: “{query.text}”"))
    for facet in collection.facets:
        labels = dict(facet.choices()) if facet.name != "year" else {}
        for value in query.facet_values.get(facet.name, ()):
            active.append((facet.name, value, f"{facet.label}: {labels.get(value, value)}"))
    for name, value in query.filter_values.items():
        active.append((name, form.data.get(name, ""), _filter_chip_label(form, name, value)))
    kept = _kept_parameters(form, collection)
    return [
        {"label": label, "url": "?" + urlencode([p for p in kept if p != (name, value)])}
        for name, value, label in active
    ]


def _filter_chip_label(form: SearchForm, name: str, value) -> str:
    if name == "cost":
        return "Free of charge"
    return f"{form.field_label(name)}: {value.normalize():f}"


def _kept_parameters(form: SearchForm, collection: Collection) -> list[tuple[str, str]]:
    """The non-empty parameters of the search in force, page aside, in the order sent."""
    known = {"q", "sort", "page_size", *(f.name for f in collection.facets)}
    known |= {f.name for f in collection.filters}
    valid = form.cleaned_data
    return [
        (name, value)
        for name, values in form.data.lists()
        if name in known and name in valid
        for value in values
        if value.strip()
    ]


def _page_links(result: SearchResult) -> list[int | None]:
    """Page numbers to link: the first, the last and the current one's neighbours; None marks a gap."""
    current, last = result.query.page, result.num_pages
    shown = {1, last, *range(current - PAGINATION_NEIGHBOURS, current + PAGINATION_NEIGHBOURS + 1)}
    numbers = sorted(number for number in shown if 1 <= number <= last)
    links: list[int | None] = []
    for number in numbers:
        if links and number - links[-1] > 1:
            links.append(None)
        links.append(number)
    return links


SITE_SEARCH_PER_PAGE = 10


def site_search(request) -> TemplateResponse:
    """/search/: pages, news, resources and curricula matching the words, ten at a time."""
    text = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    words = site_search_text(text)
    results = None
    if words:
        try:
            results = site_search_page(
                text=words, number=request.GET.get("page"), per_page=SITE_SEARCH_PER_PAGE
            )
        except SearchUnavailable:
            return search_unavailable_response(request)
    context = {
        "query": text,
        "words": words,
        "results": results,
        "query_prefix": urlencode({"q": words}) + "&",
    }
    return TemplateResponse(request, "search/site_search.html", context)
