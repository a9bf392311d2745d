"""A curriculum submitted for review, its materials, versions and self-assessment."""

from django.conf import settings
from django.db import models
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from pages.models import Audience, DeliveryMethod, TopicArea, USState

from ..core.permissions import (
    is_coordinator,
    is_organization_member,
    is_panel_member_or_coordinator,
    is_system_or_coordinator,
)
from ..core.states import APPEALABLE, BEFORE_DECISION, PROVIDER_EDITABLE, Status
from ..core.storage import private_storage
from . import rules
from .organizations import Organization
from .standards import Standard, StandardsVersion


class Submission(ConcurrentTransitionMixin, models.Model):
    """A curriculum and everything reviewers need to assess it, moving through the lifecycle."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="submissions"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = FSMField(default=Status.DRAFT, choices=Status.choices, protected=True)
    version_number = models.PositiveIntegerField(
        default=0, help_text="The number of the latest submitted version."
    )
    standards_version = models.ForeignKey(
        StandardsVersion, on_delete=models.PROTECT, related_name="submissions"
    )

    # The curriculum
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    audiences = models.ManyToManyField(Audience, blank=True, related_name="+")
    topic_areas = models.ManyToManyField(TopicArea, blank=True, related_name="+")
    delivery_methods = models.ManyToManyField(DeliveryMethod, blank=True, related_name="+")
    total_hours = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    max_class_size = models.PositiveIntegerField(null=True, blank=True)
    is_free = models.BooleanField(default=False)
    cost_description = models.CharField(max_length=255, blank=True)
    offered_nationwide = models.BooleanField(default=False)
    states = models.ManyToManyField(USState, blank=True, related_name="+")
    learning_objectives = models.TextField(blank=True)
    instructional_methods = models.TextField(blank=True)
    includes_scenario_exercises = models.BooleanField(default=False)
    assessment_methods = models.TextField(blank=True)
    has_pre_post_tests = models.BooleanField(default=False)
    has_follow_up_assessment = models.BooleanField(default=False)
    instructor_qualifications = models.TextField(blank=True)
    evidence_of_effectiveness = models.TextField(blank=True)
    post_certified = models.BooleanField("Certified by a state POST", default=False)
    iadlest_ncp_certified = models.BooleanField("IADLEST National Certification", default=False)
    other_certifications = models.TextField(blank=True)
    contact_name = models.CharField(max_length=255, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)

    # Certification by the person submitting
    certified_by_name = models.CharField(max_length=255, blank=True)
    certified_at = models.DateTimeField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    coordinator_notes = models.TextField(
        blank=True, help_text="Shown to the provider when the submission is returned."
    )

    # Expert review
    review_round = models.PositiveSmallIntegerField(
        default=0, help_text="The current round of expert review (0 before the first)."
    )

    # Approval and the catalog
    approved_at = models.DateTimeField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    expiry_warnings_sent = models.JSONField(
        default=list, blank=True, help_text="Days-before-expiry warnings already sent."
    )
    catalog_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    materials_link = models.URLField(
        max_length=500,
        blank=True,
        help_text="A public link to the materials, shown in the catalog if the provider gives one.",
    )
    recertifies = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="recertifications"
    )

    class Meta:
        ordering = ["-updated_at"]
        permissions = [
            ("screen_submission", "Can screen submissions and return or accept them"),
            ("view_any_submission", "Can view every organization's submissions"),
        ]

    def __str__(self) -> str:
        return self.title

    # --- Transitions: each declares where it may start, who may run it and what it needs. ----
    # Side effects (versions, audit events, publication, emails) live in services.lifecycle.

    @transition(
        field=status,
        source=PROVIDER_EDITABLE,
        target=Status.SUBMITTED,
        conditions=[rules.COMPLETE],
        permission=is_organization_member,
    )
    def submit(self):
        """The provider submits a complete form."""

    @transition(
        field=status,
        source=Status.SUBMITTED,
        target=Status.SCREENING,
        permission=is_coordinator,
    )
    def start_screening(self):
        """A coordinator picks the submission up."""

    @transition(
        field=status,
        source=Status.SCREENING,
        target=Status.RETURNED,
        permission=is_coordinator,
    )
    def return_to_provider(self):
        """Incomplete or ineligible: back to the provider with the coordinator's notes."""

    @transition(
        field=status,
        source=Status.SCREENING,
        target=Status.ACCEPTED_FOR_REVIEW,
        permission=is_coordinator,
    )
    def accept_for_review(self):
        """Ready for expert review."""

    @transition(
        field=status,
        source=Status.ACCEPTED_FOR_REVIEW,
        target=Status.IN_REVIEW,
        conditions=[rules.PANEL_READY],
        permission=is_coordinator,
    )
    def begin_review(self):
        """Reviewers are assigned: the first round of expert review starts."""

    @transition(
        field=status,
        source=Status.IN_REVIEW,
        target=Status.RECONCILIATION,
        conditions=[rules.REVIEWS_IN],
        permission=is_panel_member_or_coordinator,
    )
    def open_reconciliation(self):
        """Every review of the round is in (run by the service when the last one arrives)."""

    @transition(
        field=status,
        source=Status.RECONCILIATION,
        target=Status.APPROVED,
        conditions=[rules.APPROVAL_ISSUED],
        permission=is_coordinator,
    )
    def approve(self):
        """The final decision: approved; the curriculum enters the catalog."""

    @transition(
        field=status,
        source=Status.RECONCILIATION,
        target=Status.REVISIONS_REQUESTED,
        conditions=[rules.REVISIONS_ISSUED],
        permission=is_coordinator,
    )
    def request_revisions(self):
        """The final decision: the provider must make the consolidated required changes."""

    @transition(
        field=status,
        source=Status.RECONCILIATION,
        target=Status.NOT_APPROVED,
        conditions=[rules.NOT_APPROVED_ISSUED],
        permission=is_coordinator,
    )
    def not_approve(self):
        """The final decision: not approved, with feedback to the provider."""

    @transition(
        field=status,
        source=Status.REVISIONS_REQUESTED,
        target=Status.IN_REVIEW,
        conditions=[rules.COMPLETE],
        permission=is_organization_member,
    )
    def resubmit(self):
        """The provider submits the revised curriculum: the same reviewers review it again."""

    @transition(
        field=status,
        source=Status.APPROVED,
        target=Status.EXPIRED,
        conditions=[rules.EXPIRY_PASSED],
        permission=is_system_or_coordinator,
    )
    def expire(self):
        """The approval has reached its expiry date."""

    @transition(
        field=status,
        source=Status.APPROVED,
        target=Status.SUSPENDED,
        permission=is_coordinator,
    )
    def suspend(self):
        """Out of the catalog while a concern is looked into."""

    @transition(
        field=status,
        source=Status.SUSPENDED,
        target=Status.APPROVED,
        conditions=[rules.APPROVAL_CURRENT],
        permission=is_coordinator,
    )
    def reinstate(self):
        """The concern is resolved: back in the catalog until the same expiry date."""

    @transition(
        field=status,
        source=[Status.APPROVED, Status.SUSPENDED],
        target=Status.REVOKED,
        permission=is_coordinator,
    )
    def revoke(self):
        """The approval is withdrawn for good."""

    @transition(
        field=status,
        source=[Status.APPROVED, Status.EXPIRED],
        target=Status.SUPERSEDED,
        conditions=[rules.RECERTIFICATION_APPROVED],
        permission=is_system_or_coordinator,
    )
    def supersede(self):
        """An approved recertification takes over: this approval's clock stops."""

    @transition(
        field=status,
        source=APPEALABLE,
        target=Status.RECONCILIATION,
        conditions=[rules.APPEAL_OVERTURNED],
        permission=is_coordinator,
    )
    def reconsider(self):
        """An appeal overturned the decision: it is taken again, in a new round, through the
        usual rules of reconciliation and decision."""

    @transition(
        field=status,
        source=BEFORE_DECISION,
        target=Status.WITHDRAWN,
        permission=is_organization_member,
    )
    def withdraw(self):
        """The provider withdraws before any decision."""

    @property
    def is_editable_by_provider(self) -> bool:
        return self.status in PROVIDER_EDITABLE


class SubmissionModule(models.Model):
    """One module of the curriculum outline, with its hours."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="modules")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=255)
    hours = models.DecimalField(max_digits=5, decimal_places=1)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.hours} h)"


class SelfAssessment(models.Model):
    """Where and how the curriculum addresses one standard, in the provider's words."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="self_assessments"
    )
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="+")
    location = models.CharField(
        max_length=255, blank=True, help_text="Module and page where it is addressed."
    )
    explanation = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "standard"], name="one_self_assessment_per_standard"
            )
        ]

    def __str__(self) -> str:
        return f"Self-assessment of {self.standard}"


def material_path(material: "Material", filename: str) -> str:
    # The stored name is random: the provider's file name is kept only as data.
    return f"submissions/{material.submission_id}/{material.token}"


class Material(models.Model):
    """An uploaded curriculum file, kept in private storage."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="materials")
    token = models.CharField(max_length=64, unique=True, editable=False)
    file = models.FileField(upload_to=material_path, storage=private_storage, max_length=255)
    original_name = models.CharField(max_length=255)
    kind = models.CharField(max_length=10, help_text="The type detected from the content.")
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    locked = models.BooleanField(
        default=False, help_text="Part of a submitted version: it can no longer be removed."
    )

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class SubmissionVersion(models.Model):
    """A numbered, frozen copy of a submission as it was submitted."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField()
    materials = models.ManyToManyField(Material, related_name="versions")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "number"], name="unique_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.submission} v{self.number}"
