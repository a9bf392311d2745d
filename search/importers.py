"""Bulk import of catalog entries and resources from CSV.

Every row is validated first; if any row has a problem, all problems are reported as
`line N: column: problem` and nothing is written. Rows update the page with the same
`external_id`, so importing a file twice creates no duplicates, and a row that changes nothing
writes nothing. Pages are written in batches (see `pages.bulk`); search and reference indexes
are brought up to date by one background task for all the pages written.
"""

import csv
import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from curricula.models import CatalogPage, CurriculumPage
from curricula.services import curriculum_pages_import
from pages.bulk import BulkResult, Progress, pages_bulk_publish
from pages.models import (
    Audience,
    DeliveryMethod,
    ProviderType,
    ResourceLibraryPage,
    ResourcePage,
    ResourceType,
    TopicArea,
    USState,
)

CURRICULUM_COLUMNS = [
    "external_id", "title", "provider", "provider_type", "summary", "audiences",
    "topic_areas", "delivery_methods", "duration_hours", "cost", "states",
    "approval_date", "expiry_date", "website",
]  # fmt: skip
RESOURCE_COLUMNS = [
    "external_id", "title", "summary", "topic_areas", "resource_type", "publisher",
    "publication_date", "url",
]  # fmt: skip
MULTI_SEPARATOR = ";"
FREE_WORDS = {"", "free", "no cost", "0", "$0"}


class ImportFailed(Exception):
    """The file cannot be imported; `problems` lists every reason, by line and column."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    rows: int = 0
    unchanged: int = 0


@dataclass
class RowErrors:
    line: int
    problems: list[str] = field(default_factory=list)

    def add(self, column: str, problem: str) -> None:
        self.problems.append(f"line {self.line}: {column}: {problem}")


class Vocabulary:
    """Taxonomy terms matched by name or slug, case-insensitively."""

    def __init__(self, model):
        self.by_key = {}
        for term in model.objects.all():
            self.by_key[term.slug.lower()] = term
            self.by_key[term.name.lower()] = term

    def one(self, value: str, column: str, errors: RowErrors):
        term = self.by_key.get(value.strip().lower())
        if term is None:
            errors.add(column, f"unknown value {value.strip()!r}")
        return term

    def many(self, cell: str, column: str, errors: RowErrors, *, required=True) -> list:
        values = _split(cell)
        if required and not values:
            errors.add(column, "at least one value is required")
        return [term for value in values if (term := self.one(value, column, errors))]


def _split(cell: str) -> list[str]:
    return [part.strip() for part in (cell or "").split(MULTI_SEPARATOR) if part.strip()]


def _required(row: dict, column: str, errors: RowErrors, max_length: int = 255) -> str:
    value = (row.get(column) or "").strip()
    if not value:
        errors.add(column, "is required")
    elif len(value) > max_length:
        errors.add(column, f"is longer than {max_length} characters")
    return value


def _date(row: dict, column: str, errors: RowErrors, *, required: bool) -> datetime.date | None:
    value = (row.get(column) or "").strip()
    if not value:
        if required:
            errors.add(column, "is required")
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        errors.add(column, f"{value!r} is not an ISO 8601 date (YYYY-MM-DD)")
        return None


def _url(row: dict, column: str, errors: RowErrors) -> str:
    value = (row.get(column) or "").strip()
    if value:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            errors.add(column, f"{value!r} is not a valid http(s) address")
    return value


def _hours(row: dict, errors: RowErrors) -> Decimal | None:
    value = (row.get("duration_hours") or "").strip()
    try:
        hours = Decimal(value)
    except InvalidOperation:
        errors.add("duration_hours", f"{value!r} is not a number")
        return None
    if not (Decimal("0") < hours < Decimal("10000")):
        errors.add("duration_hours", "must be more than 0 and less than 10000")
        return None
    return hours.quantize(Decimal("0.1"))


def _states(row: dict, codes: set[str], errors: RowErrors) -> tuple[bool, list[str]]:
    values = [value.upper() for value in _split(row.get("states", ""))]
    if not values:
        errors.add("states", "give two-letter state codes or 'nationwide'")
        return False, []
    if "NATIONWIDE" in values:
        if len(values) > 1:
            errors.add("states", "'nationwide' cannot be combined with state codes")
        return True, []
    unknown = [value for value in values if value not in codes]
    for value in unknown:
        errors.add("states", f"unknown state code {value!r}")
    return False, [value for value in values if value in codes]


@dataclass
class Kind:
    """One importable kind: its columns, how a row is parsed, and where pages live."""

    columns: list[str]
    parse: Callable
    model: type
    parent_model: type
    write: Callable[..., BulkResult]


def _parse_curriculum(row: dict, errors: RowErrors, vocab: dict) -> dict:
    cost = (row.get("cost") or "").strip()
    nationwide, states = _states(row, vocab["state_codes"], errors)
    fields = {
        "title": _required(row, "title", errors),
        "provider_name": _required(row, "provider", errors),
        "provider_type": vocab["provider_type"].one(
            row.get("provider_type", ""), "provider_type", errors
        ),
        "summary": _required(row, "summary", errors, max_length=5000),
        "duration_hours": _hours(row, errors),
        "is_free": cost.lower() in FREE_WORDS,
        "cost_description": "" if cost.lower() in FREE_WORDS else cost,
        "offered_nationwide": nationwide,
        "approval_date": _date(row, "approval_date", errors, required=True),
        "expiry_date": _date(row, "expiry_date", errors, required=False),
        "website": _url(row, "website", errors),
    }
    approval, expiry = fields["approval_date"], fields["expiry_date"]
    if approval and expiry and expiry <= approval:
        errors.add("expiry_date", "must come after approval_date")
    relations = {
        "audiences": vocab["audience"].many(row.get("audiences", ""), "audiences", errors),
        "topic_areas": vocab["topic"].many(row.get("topic_areas", ""), "topic_areas", errors),
        "delivery_methods": vocab["delivery"].many(
            row.get("delivery_methods", ""), "delivery_methods", errors
        ),
        "states": [vocab["states"][code] for code in states],
    }
    return {"fields": fields, "relations": relations}


def _parse_resource(row: dict, errors: RowErrors, vocab: dict) -> dict:
    url = _url(row, "url", errors)
    if not url:
        errors.add("url", "is required")
    fields = {
        "title": _required(row, "title", errors),
        "summary": _required(row, "summary", errors, max_length=5000),
        "resource_type": vocab["resource_type"].one(
            row.get("resource_type", ""), "resource_type", errors
        ),
        "publisher": (row.get("publisher") or "").strip()[:255],
        "publication_date": _date(row, "publication_date", errors, required=False),
        "external_url": url,
    }
    relations = {
        "topic_areas": vocab["topic"].many(row.get("topic_areas", ""), "topic_areas", errors)
    }
    return {"fields": fields, "relations": relations}


def _write_resources(*, parent, rows, progress) -> BulkResult:
    return pages_bulk_publish(model=ResourcePage, parent=parent, rows=rows, progress=progress)


KINDS = {
    "curricula": Kind(
        CURRICULUM_COLUMNS, _parse_curriculum, CurriculumPage, CatalogPage, curriculum_pages_import
    ),
    "resources": Kind(
        RESOURCE_COLUMNS, _parse_resource, ResourcePage, ResourceLibraryPage, _write_resources
    ),
}


def _vocabularies() -> dict:
    states = {state.code: state for state in USState.objects.all()}
    return {
        "topic": Vocabulary(TopicArea),
        "audience": Vocabulary(Audience),
        "delivery": Vocabulary(DeliveryMethod),
        "provider_type": Vocabulary(ProviderType),
        "resource_type": Vocabulary(ResourceType),
        "states": states,
        "state_codes": set(states),
    }


def catalog_import(
    *, kind_name: str, data: bytes, dry_run: bool = False, progress: Progress | None = None
) -> ImportReport:
    """Validate every row of a CSV file, then create or update its pages in one transaction."""
    from .tasks import pages_index_bulk_update

    kind = KINDS[kind_name]
    rows = _read_rows(data, kind.columns)
    parent = kind.parent_model.objects.first()
    if parent is None:
        raise ImportFailed([f"no {kind.parent_model._meta.verbose_name} exists to import into"])
    parsed = _parse_all(kind, rows)
    report = ImportReport(rows=len(parsed))
    if dry_run:
        report.created, report.updated = _plan(kind, parsed)
        return report
    values = [(external_id, row["fields"] | row["relations"]) for external_id, row in parsed]
    result = kind.write(parent=parent, rows=values, progress=progress)
    report.created, report.updated = len(result.created_ids), len(result.updated_ids)
    report.unchanged = result.unchanged
    if result.written_ids:
        pages_index_bulk_update.enqueue(result.written_ids)
    return report


def _read_rows(data: bytes, columns: list[str]) -> list[tuple[int, dict]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFailed(
            [f"the file is not UTF-8 text ({error.reason} at byte {error.start})"]
        ) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = [column for column in columns if column not in header]
    unknown = [column for column in header if column not in columns]
    if missing or unknown:
        problems = [f"line 1: header: missing column {column!r}" for column in missing]
        problems += [f"line 1: header: unknown column {column!r}" for column in unknown]
        raise ImportFailed(problems)
    try:
        return [(reader.line_num, dict(row)) for row in reader]
    except csv.Error as error:
        raise ImportFailed([f"line {reader.line_num}: file: {error}"]) from None


def _parse_all(kind: Kind, rows: list[tuple[int, dict]]) -> list[tuple[str, dict]]:
    vocab = _vocabularies()
    problems, parsed, seen = [], [], {}
    for line, row in rows:
        errors = RowErrors(line)
        if None in row:
            errors.add("row", "has more cells than the header")
        external_id = _required(row, "external_id", errors, max_length=100)
        if external_id in seen:
            errors.add("external_id", f"{external_id!r} repeats line {seen[external_id]}")
        seen.setdefault(external_id, line)
        values = kind.parse(row, errors, vocab)
        problems.extend(errors.problems)
        parsed.append((external_id, values))
    if not rows:
        problems.append("line 2: file: there are no rows to import")
    if problems:
        raise ImportFailed(problems)
    return parsed


def _plan(kind: Kind, parsed) -> tuple[int, int]:
    existing = set(
        kind.model.objects.filter(
            external_id__in=[external_id for external_id, _ in parsed]
        ).values_list("external_id", flat=True)
    )
    updated = sum(1 for external_id, _ in parsed if external_id in existing)
    return len(parsed) - updated, updated
