"""The national standards submissions are assessed against, in numbered versions."""

from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable


class StandardsVersion(ClusterableModel):
    """One published edition of the standards; exactly one is current at a time."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        CURRENT = "current", "Current"
        RETIRED = "retired", "Retired"

    name = models.CharField(max_length=120, unique=True)
    effective_date = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)

    panels = [
        FieldPanel("name"),
        FieldPanel("effective_date"),
        FieldPanel("status"),
        InlinePanel("standards", label="Standards"),
    ]

    class Meta:
        ordering = ["-effective_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["status"],
                condition=models.Q(status="current"),
                name="one_current_standards_version",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def current(cls) -> "StandardsVersion | None":
        return cls.objects.filter(status=cls.Status.CURRENT).first()


class Standard(Orderable):
    """One standard: a code such as DE-1, its domain, and guidance for reviewers."""

    version = ParentalKey(StandardsVersion, on_delete=models.CASCADE, related_name="standards")
    code = models.CharField(max_length=20)
    domain = models.CharField(max_length=120)
    title = models.CharField(max_length=255)
    guidance = models.TextField(help_text="What reviewers look for.")
    required = models.BooleanField(default=True)

    panels = [
        FieldPanel("code"),
        FieldPanel("domain"),
        FieldPanel("title"),
        FieldPanel("guidance"),
        FieldPanel("required"),
    ]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="unique_standard_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"
