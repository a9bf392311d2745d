"""JSON shapes of catalog and resource-library results.

A result's fields but its URL are its card (`search.cards`), built here from a page and
stored; the URL is added per request, for the host the client used. A card also holds what the
listing pages show beside those fields (`search.results`); the API leaves that out.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import quote

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.http import RFC3986_SUBDELIMS
from wagtail.models import Page, Site
from wagtail.models import pages as wagtail_pages

from .openapi import CURRICULUM_SCHEMA, RESOURCE_SCHEMA

if TYPE_CHECKING:
    from curricula.models import CurriculumPage
    from pages.models import ResourcePage

    from .cards import Card
    from .selectors import SearchResult


def _slugs(terms) -> list[str]:
    return [term.slug for term in terms.all()]


def _date(value) -> str | None:
    return value.isoformat() if value else None


def curriculum_card(page: CurriculumPage) -> dict:
    """A curriculum's result card: every field of its API result but the URL, and the
    standards version the catalog page shows."""
    return {
        "id": page.pk,
        "title": page.title,
        "slug": page.slug,
        "provider": page.provider_name,
        "provider_type": page.provider_type.slug,
        "summary": page.summary,
        "topics": _slugs(page.topic_areas),
        "audiences": _slugs(page.audiences),
        "delivery_methods": _slugs(page.delivery_methods),
        "duration_hours": float(page.duration_hours),
        "cost": page.cost_label,
        "states": page.state_codes,
        "approval_date": _date(page.approval_date),
        "expiry_date": _date(page.expiry_date),
        "approval_status": page.approval_status or None,
        "verification_code": page.verification_code or None,
        "verification_url": page.verification_url or None,
        "approved_version": _approved_version(page),
        "standards_version": page.standards_version,
    }


def _approved_version(page: CurriculumPage) -> dict | None:
    if page.approved_version_number is None:
        return None
    return {
        "number": page.approved_version_number,
        "date": _date(page.approved_version_date),
    }


def resource_card(page: ResourcePage) -> dict:
    """A resource's result card: every field of its API result but the URL."""
    return {
        "id": page.pk,
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "topics": _slugs(page.topic_areas),
        "resource_type": page.resource_type.slug,
        "publisher": page.publisher,
        "publication_date": _date(page.publication_date),
        "external_url": page.external_url or None,
    }


class PagePath:
    """A page known by its tree path, answering Wagtail's own URL rules (`get_url_parts`,
    `get_url`, `url`) without building a page: a `Page()` costs about 0.4 ms, which for twenty
    results was a third of an API request."""

    def __init__(self, url_path: str):
        self.url_path = url_path

    _get_site_root_paths = Page._get_site_root_paths
    _get_relevant_site_root_paths = Page._get_relevant_site_root_paths
    get_url_parts = Page.get_url_parts
    get_url = Page.get_url
    url = Page.url


def page_url(url_path: str, request) -> str | None:
    """The address of the page with this tree path, as `Page.get_url(request)` gives it, on the
    host the client used (the Site record may name another).

    On one site without translations (the usual case) the address is the site's serving prefix
    followed by the path below the site root, quoted as `reverse()` quotes it: reversing once per
    request instead of once per result. Anything else follows Wagtail's own rules, run on a
    stand-in holding only the path.
    """
    single = _single_site(request)
    if single is not None:
        root_path, serve_prefix = single
        below_root = url_path[len(root_path) :]
        if url_path.startswith(root_path) and _SERVED_PATH.fullmatch(below_root):
            relative = serve_prefix + quote(below_root, safe=_REVERSE_SAFE)
            if not wagtail_pages.WAGTAIL_APPEND_SLASH and relative != "/":
                relative = relative.rstrip("/")
            return request.build_absolute_uri(relative)
    page = PagePath(url_path)
    if _site_count(request) == 1:
        parts = page.get_url_parts(request)
        relative = parts[2] if parts else None
    else:
        relative = page.get_url(request)
    return request.build_absolute_uri(relative) if relative is not None else None


# Wagtail's serving URL pattern (`wagtail.urls.serve_pattern`) and the characters `reverse()`
# leaves unquoted.
_SERVED_PATH = re.compile(r"(?:[\w\-]+/)*")
_REVERSE_SAFE = RFC3986_SUBDELIMS + "/~:@"


def _single_site(request) -> tuple[str, str] | None:
    """The only site's root path and serving prefix, or None when addresses need more than that
    (several sites, translations, or no serving view)."""
    if not hasattr(request, "_result_single_site"):
        request._result_single_site = None
        roots = Site.get_site_root_paths()
        if len(roots) == 1 and not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            try:
                serve_prefix = reverse("wagtail_serve", args=("",))
            except NoReverseMatch:
                return None
            request._result_single_site = (roots[0].root_path, serve_prefix)
    return request._result_single_site


def _site_count(request) -> int:
    if not hasattr(request, "_result_site_count"):
        request._result_site_count = len({root.site_id for root in Site.get_site_root_paths()})
    return request._result_site_count


def _card_json(schema: dict) -> callable:
    fields = list(schema["properties"])

    def card_json(card: Card, request) -> dict:
        data = {**card.data, "url": page_url(card.url_path, request)}
        # In the documented order, whatever order the database kept the card's keys in.
        return {name: data[name] for name in fields}

    return card_json


curriculum_json = _card_json(CURRICULUM_SCHEMA)
resource_json = _card_json(RESOURCE_SCHEMA)


def result_json(result: SearchResult, request, item_json) -> dict:
    return {
        "count": result.total,
        "page": result.query.page,
        "page_size": result.query.page_size,
        "num_pages": result.num_pages,
        "results": [item_json(item, request) for item in result.items],
        "facets": result.facets,
    }
