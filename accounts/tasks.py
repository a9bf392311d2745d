"""Account emails leave through the task worker, never inside the request."""

from django_tasks import task


@task()
def send_account_email(subject: str, body: str, recipient: str, html_body: str = "") -> None:
    """Send one account email (confirmation, password reset, notice), retried if SMTP fails."""
    from .delivery import account_email_create, account_email_send

    account_email_send(
        email=account_email_create(
            subject=subject, body=body, recipient=recipient, html_body=html_body
        )
    )


@task()
def retry_account_email(email_id: int) -> None:
    """Try again to send an account email whose last attempt failed."""
    from .delivery import account_email_retry

    account_email_retry(email_id=email_id)


@task()
def account_emails_retry() -> int:
    """Send every account email whose next attempt is due; each is claimed before it is sent."""
    from .delivery import account_emails_retry_due

    return account_emails_retry_due()
