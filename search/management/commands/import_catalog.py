"""Import curricula or resources from a UTF-8 CSV file (see README for the columns)."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from search.importers import KINDS, ImportFailed, catalog_import


class Command(BaseCommand):
    help = (
        "Import catalog entries or resources from CSV. Every row is validated first; any "
        "problem is reported by line and column and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(KINDS))
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Validate and report, write nothing."
        )
        parser.add_argument(
            "--quiet", action="store_true", help="No progress display and no summary."
        )

    def handle(self, *args, kind, file, dry_run, quiet, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {file}: {error.strerror}") from None
        started = time.monotonic()
        show_progress = not quiet and self.stdout.isatty()
        try:
            report = catalog_import(
                kind_name=kind,
                data=data,
                dry_run=dry_run,
                progress=self._progress(started) if show_progress else None,
            )
        except ImportFailed as failure:
            for problem in failure.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"{len(failure.problems)} problem(s) found in {file}; nothing was imported."
            ) from None
        if show_progress:
            self.stdout.write("")  # ends the progress line
        if quiet:
            return
        elapsed = time.monotonic() - started
        if dry_run:
            summary = f"would create {report.created}, would update {report.updated}"
        else:
            summary = (
                f"created {report.created}, updated {report.updated}, unchanged {report.unchanged}"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.rows} rows: {summary}. "
                f"{elapsed:.1f} s, {report.rows / max(elapsed, 1e-6):.0f} rows/s."
            )
        )

    def _progress(self, started: float):
        def show(done: int, total: int) -> None:
            rate = done / max(time.monotonic() - started, 1e-6)
            self.stdout.write(f"\r{done}/{total} rows, {rate:.0f} rows/s", ending="")
            self.stdout.flush()

        return show
