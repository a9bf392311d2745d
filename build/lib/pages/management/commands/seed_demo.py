"""Build the demo site; safe to run any number of times."""

import logging

from django.core.management.base import BaseCommand

from pages.demo import demo_content_seed


class Command(BaseCommand):
    help = "Create the demo page tree and content (idempotent: a second run changes nothing)."

    def handle(self, *args, **options):
        # Wagtail logs every page creation and publication at INFO; the summary line is enough.
        wagtail_logger = logging.getLogger("wagtail")
        previous_level = wagtail_logger.level
        wagtail_logger.setLevel(logging.WARNING)
        try:
            report = demo_content_seed()
        finally:
            wagtail_logger.setLevel(previous_level)
        self.stdout.write(self.style.SUCCESS(f"Demo content: {report.created} pages created."))
