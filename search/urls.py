from django.urls import path

from . import api, views

urlpatterns = [
    path("search/", views.site_search, name="site-search"),
    path("api/v2/catalog/", api.catalog_api, name="catalog-api"),
    path("api/v2/resources/", api.resources_api, name="resources-api"),
    path("api/v2/openapi.json", api.openapi_schema, name="openapi-schema"),
]
