"""Event emails and reminders leave through the task worker."""

from django.core.mail import send_mail
from django_tasks import task


@task()
def event_email_send(subject: str, body: str, recipient: str) -> None:
    """Send one registration email."""
    send_mail(subject, body, None, [recipient])


@task()
def event_reminders_send(today: str = "") -> int:
    """Send the reminders due today; a reminder already sent is never sent again."""
    import datetime

    from .services import event_reminders_send as send

    day = datetime.date.fromisoformat(today) if today else None
    return send(today=day)
