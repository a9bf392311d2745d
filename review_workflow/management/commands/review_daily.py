"""The review workflow's daily work: reviewer and appeal reminders, expiry warnings and
expiries."""

from django.apps import apps
from django.core.management.base import BaseCommand

from review_workflow.tasks import appeal_reminders_send, approvals_expire, review_reminders_send


class Command(BaseCommand):
    help = "Queue the daily review reminders and approval expiry for the task worker."

    def handle(self, *args, **options):
        review_reminders_send.enqueue()
        appeal_reminders_send.enqueue()
        approvals_expire.enqueue()
        self.stdout.write("Queued review and appeal reminders and approval expiry.")
        if apps.is_installed("curricula"):
            # curricula is optional (DISABLED_APPS): imported only once known to be installed.
            from curricula.services import curricula_expired_unpublish

            count = curricula_expired_unpublish()
            self.stdout.write(
                f"Unpublished {count} catalog entr{'y' if count == 1 else 'ies'} past expiry."
            )
