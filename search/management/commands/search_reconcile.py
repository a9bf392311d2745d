"""Report, and repair, differences between published pages and the search indexes."""

from django.core.management.base import BaseCommand

from search.reconcile import backend_aliases, index_reconcile


class Command(BaseCommand):
    help = (
        "Compare published pages with each search backend's index and repair any difference. "
        "Exits with status 1 if differences were found with --check."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Only report; change nothing, exit 1 if any."
        )

    def handle(self, *args, check, **options):
        found = 0
        for alias in backend_aliases():
            difference = index_reconcile(alias, repair=not check)
            found += difference.count
            self.stdout.write(
                f"{alias}: {len(difference.missing)} missing, {len(difference.stale)} stale"
            )
            if difference.count and not check:
                self.stdout.write(self.style.SUCCESS(f"{alias}: repaired {difference.count}"))
        if check and found:
            raise SystemExit(1)
