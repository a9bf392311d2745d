"""URL configuration: the core site, the headless API, and each installed optional app."""

from django.apps import apps
from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap
from wagtail.documents import urls as wagtaildocs_urls

from pages.api import api_router

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": Sitemap}}),
]

# An optional app that publishes URLs names its module in its AppConfig (`url_module`);
# the core only ever reaches it through include(), so the app can be left out.
for app_config in apps.get_app_configs():
    url_module = getattr(app_config, "url_module", None)
    if url_module:
        urlpatterns.append(path("", include(url_module)))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns.append(path("", include(wagtail_urls)))
