"""Subscribers to the project's announcements."""

import secrets

from django import forms
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models.functions import Lower
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)

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


class Announcement(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    ClusterableModel,
):
    """An email to subscribers, written in the CMS and sent only once approved."""

    class Sending(models.TextChoices):
        NOT_SENT = "not_sent", "Not sent"
        QUEUED = "queued", "Sending"
        DONE = "done", "Sent"

    subject = models.CharField(max_length=150)
    preheader = models.CharField(
        max_length=150, blank=True, help_text="The line mail apps show after the subject."
    )
    body = RichTextField(features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])
    news_item = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    send_to_all = models.BooleanField(
        default=True, help_text="Every confirmed subscriber; untick to choose topics."
    )
    topics = ParentalManyToManyField(TopicArea, blank=True, related_name="+")
    sending = models.CharField(max_length=10, choices=Sending.choices, default=Sending.NOT_SENT)
    queued_at = models.DateTimeField(null=True, blank=True)
    queued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    finished_at = models.DateTimeField(null=True, blank=True)
    # Touched by the worker while it sends; a send whose heartbeat stops has lost its worker.
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="announcement",
        for_concrete_model=False,
    )
    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="announcement",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("subject"),
        FieldPanel("preheader"),
        FieldPanel("body"),
        PageChooserPanel("news_item", page_type="pages.NewsPage"),
        FieldPanel("send_to_all"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
    ]

    class Meta:
        ordering = ["-pk"]
        permissions = [("send_announcement", "Can send approved announcements")]

    def __str__(self) -> str:
        return self.subject

    def get_preview_template(self, request, mode_name):
        return "mailing/email/announcement.html"

    def get_preview_context(self, request, mode_name):
        from .messages import announcement_context

        return announcement_context(self, subscriber=None)


class Delivery(models.Model):
    """One announcement to one subscriber: the row that makes sending resumable and once-only."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        SKIPPED = "skipped", "Skipped (no longer subscribed)"
        UNKNOWN = "unknown", "Outcome unknown (the worker stopped while sending it)"

    announcement = models.ForeignKey(
        Announcement, on_delete=models.CASCADE, related_name="deliveries"
    )
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    # Which batch has the row while it is "sending", so a dead worker's rows can be found.
    claim = models.CharField(max_length=32, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["announcement", "subscriber"], name="one_delivery_per_subscriber"
            )
        ]
        indexes = [models.Index(fields=["announcement", "status"])]

    def __str__(self) -> str:
        return f"{self.announcement} to {self.subscriber}"
