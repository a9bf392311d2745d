"""CSV that spreadsheet programs open as data, never as formulas (CSV injection).

OWASP's guidance: a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is
prefixed with a single quote, so Excel, LibreOffice and Sheets show it as text. Every CSV the
platform writes goes through `csv_writer` or, for Wagtail's and wagtail-modeladmin's exports,
through `spreadsheet_exports_neutralise`.
"""

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell_neutralise(value):
    """The value, quoted with a leading `'` if a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _NeutralisingWriter:
    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row):
        return self._writer.writerow([csv_cell_neutralise(cell) for cell in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(file, **options) -> _NeutralisingWriter:
    """A `csv.writer` whose every cell is neutralised."""
    return _NeutralisingWriter(csv.writer(file, **options))


def spreadsheet_exports_neutralise() -> None:
    """Neutralise the CSV of every admin export built on Wagtail's SpreadsheetExportMixin.

    Wagtail's reports (site history, aging pages, locked pages, workflows), its generic
    index views, form submissions and wagtail-modeladmin's registers all write CSV through
    this mixin's `write_csv_row` and `stream_csv`. Wagtail has no hook for it, and its
    reports are registered by Wagtail itself, so the two methods are replaced once, at
    start-up. XLSX needs nothing: Wagtail already stores formula-like cells as text there.
    """
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin, "_csv_neutralised", False):
        return
    SpreadsheetExportMixin.write_csv_row = _write_csv_row
    SpreadsheetExportMixin.stream_csv = _stream_csv
    SpreadsheetExportMixin._csv_neutralised = True


def _write_csv_row(self, writer, row_dict):
    return writer.writerow(
        {
            field: csv_cell_neutralise(self.preprocess_field_value(field, value, self.FORMAT_CSV))
            for field, value in row_dict.items()
        }
    )


def _stream_csv(self, queryset):
    from wagtail.admin.views.mixins import Echo

    writer = csv.DictWriter(Echo(), fieldnames=self.list_export)
    yield writer.writerow(
        {
            field: csv_cell_neutralise(self.get_heading(queryset, field))
            for field in self.list_export
        }
    )
    for item in queryset:
        yield self.write_csv_row(writer, self.to_row_dict(item))
