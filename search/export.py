"""The catalog's current results as a CSV file, safe to open in a spreadsheet."""

from django.http import HttpResponse

from pages.csvsafe import csv_writer


def _names(related) -> str:
    return "; ".join(term.name for term in related.all())


CATALOG_COLUMNS = (
    ("Title", lambda page, request: page.title),
    ("Provider", lambda page, request: page.provider_name),
    ("Provider type", lambda page, request: page.provider_type.name),
    ("Hours", lambda page, request: f"{page.duration_hours.normalize():f}"),
    ("Cost", lambda page, request: page.cost_label),
    ("Delivery", lambda page, request: _names(page.delivery_methods)),
    ("Where offered", lambda page, request: page.where_offered.replace(", ", "; ")),
    ("Audiences", lambda page, request: _names(page.audiences)),
    ("Core topic areas", lambda page, request: _names(page.topic_areas)),
    ("Approved on", lambda page, request: page.approval_date.isoformat()),
    (
        "Valid until",
        lambda page, request: page.expiry_date.isoformat() if page.expiry_date else "",
    ),
    ("Standards version", lambda page, request: page.standards_version),
    ("Summary", lambda page, request: page.summary),
    ("Address", lambda page, request: page.get_full_url(request)),
)


def catalog_csv_response(request, items, *, filename: str) -> HttpResponse:
    """A CSV download with one row per curriculum and a header row."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv_writer(response)
    writer.writerow([name for name, _ in CATALOG_COLUMNS])
    for page in items:
        writer.writerow([str(value(page, request)) for _, value in CATALOG_COLUMNS])
    return response
