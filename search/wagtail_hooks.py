"""How search plugs into the core: it serves the catalog and resource-library pages."""

from wagtail import hooks

from .views import listing_for, serve_listing


@hooks.register("before_serve_page")
def serve_search_listings(page, request, serve_args, serve_kwargs):
    listing = listing_for(page)
    # A listing page's own sub-routes (the catalog's comparison) are not searches.
    route = getattr(request, "routable_resolver_match", None)
    if listing is not None and (route is None or route.url_name == "index_route"):
        return serve_listing(request, page, listing)
    return None
