"""Carry on with announcement sends whose worker stopped; run it every few minutes."""

from django.conf import settings
from django.core.management.base import BaseCommand

from mailing.services import announcement_resume


class Command(BaseCommand):
    help = "Resume announcement sends whose worker stopped (no progress for a while)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--stalled-after",
            type=float,
            default=settings.MAILING_STALLED_AFTER,
            help="Seconds without progress after which a send counts as stalled "
            "(default: %(default)s).",
        )

    def handle(self, *args, stalled_after, **options):
        resumed = announcement_resume(stalled_after=stalled_after)
        for pk in resumed:
            self.stdout.write(f"Resumed announcement {pk}")
        if not resumed and options["verbosity"] > 1:
            self.stdout.write("No stalled sends.")
