"""The append-only record of everything that happened to a submission."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionDenied("Audit events cannot be changed.")

    def delete(self):
        raise PermissionDenied("Audit events cannot be deleted.")


ACTION_LABELS = {
    "create": "Draft started",
    "material_added": "File uploaded",
    "material_removed": "File removed",
    "submit": "Submitted",
    "start_screening": "Screening started",
    "return_to_provider": "Returned to provider",
    "accept_for_review": "Accepted for review",
    "withdraw": "Withdrawn",
    "begin_review": "Expert review started",
    "open_reconciliation": "All reviews in: reconciliation started",
    "approve": "Approved",
    "request_revisions": "Revisions requested",
    "not_approve": "Not approved",
    "resubmit": "Revised version submitted",
    "expire": "Approval expired",
    "suspend": "Approval suspended",
    "reinstate": "Approval reinstated",
    "revoke": "Approval revoked",
    "reviewer_assigned": "Reviewer assigned",
    "assignment_accepted": "Reviewer accepted and declared no conflict",
    "assignment_declined": "Reviewer declined",
    "assignment_conflict": "Reviewer declared a conflict of interest",
    "assignment_removed": "Reviewer removed from the panel",
    "assignment_due_date_changed": "Review due date changed",
    "review_submitted": "Review submitted",
    "consensus_recorded": "Consensus recorded",
    "decision_drafted": "Decision drafted",
    "decision_override": "Approval rule overridden",
    "decision_signed_off": "Decision signed off",
    "published": "Published in the catalog",
    "unpublished": "Taken out of the catalog",
    "expiry_warning": "Expiry warning sent",
}


# The review team's own steps: recorded for the team, never shown to providers (they would
# name reviewers or carry confidential notes).
INTERNAL_ACTIONS = {
    "reviewer_assigned",
    "assignment_accepted",
    "assignment_declined",
    "assignment_conflict",
    "assignment_removed",
    "assignment_due_date_changed",
    "review_submitted",
    "consensus_recorded",
    "decision_drafted",
    "decision_override",
    "decision_signed_off",
}


class AuditEvent(models.Model):
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
    action = models.CharField(max_length=60)
    from_status = models.CharField(max_length=30)
    to_status = models.CharField(max_length=30)
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)
    version_number = models.PositiveIntegerField(default=0)

    objects = AuditEventQuerySet.as_manager()

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
        return ACTION_LABELS.get(self.action, self.action.replace("_", " ").capitalize())

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionDenied("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("Audit events cannot be deleted.")
