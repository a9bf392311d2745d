"""Unpublish the catalog entries whose approval has expired (the scheduler does it hourly)."""

from django.core.management.base import BaseCommand

from curricula.services import curricula_expired_unpublish


class Command(BaseCommand):
    help = "Unpublish live catalog entries whose approval ended before today."

    def handle(self, *args, **options):
        count = curricula_expired_unpublish()
        self.stdout.write(f"Unpublished {count} expired curricul{'um' if count == 1 else 'a'}.")
