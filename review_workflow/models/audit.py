"""The append-only record of everything that happened to a submission, and the kind of model
every audit trail of the review is built on."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models

from ..core.audit import AuditAction


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionDenied("Audit events cannot be changed.")

    def delete(self):
        raise PermissionDenied("Audit events cannot be deleted.")


class AppendOnlyModel(models.Model):
    """A record written once and never changed or deleted, one row at a time or in bulk."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionDenied("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("Audit events cannot be deleted.")


class AuditEvent(AppendOnlyModel):
    """One recorded action: who, from which state to which, when, with what note and version.

    Events are written once and never changed or deleted.
    """

    submission = models.ForeignKey(
        "review_workflow.Submission", on_delete=models.PROTECT, related_name="audit_events"
    )
    # None for the platform's own scheduled work (expiry), shown as "the platform".
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=60, choices=AuditAction.choices)
    from_status = models.CharField(max_length=30)
    to_status = models.CharField(max_length=30)
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)
    version_number = models.PositiveIntegerField(default=0)
    # The appeal a step belongs to, for the steps of an appeal (the submission's state is
    # recorded as it stands: an appeal does not change it until it is decided).
    appeal = models.ForeignKey(
        "review_workflow.Appeal",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_events",
    )

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.action}: {self.from_status} → {self.to_status}"

    @property
    def actor_name(self) -> str:
        if self.actor is None:
            return "The platform (scheduled task)"
        return self.actor.get_full_name() or self.actor.username

    @property
    def action_label(self) -> str:
        return self.get_action_display()
