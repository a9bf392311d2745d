"""The headless API (Wagtail API v2): pages, images and documents.

Optional apps add endpoints through the `register_api_endpoints` hook, which receives the
router, so the core never imports them.
"""

from wagtail import hooks
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from .api_guards import BoundedPagination, SafeParametersMixin, safe_filters


class PagesEndpoint(SafeParametersMixin, PagesAPIViewSet):
    """The pages API, without the pages an app says the site no longer serves."""

    filter_backends = safe_filters(PagesAPIViewSet.filter_backends)
    pagination_class = BoundedPagination

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        for hidden_pages in hooks.get_hooks("register_hidden_pages"):
            queryset = queryset.exclude(pk__in=hidden_pages())
        return queryset


class ImagesEndpoint(SafeParametersMixin, ImagesAPIViewSet):
    filter_backends = safe_filters(ImagesAPIViewSet.filter_backends)
    pagination_class = BoundedPagination


class DocumentsEndpoint(SafeParametersMixin, DocumentsAPIViewSet):
    filter_backends = safe_filters(DocumentsAPIViewSet.filter_backends)
    pagination_class = BoundedPagination


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesEndpoint)
api_router.register_endpoint("images", ImagesEndpoint)
api_router.register_endpoint("documents", DocumentsEndpoint)

for register_endpoints in hooks.get_hooks("register_api_endpoints"):
    register_endpoints(api_router)
