"""Mailing-list emails, sent by the task worker."""

from django.core.mail import EmailMessage
from django_tasks import task

from .models import Subscriber


@task()
def send_confirmation_email(subscriber_id: int) -> bool:
    """The one email a pending address receives: the link to confirm it."""
    from .links import confirm_url, manage_url

    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None or subscriber.status != Subscriber.Status.PENDING:
        return False
    body = (
        "Please confirm that you want to receive announcements from the De-escalation Training "
        f"Review:\n\n{confirm_url(subscriber)}\n\nThe link works for 7 days. If you did not "
        "sign up, ignore this email and you will hear nothing more.\n\n"
        f"Change your topics or remove your address: {manage_url(subscriber)}\n"
    )
    EmailMessage("Confirm your subscription", body, to=[subscriber.email]).send()
    return True
