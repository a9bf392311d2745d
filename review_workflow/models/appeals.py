"""Appeals of a decision (not approved, suspended, revoked) and the panel that reviews them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from ..core.permissions import (
    is_appeal_panel_member_or_coordinator,
    is_appellant,
    is_coordinator,
)
from ..core.states import AppealStatus, Status
from ..core.storage import private_storage
from . import rules


def appeal_file_path(appeal: "Appeal", filename: str) -> str:
    # The stored name is random: the provider's file name is kept only as data.
    return f"appeals/{appeal.submission_id}/{appeal.file_token}"


class Appeal(ConcurrentTransitionMixin, models.Model):
    """A provider's request that a decision be looked at again by people who did not make it."""

    submission = models.ForeignKey(
        "review_workflow.Submission", on_delete=models.PROTECT, related_name="appeals"
    )
    # The decision appealed: the state it left the submission in, the audit event that
    # recorded it (its date opens the window) and, for "not approved", the round's decision.
    appealed_status = models.CharField(max_length=30, choices=Status.choices)
    appealed_event = models.ForeignKey(
        "review_workflow.AuditEvent", on_delete=models.PROTECT, related_name="+"
    )
    decision = models.ForeignKey(
        "review_workflow.Decision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appeals",
    )
    round = models.PositiveSmallIntegerField(help_text="The review round of the decision.")
    status = FSMField(default=AppealStatus.DRAFT, choices=AppealStatus.choices, protected=True)
    grounds = models.TextField(blank=True)
    file = models.FileField(
        upload_to=appeal_file_path, storage=private_storage, max_length=255, blank=True
    )
    file_token = models.CharField(max_length=64, blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    file_kind = models.CharField(max_length=10, blank=True)
    file_size = models.PositiveBigIntegerField(default=0)
    file_sha256 = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    lodged_at = models.DateTimeField(null=True, blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    outcome_reasons = models.TextField(
        blank=True, help_text="The reasons for the outcome, given to the provider in the letter."
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    letter_subject = models.CharField(max_length=200, blank=True)
    letter_body = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Appeal of “{self.submission}” ({self.get_status_display().lower()})"

    # --- Transitions; their effects (audit events, letters, the submission) are services'. ---

    @transition(
        field=status,
        source=AppealStatus.DRAFT,
        target=AppealStatus.APPEALED,
        conditions=[rules.APPEAL_WINDOW_OPEN, rules.DECISION_STANDS, rules.GROUNDS_GIVEN],
        permission=is_appellant,
    )
    def lodge(self):
        """The provider lodges the appeal, in time, against a decision still standing."""

    @transition(
        field=status,
        source=AppealStatus.APPEALED,
        target=AppealStatus.IN_REVIEW,
        conditions=[rules.APPEAL_PANEL_READY],
        permission=is_appeal_panel_member_or_coordinator,
    )
    def begin_review(self):
        """Enough independent reviewers have declared no conflict: the appeal review starts."""

    @transition(
        field=status,
        source=AppealStatus.IN_REVIEW,
        target=AppealStatus.UPHELD,
        conditions=[rules.DECISION_STANDS, rules.APPEAL_FINDINGS_IN],
        permission=is_coordinator,
    )
    def uphold(self):
        """The decision stands; the letter gives the reasons."""

    @transition(
        field=status,
        source=AppealStatus.IN_REVIEW,
        target=AppealStatus.OVERTURNED,
        conditions=[rules.DECISION_STANDS, rules.APPEAL_FINDINGS_IN],
        permission=is_coordinator,
    )
    def overturn(self):
        """The decision falls: the submission goes back to the decision step."""

    @property
    def is_decided(self) -> bool:
        return self.status in {AppealStatus.UPHELD, AppealStatus.OVERTURNED}


class AppealAssignment(models.Model):
    """One reviewer asked to sit on an appeal's panel."""

    class Status(models.TextChoices):
        INVITED = "invited", "Awaiting the reviewer's answer"
        ACCEPTED = "accepted", "Accepted, no conflict declared"
        DECLINED = "declined", "Declined"
        CONFLICT = "conflict", "Declined: conflict of interest"
        SUBMITTED = "submitted", "Findings submitted"
        REMOVED = "removed", "Removed by the coordinator"

    class Recommendation(models.TextChoices):
        UPHOLD = "uphold", "Uphold the decision"
        OVERTURN = "overturn", "Overturn the decision"

    OPEN = [Status.INVITED, Status.ACCEPTED]
    # Declared no conflict: may see the appeal.
    CLEARED = [Status.ACCEPTED, Status.SUBMITTED]

    appeal = models.ForeignKey(Appeal, on_delete=models.PROTECT, related_name="assignments")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="appeal_assignments"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.INVITED)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField(default=timezone.now)
    due_date = models.DateField()
    responded_at = models.DateTimeField(null=True, blank=True)
    conflict_statement = models.TextField(blank=True)
    recommendation = models.CharField(max_length=10, choices=Recommendation.choices, blank=True)
    findings = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    last_reminded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["assigned_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["appeal", "reviewer"], name="one_place_per_appeal")
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} on {self.appeal}"

    @property
    def is_overdue(self) -> bool:
        return self.status in self.OPEN and self.due_date < timezone.localdate()
