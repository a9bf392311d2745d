"""The catalog's own screens beside the search: curricula side by side."""

from django.template.response import TemplateResponse

from .selectors import curricula_in_catalog_by_id

MAX_COMPARED = 4


def catalog_compare(request, *, catalog) -> TemplateResponse:
    """Up to four curricula side by side, chosen with repeated ?id= parameters."""
    raw = [value.strip() for value in request.GET.getlist("id") if value.strip()]
    problems = _compare_problems(raw)
    curricula = [] if problems else curricula_in_catalog_by_id(ids=_unique_ids(raw))
    missing = 0 if problems else len(_unique_ids(raw)) - len(curricula)
    context = {
        "page": catalog,
        "self": catalog,
        "curricula": curricula,
        "problems": problems,
        "missing": missing,
        "max_compared": MAX_COMPARED,
    }
    return TemplateResponse(
        request, "curricula/compare.html", context, status=400 if problems else 200
    )


def _compare_problems(raw: list[str]) -> list[str]:
    if any(not value.isdigit() for value in raw):
        return ["A curriculum to compare was not recognised; choose them again from the catalog."]
    if len(set(raw)) > MAX_COMPARED:
        return [f"Choose at most {MAX_COMPARED} curricula to compare; you chose {len(set(raw))}."]
    return []


def _unique_ids(raw: list[str]) -> list[int]:
    return list(dict.fromkeys(int(value) for value in raw))
