"""The search API: /api/v2/catalog/ and /api/v2/resources/, plus their OpenAPI description."""

from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET

from pages.caching import fragments_pinned

from .collections import CATALOG, RESOURCES
from .engines import SearchUnavailable
from .forms import SearchForm
from .openapi import openapi_document
from .selectors import PageOutOfRange, catalog_card_search, resource_card_search
from .serializers import curriculum_json, resource_json, result_json
from .views import RETRY_AFTER_SECONDS


def _search_response(request, collection, search, item_json) -> JsonResponse:
    with fragments_pinned():
        return _search_answer(request, collection, search, item_json)


def _search_answer(request, collection, search, item_json) -> JsonResponse:
    form = SearchForm.for_collection(collection, request.GET)
    if not form.is_valid():
        return JsonResponse(
            {"error": "Invalid search parameters.", "fields": form.error_messages()}, status=400
        )
    try:
        result = search(form.to_query())
    except PageOutOfRange as error:
        return JsonResponse({"error": str(error), "fields": {"page": [str(error)]}}, status=400)
    except SearchUnavailable:
        response = JsonResponse(
            {"error": "Search is unavailable for a moment. Please try again shortly."},
            status=503,
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        return response
    return JsonResponse(result_json(result, request, item_json))


@require_GET
def catalog_api(request):
    return _search_response(request, CATALOG, catalog_card_search, curriculum_json)


@require_GET
def resources_api(request):
    return _search_response(request, RESOURCES, resource_card_search, resource_json)


@require_GET
def openapi_schema(request):
    return JsonResponse(openapi_document(request))
