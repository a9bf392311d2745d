from django.core.management.base import BaseCommand

from training_events.tasks import event_reminders_send


class Command(BaseCommand):
    help = "Queue today's event reminders (7 days and 1 day before). Run daily; safe to repeat."

    def handle(self, *args, **options):
        event_reminders_send.enqueue()
        self.stdout.write("Event reminders queued.")
