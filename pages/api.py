"""The headless API (Wagtail API v2): pages, images and documents.

Optional apps add endpoints through the `register_api_endpoints` hook, which receives the
router, so the core never imports them; through the `register_hidden_pages` hook they name
live pages the site no longer serves (an expired catalog entry), which the pages API leaves out.
"""

from wagtail import hooks
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """The pages API, without the pages an app says the site no longer serves."""

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        for hidden_pages in hooks.get_hooks("register_hidden_pages"):
            queryset = queryset.exclude(pk__in=hidden_pages())
        return queryset


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)

for register_endpoints in hooks.get_hooks("register_api_endpoints"):
    register_endpoints(api_router)
