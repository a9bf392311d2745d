"""Expert review: reviewers, their assignments, their reviews and the ratings in them."""

from django import forms
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel

from ..core.permissions import REVIEWER
from .organizations import Organization
from .standards import Standard


class ExpertiseArea(models.Model):
    """A field of expertise reviewers are drawn from (seeded; see `seed.py`)."""

    LAW_ENFORCEMENT = "law-enforcement-practice"
    MENTAL_HEALTH = "mental-health-practice"

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ReviewerProfile(models.Model):
    """A person on the review panel: what they know, whom they work for, how much they take."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviewer_profile"
    )
    expertise = models.ManyToManyField(ExpertiseArea, related_name="reviewers")
    affiliations = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="affiliated_reviewers",
        help_text="Organizations the reviewer works for or with: never assigned their curricula.",
    )
    capacity = models.PositiveSmallIntegerField(
        default=3, help_text="How many open assignments the reviewer can carry at once."
    )
    active = models.BooleanField(default=True)

    panels = [
        FieldPanel("user"),
        FieldPanel("expertise", widget=forms.CheckboxSelectMultiple),
        FieldPanel("affiliations"),
        FieldPanel("capacity"),
        FieldPanel("active"),
    ]

    class Meta:
        ordering = ["user__last_name", "user__first_name", "user__username"]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.username

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # The profile is what makes someone a reviewer: the role's admin access comes with it.
        group = Group.objects.filter(name=REVIEWER).first()
        if group:
            self.user.groups.add(group)


class Assignment(models.Model):
    """One reviewer asked to review one submission in one round."""

    class Status(models.TextChoices):
        INVITED = "invited", "Awaiting the reviewer's answer"
        ACCEPTED = "accepted", "Accepted, no conflict declared"
        DECLINED = "declined", "Declined"
        CONFLICT = "conflict", "Declined: conflict of interest"
        SUBMITTED = "submitted", "Review submitted"
        REMOVED = "removed", "Removed by the coordinator"

    OPEN = [Status.INVITED, Status.ACCEPTED]
    # Holding a place on the panel of a round: answered or not yet, but not turned down.
    ON_PANEL = [Status.INVITED, Status.ACCEPTED, Status.SUBMITTED]

    submission = models.ForeignKey(
        "review_workflow.Submission", on_delete=models.PROTECT, related_name="assignments"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="review_assignments"
    )
    round = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.INVITED)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField(default=timezone.now)
    due_date = models.DateField()
    responded_at = models.DateTimeField(null=True, blank=True)
    conflict_statement = models.TextField(
        blank=True, help_text="The reviewer's declaration, in their words."
    )
    last_reminded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["round", "assigned_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "reviewer", "round"], name="one_assignment_per_round"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} on {self.submission} (round {self.round})"

    @property
    def is_overdue(self) -> bool:
        return self.status in self.OPEN and self.due_date < timezone.localdate()


class Rating(models.TextChoices):
    MEETS = "meets", "Meets"
    PARTIALLY = "partially", "Partially meets"
    DOES_NOT_MEET = "not_met", "Does not meet"
    NOT_APPLICABLE = "na", "Not applicable"


class Recommendation(models.TextChoices):
    APPROVE = "approve", "Approve"
    CONDITIONS = "approve_with_conditions", "Approve with conditions"
    REVISE = "revise", "Revise and resubmit"
    DO_NOT_APPROVE = "do_not_approve", "Do not approve"


class Review(models.Model):
    """A reviewer's assessment of one submission in one round: a draft until submitted."""

    assignment = models.OneToOneField(Assignment, on_delete=models.PROTECT, related_name="review")
    strengths = models.TextField(blank=True)
    required_changes = models.TextField(blank=True)
    provider_comments = models.TextField("Comments for the provider", blank=True)
    confidential_comments = models.TextField(
        "Confidential comments for the coordinator", blank=True
    )
    recommendation = models.CharField(max_length=30, choices=Recommendation.choices, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Review by {self.assignment.reviewer} of {self.assignment.submission}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class StandardRating(models.Model):
    """A reviewer's rating of the submission against one standard."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="ratings")
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="+")
    rating = models.CharField(max_length=10, choices=Rating.choices, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["standard__sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "standard"], name="one_rating_per_standard")
        ]

    def __str__(self) -> str:
        return f"{self.standard.code}: {self.get_rating_display()}"
