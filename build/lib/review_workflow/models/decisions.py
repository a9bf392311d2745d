"""Reconciliation and decision: the consensus per standard, and the decision of a round."""

from django.conf import settings
from django.db import models

from .reviews import Rating
from .standards import Standard


class ConsensusRating(models.Model):
    """The panel's agreed rating of one standard in one round, recorded by the coordinator."""

    submission = models.ForeignKey(
        "review_workflow.Submission", on_delete=models.PROTECT, related_name="consensus"
    )
    round = models.PositiveSmallIntegerField()
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="+")
    rating = models.CharField(max_length=10, choices=Rating.choices)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["standard__sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "round", "standard"], name="one_consensus_per_standard"
            )
        ]

    def __str__(self) -> str:
        return f"{self.standard.code}: {self.get_rating_display()} (round {self.round})"


class Decision(models.Model):
    """The outcome of a review round: drafted, possibly signed off by a second coordinator,
    then final, with the letter the provider received."""

    class Outcome(models.TextChoices):
        APPROVED = "approved", "Approved"
        REVISIONS_REQUESTED = "revisions_requested", "Revisions requested"
        NOT_APPROVED = "not_approved", "Not approved"

    class Stage(models.TextChoices):
        DRAFT = "draft", "Draft"
        AWAITING_SIGN_OFF = "awaiting_sign_off", "Awaiting a second coordinator's sign-off"
        FINAL = "final", "Final"

    submission = models.ForeignKey(
        "review_workflow.Submission", on_delete=models.PROTECT, related_name="decisions"
    )
    round = models.PositiveSmallIntegerField()
    outcome = models.CharField(max_length=30, choices=Outcome.choices)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.DRAFT)
    required_changes = models.TextField(
        blank=True, help_text="Consolidated from the reviews; what the provider must change."
    )
    feedback = models.TextField(blank=True, help_text="Feedback for the provider.")
    override_justification = models.TextField(
        blank=True,
        help_text="Required to approve while a required standard is not met in consensus.",
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    drafted_at = models.DateTimeField(auto_now=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    finalised_at = models.DateTimeField(null=True, blank=True)
    letter_subject = models.CharField(max_length=200, blank=True)
    letter_body = models.TextField(blank=True)

    class Meta:
        ordering = ["round"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "round"], name="one_decision_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} ({self.get_stage_display().lower()})"
