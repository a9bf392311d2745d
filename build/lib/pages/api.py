"""The headless API (Wagtail API v2): pages, images and documents.

Optional apps add endpoints through the `register_api_endpoints` hook, which receives the
router, so the core never imports them.
"""

from wagtail import hooks
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)

for register_endpoints in hooks.get_hooks("register_api_endpoints"):
    register_endpoints(api_router)
