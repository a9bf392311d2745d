"""Public comment on a draft version of the standards: the period, the comments people send,
and the record of their moderation, the coordinators' responses and the published summary."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from ..core.permissions import is_comment_moderator
from .audit import AppendOnlyModel
from .standards import Standard, StandardsVersion

COMMENT_MAX_LENGTH = 5000
NAME_MAX_LENGTH = 200


class CommenterRole(models.TextChoices):
    OFFICER = "officer", "Law enforcement officer"
    TRAINER = "trainer", "Trainer"
    MENTAL_HEALTH = "mental_health", "Mental-health professional"
    COMMUNITY = "community", "Community member"
    RESEARCHER = "researcher", "Researcher"
    OTHER = "other", "Other"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


class CommentPeriod(models.Model):
    """The days, in TIME_ZONE and both included, in which the public may comment on a draft."""

    version = models.OneToOneField(
        StandardsVersion, on_delete=models.PROTECT, related_name="comment_period"
    )
    opens_on = models.DateField()
    closes_on = models.DateField()
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    summary = models.TextField(
        blank=True, help_text="What the comments said and what changed in the final version."
    )
    summary_published_at = models.DateTimeField(null=True, blank=True)
    summary_published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gt=models.F("opens_on")),
                name="comment_period_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"Public comment on {self.version}"

    @property
    def summary_published(self) -> bool:
        return self.summary_published_at is not None

    def has_started(self, *, today: datetime.date | None = None) -> bool:
        """Whether the draft is public yet: from the first day of the period on."""
        return self.opens_on <= (today or timezone.localdate())

    def is_open(self, *, today: datetime.date | None = None) -> bool:
        """Comments are taken while the version is a draft, from the first day to the last."""
        today = today or timezone.localdate()
        return (
            self.version.status == StandardsVersion.Status.DRAFT
            and not self.summary_published
            and self.opens_on <= today <= self.closes_on
        )

    @property
    def state_label(self) -> str:
        if self.summary_published:
            return "Summary published"
        if self.is_open():
            return "Open"
        if not self.has_started():
            return "Not yet open"
        return "Closed"

    def closed_message(self) -> str:
        """Why no comment is taken now, in words for the public."""
        if self.version.status != StandardsVersion.Status.DRAFT or self.summary_published:
            return "The comment period has ended: this version is no longer a draft."
        if not self.has_started():
            return f"The comment period opens on {long_date(self.opens_on)}."
        return f"The comment period ended on {long_date(self.closes_on)}."

    def summary_problems(self) -> list[str]:
        """What must happen before the summary can be published (empty when nothing)."""
        problems = []
        if self.version.status == StandardsVersion.Status.DRAFT:
            problems.append(
                "The version is still a draft: the summary is published with the final "
                "version, once its status is Current."
            )
        pending = self.comments.filter(status=StandardsComment.Status.PENDING).count()
        if pending:
            waiting = "awaits" if pending == 1 else "await"
            problems.append(
                f"{_plural(pending, 'comment', 'comments')} still {waiting} moderation."
            )
        unanswered = self.comments.filter(
            status=StandardsComment.Status.APPROVED, response=""
        ).count()
        if unanswered:
            problems.append(
                f"{_plural(unanswered, 'published comment has', 'published comments have')} "
                "no response yet."
            )
        return problems


def long_date(day: datetime.date) -> str:
    """A day as the public pages write it: June 30, 2026."""
    return f"{day:%B} {day.day}, {day.year}"


def _summary_not_published(comment) -> bool:
    return not comment.period.summary_published


class StandardsComment(ConcurrentTransitionMixin, models.Model):
    """One person's comment on one standard of a draft, or on the whole draft.

    The standard's code and title are kept as they were when the comment was made: the draft
    may change, or lose the standard, afterwards.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting moderation"
        APPROVED = "approved", "Published"
        REJECTED = "rejected", "Not published"

    period = models.ForeignKey(CommentPeriod, on_delete=models.PROTECT, related_name="comments")
    standard = models.ForeignKey(
        Standard,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="public_comments",
        help_text="Empty for a comment on the whole draft.",
    )
    standard_code = models.CharField(max_length=20, blank=True)
    standard_title = models.CharField(max_length=255, blank=True)
    name = models.CharField(max_length=NAME_MAX_LENGTH)
    organization = models.CharField(max_length=NAME_MAX_LENGTH, blank=True)
    role = models.CharField(max_length=20, choices=CommenterRole.choices)
    comment = models.TextField()
    submitted_at = models.DateTimeField(default=timezone.now)
    status = FSMField(default=Status.PENDING, choices=Status.choices, protected=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderation_note = models.TextField(
        blank=True, help_text="Why the comment is not published; never shown to the public."
    )
    response = models.TextField(blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["submitted_at", "pk"]

    def __str__(self) -> str:
        return f"Comment by {self.name} on {self.standard_label}"

    @property
    def standard_label(self) -> str:
        if not self.standard_code:
            return "The whole draft"
        return f"{self.standard_code}: {self.standard_title}"

    # --- Moderation; the service records who and when, with the audit event. ---

    @transition(
        field=status,
        source=[Status.PENDING, Status.REJECTED],
        target=Status.APPROVED,
        conditions=[_summary_not_published],
        permission=is_comment_moderator,
    )
    def approve(self):
        """The comment is on topic: it appears on the comment page and in the summary."""

    @transition(
        field=status,
        source=[Status.PENDING, Status.APPROVED],
        target=Status.REJECTED,
        conditions=[_summary_not_published],
        permission=is_comment_moderator,
    )
    def reject(self):
        """The comment breaks the moderation policy: it is kept but never shown."""


class CommentEvent(AppendOnlyModel):
    """One step of a comment period, by whom and when: opening it, moderating or answering a
    comment, publishing the summary."""

    class Action(models.TextChoices):
        PERIOD_OPENED = "period_opened", "Comment period opened"
        PERIOD_CHANGED = "period_changed", "Comment period dates changed"
        APPROVED = "approved", "Comment published"
        REJECTED = "rejected", "Comment not published"
        ANSWERED = "answered", "Response written"
        SUMMARY_PUBLISHED = "summary_published", "Summary published"

    period = models.ForeignKey(CommentPeriod, on_delete=models.PROTECT, related_name="events")
    comment = models.ForeignKey(
        StandardsComment,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=30, choices=Action.choices)
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} by {self.actor_name}"

    @property
    def actor_name(self) -> str:
        return self.actor.get_full_name() or self.actor.username
