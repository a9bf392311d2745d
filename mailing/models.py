"""Subscribers to the project's announcements."""

import secrets

from django.db import models
from django.db.models.functions import Lower

from pages.models import TopicArea

CURRENT_CONSENT_VERSION = "2026-11"
CONSENT_TEXT = (
    "I agree to receive email announcements about the national de-escalation training review "
    "on the topics I choose. I can change my topics or unsubscribe at any time, from a link "
    "in every email."
)


def _link_key() -> str:
    return secrets.token_urlsafe(16)


class Subscriber(models.Model):
    """One email address, the topics it asked for, and the record of its consent."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending confirmation"
        CONFIRMED = "confirmed", "Confirmed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"
        BOUNCED = "bounced", "Bounced"
        COMPLAINED = "complained", "Complained"

    class Source(models.TextChoices):
        FOOTER = "footer", "Footer form"
        SIGNUP_PAGE = "signup_page", "Sign-up page"
        IMPORT = "import", "CSV import"
        ADMIN = "admin", "Added by staff"

    email = models.EmailField(max_length=254)
    topics = models.ManyToManyField(TopicArea, blank=True, related_name="+")
    project_announcements = models.BooleanField(
        default=True, help_text="General announcements about the project."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    consent_version = models.CharField(max_length=20, default=CURRENT_CONSENT_VERSION)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.FOOTER)
    consent_source = models.CharField(
        max_length=255, blank=True, help_text="For imported addresses: where consent was given."
    )
    # Part of every signed link: changing it invalidates the links already sent.
    link_key = models.CharField(max_length=32, default=_link_key, editable=False)
    signed_up_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-signed_up_at"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="unique_subscriber_email_ci"),
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def can_be_mailed(self) -> bool:
        """Only confirmed addresses receive announcements; bounced ones never again."""
        return self.status == self.Status.CONFIRMED

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)
