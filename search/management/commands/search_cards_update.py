"""Write the result card of every published catalog and library page."""

from django.core.management.base import BaseCommand

from search.cards import result_cards_rebuild


class Command(BaseCommand):
    help = (
        "Write the result card of every live curriculum and resource again, and forget the "
        "cards of pages no longer live (once after upgrading; publication keeps them true)."
    )

    def handle(self, *args, **options):
        written = result_cards_rebuild()
        self.stdout.write(self.style.SUCCESS(f"Result cards written: {written}."))
