"""The review workflow's daily work: reviewer reminders, expiry warnings and expiries."""

from django.core.management.base import BaseCommand

from review_workflow.tasks import approvals_expire, review_reminders_send


class Command(BaseCommand):
    help = "Queue the daily review reminders and approval expiry for the task worker."

    def handle(self, *args, **options):
        review_reminders_send.enqueue()
        approvals_expire.enqueue()
        self.stdout.write("Queued review reminders and approval expiry.")
