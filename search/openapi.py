"""An OpenAPI 3.1 description of the search API, built from the collections themselves."""

from wagtail import hooks

from .collections import CATALOG, RESOURCES, Collection
from .forms import (
    DEFAULT_PAGE_SIZE,
    MAX_HOURS,
    MAX_PAGE_SIZE,
    MAX_QUERY_LENGTH,
    MAX_RESULT_WINDOW,
)

_STRING = {"type": "string"}
_STRINGS = {"type": "array", "items": _STRING}
_DATE = {"type": ["string", "null"], "format": "date"}

CURRICULUM_SCHEMA = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "title": _STRING,
        "slug": _STRING,
        "url": {"type": "string", "format": "uri"},
        "provider": _STRING,
        "provider_type": _STRING,
        "summary": _STRING,
        "topics": _STRINGS,
        "audiences": _STRINGS,
        "delivery_methods": _STRINGS,
        "duration_hours": {"type": "number"},
        "cost": {"type": "string", "description": '"Free" or the fee'},
        "states": {**_STRINGS, "description": 'Two-letter codes, or ["nationwide"]'},
        "approval_date": _DATE,
        "expiry_date": _DATE,
        "approval_status": {
            "type": ["string", "null"],
            "enum": ["active", "expired", "suspended", "revoked", "superseded", None],
            "description": "Null for entries imported without a review",
        },
        "verification_code": {"type": ["string", "null"]},
        "verification_url": {"type": ["string", "null"], "format": "uri"},
        "approved_version": {
            "type": ["object", "null"],
            "properties": {"number": {"type": "integer"}, "date": _DATE},
        },
    },
}
RESOURCE_SCHEMA = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "title": _STRING,
        "slug": _STRING,
        "url": {"type": "string", "format": "uri"},
        "summary": _STRING,
        "topics": _STRINGS,
        "resource_type": _STRING,
        "publisher": _STRING,
        "publication_date": _DATE,
        "external_url": {"type": ["string", "null"], "format": "uri"},
    },
}
ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "error": _STRING,
        "fields": {"type": "object", "additionalProperties": _STRINGS},
    },
}


def _parameters(collection: Collection) -> list[dict]:
    parameters = [
        _param(
            "q",
            {"type": "string"},
            "Full-text query: plain words, each matching the beginning of a word; "
            f"quotes and operators are ignored, and only the first {MAX_QUERY_LENGTH} "
            "characters are read",
        ),
        *[
            _param(
                facet.name,
                {"type": "array", "items": {"type": "string", "enum": facet.values()}},
                f"{facet.label}: repeat to match any of several values",
                explode=True,
            )
            for facet in collection.facets
        ],
        *[_filter_param(search_filter.name) for search_filter in collection.filters],
        _param(
            "sort",
            {"type": "string", "enum": [sort.name for sort in collection.sorts]},
            "Default: relevance with q, newest without",
        ),
        _param(
            "page",
            {"type": "integer", "minimum": 1, "maximum": MAX_RESULT_WINDOW, "default": 1},
            f"Page number, up to the last page of results; page × page_size may not exceed "
            f"{MAX_RESULT_WINDOW:,}",
        ),
        _param(
            "page_size",
            {
                "type": "integer",
                "minimum": 1,
                "maximum": MAX_PAGE_SIZE,
                "default": DEFAULT_PAGE_SIZE,
            },
            "Results per page",
        ),
    ]
    return parameters


def _filter_param(name: str) -> dict:
    if name == "cost":
        return _param("cost", {"type": "string", "enum": ["free"]}, "Only free training")
    return _param(
        name,
        {"type": "number", "minimum": 0, "maximum": MAX_HOURS},
        f"{name.replace('_', ' ')} (inclusive); min_hours may not exceed max_hours",
    )


def _param(name, schema, description, explode=False) -> dict:
    parameter = {"name": name, "in": "query", "required": False, "schema": schema}
    parameter["description"] = description
    if explode:
        parameter.update(style="form", explode=True)
    return parameter


def _operation(collection: Collection, item_schema: dict, summary: str) -> dict:
    facets = {
        facet.name: {"type": "object", "additionalProperties": {"type": "integer"}}
        for facet in collection.facets
    }
    return {
        "get": {
            "summary": summary,
            "parameters": _parameters(collection),
            "responses": {
                "200": {
                    "description": "One page of results with facet counts",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "count": {"type": "integer"},
                                    "page": {"type": "integer"},
                                    "page_size": {"type": "integer"},
                                    "num_pages": {"type": "integer"},
                                    "results": {"type": "array", "items": item_schema},
                                    "facets": {"type": "object", "properties": facets},
                                },
                            }
                        }
                    },
                },
                "400": {
                    "description": "Invalid parameters, with a message per field",
                    "content": {"application/json": {"schema": ERROR_SCHEMA}},
                },
            },
        }
    }


def openapi_document(request) -> dict:
    """The OpenAPI document for the search endpoints and those other apps add."""
    document = {
        "openapi": "3.1.0",
        "info": {
            "title": "De-escalation Training Review search API",
            "version": "2",
            "description": "Search and filter the catalog of approved curricula and the "
            "resource library. Facet counts apply every other active filter.",
        },
        "servers": [{"url": request.build_absolute_uri("/")}],
        "paths": {
            "/api/v2/catalog/": _operation(
                CATALOG, CURRICULUM_SCHEMA, "Search approved, unexpired curricula"
            ),
            "/api/v2/resources/": _operation(
                RESOURCES, RESOURCE_SCHEMA, "Search the resource library"
            ),
        },
    }
    # Apps that add API endpoints describe them through this hook: a dict of paths each.
    for paths in hooks.get_hooks("register_openapi_paths"):
        document["paths"].update(paths())
    return document
