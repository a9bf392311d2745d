"""JSON shapes of catalog and resource-library results."""

from curricula.models import CurriculumPage
from pages.models import ResourcePage

from .selectors import SearchResult


def _slugs(terms) -> list[str]:
    return [term.slug for term in terms.all()]


def _absolute_url(page, request) -> str:
    """The page's address on the host the client used (the Site record may name another)."""
    return request.build_absolute_uri(page.get_url(request))


def _date(value) -> str | None:
    return value.isoformat() if value else None


def curriculum_json(page: CurriculumPage, request) -> dict:
    return {
        "id": page.pk,
        "title": page.title,
        "slug": page.slug,
        "url": _absolute_url(page, request),
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
    }


def _approved_version(page: CurriculumPage) -> dict | None:
    if page.approved_version_number is None:
        return None
    return {
        "number": page.approved_version_number,
        "date": _date(page.approved_version_date),
    }


def resource_json(page: ResourcePage, request) -> dict:
    return {
        "id": page.pk,
        "title": page.title,
        "slug": page.slug,
        "url": _absolute_url(page, request),
        "summary": page.summary,
        "topics": _slugs(page.topic_areas),
        "resource_type": page.resource_type.slug,
        "publisher": page.publisher,
        "publication_date": _date(page.publication_date),
        "external_url": page.external_url or None,
    }


def result_json(result: SearchResult, request, item_json) -> dict:
    return {
        "count": result.total,
        "page": result.query.page,
        "page_size": result.query.page_size,
        "num_pages": result.num_pages,
        "results": [item_json(item, request) for item in result.items],
        "facets": result.facets,
    }
