"""How search plugs into the core: it serves the catalog and resource-library pages."""

from datetime import timedelta

from wagtail import hooks

from pages.scheduler import ScheduledTask

from .tasks import search_reconcile
from .views import listing_for, serve_listing


@hooks.register("before_serve_page")
def serve_search_listings(page, request, serve_args, serve_kwargs):
    listing = listing_for(page)
    # A listing page's own sub-routes (the catalog's comparison) are not searches.
    route = getattr(request, "routable_resolver_match", None)
    if listing is not None and (route is None or route.url_name == "index_route"):
        return serve_listing(request, page, listing)
    return None


@hooks.register("register_scheduled_tasks")
def register_search_schedule():
    # An index that missed updates while its cluster was down is repaired once it is back.
    return [ScheduledTask("search_reconcile", search_reconcile, interval=timedelta(minutes=10))]
