from django.core.management.base import BaseCommand

from accounts.delivery import account_emails_retry_due


class Command(BaseCommand):
    help = "Send the account emails whose next delivery attempt is due."

    def handle(self, *args, **options):
        tried = account_emails_retry_due()
        self.stdout.write(f"{tried} account email(s) tried.")
