"""Import curricula or resources from a UTF-8 CSV file (see README for the columns)."""

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

    def handle(self, *args, kind, file, dry_run, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {file}: {error.strerror}") from None
        try:
            report = catalog_import(kind_name=kind, data=data, dry_run=dry_run)
        except ImportFailed as failure:
            for problem in failure.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"{len(failure.problems)} problem(s) found in {file}; nothing was imported."
            ) from None
        verb = "would create" if dry_run else "created"
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.rows} rows: {verb} {report.created}, "
                f"{'would update' if dry_run else 'updated'} {report.updated}."
            )
        )
