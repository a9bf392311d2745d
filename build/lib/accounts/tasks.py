"""Account emails leave through the task worker, never inside the request."""

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_account_email(subject: str, body: str, recipient: str, html_body: str = "") -> None:
    """Send one account email (confirmation, password reset, notice)."""
    message = EmailMultiAlternatives(subject, body, to=[recipient])
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()
