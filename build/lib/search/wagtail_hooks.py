"""How search plugs into the core: it serves the catalog and resource-library pages."""

from wagtail import hooks

from .views import listing_for, serve_listing


@hooks.register("before_serve_page")
def serve_search_listings(page, request, serve_args, serve_kwargs):
    listing = listing_for(page)
    if listing is not None:
        return serve_listing(request, page, listing)
    return None
