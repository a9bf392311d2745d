"""The catalog and resource-library pages, rendered with search, filters and facet counts."""

from dataclasses import dataclass

from django.template.response import TemplateResponse

from .collections import CATALOG, RESOURCES, Collection
from .forms import SearchForm
from .selectors import PageOutOfRange, catalog_search, resource_search


@dataclass(frozen=True)
class Listing:
    collection: Collection
    search: object
    template: str


LISTINGS = {
    "curricula.CatalogPage": Listing(CATALOG, catalog_search, "search/catalog_page.html"),
    "pages.ResourceLibraryPage": Listing(
        RESOURCES, resource_search, "search/resource_library_page.html"
    ),
}


def listing_for(page) -> Listing | None:
    return LISTINGS.get(page._meta.label)


def serve_listing(request, page, listing: Listing) -> TemplateResponse:
    """Render a listing page; bad parameters get a friendly message and a 400."""
    form = SearchForm.for_collection(listing.collection, request.GET)
    context = {"page": page, "self": page, "form": form, "collection": listing.collection}
    if not form.is_valid():
        context["problems"] = _problems(form)
        return TemplateResponse(request, listing.template, context, status=400)
    try:
        result = listing.search(form.to_query())
    except PageOutOfRange:
        context["problems"] = ["That page number is past the last page of results."]
        return TemplateResponse(request, listing.template, context, status=400)
    context.update(result=result, facet_groups=_facet_groups(listing.collection, form, result))
    return TemplateResponse(request, listing.template, context)


def _problems(form: SearchForm) -> list[str]:
    messages = []
    for name, errors in form.errors.items():
        label = "Search" if name == "__all__" else name.replace("_", " ")
        messages.extend(f"{label}: {error}" for error in errors)
    return messages


def _facet_groups(collection: Collection, form: SearchForm, result) -> list[dict]:
    """Each facet with its options: value, label, count and whether it is chosen."""
    groups = []
    for facet in collection.facets:
        chosen = set(form.cleaned_data.get(facet.name) or [])
        labels = dict(facet.choices()) if facet.name != "year" else {}
        groups.append(
            {
                "name": facet.name,
                "label": facet.label,
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
