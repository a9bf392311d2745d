"""The national standards submissions are assessed against, in numbered versions."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

IN_USE_MESSAGE = (
    "Submissions already use this version: its standards cannot change. "
    "Copy it into a new version instead."
)


class StandardsVersionQuerySet(models.QuerySet):
    def public(self) -> "StandardsVersionQuerySet":
        """The versions anyone may read: the current one and the retired ones, never drafts."""
        return self.exclude(status=StandardsVersion.Status.DRAFT)


class StandardsVersion(ClusterableModel):
    """One published edition of the standards; exactly one is current at a time."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        CURRENT = "current", "Current"
        RETIRED = "retired", "Retired"

    name = models.CharField(max_length=120, unique=True)
    effective_date = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)

    objects = StandardsVersionQuerySet.as_manager()

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

    def is_in_use(self) -> bool:
        """Whether any submission is assessed against this version."""
        return self.pk is not None and self.submissions.exists()

    def validate_constraints(self, exclude=None):
        # save() retires the previous current version, so choosing "current" is never a
        # conflict the editor has to resolve.
        super().validate_constraints(exclude={*(exclude or ()), "status"})

    def save(self, **kwargs):
        with transaction.atomic():
            if self._changes_details_in_use():
                raise PermissionDenied(IN_USE_MESSAGE)
            if self.status == self.Status.CURRENT:
                self._retire_other_current_versions()
            super().save(**kwargs)

    def _changes_details_in_use(self) -> bool:
        if not self.is_in_use():
            return False
        stored = type(self).objects.values("name", "effective_date").get(pk=self.pk)
        return stored != {"name": self.name, "effective_date": self.effective_date}

    def _retire_other_current_versions(self) -> None:
        others = type(self).objects.filter(status=self.Status.CURRENT).exclude(pk=self.pk)
        others.update(status=self.Status.RETIRED)

    def standards_by_domain(self) -> list[tuple[str, list["Standard"]]]:
        """The standards in order, grouped by domain in the order each domain first appears."""
        groups: dict[str, list[Standard]] = {}
        for standard in self.standards.all():
            groups.setdefault(standard.domain, []).append(standard)
        return list(groups.items())

    def copy_as_draft(self, *, name: str, effective_date: datetime.date) -> "StandardsVersion":
        """A new draft version holding a copy of this version's standards, in the same order."""
        copy = StandardsVersion(name=name, effective_date=effective_date)
        copy.standards = [
            Standard(sort_order=order, **standard.content())
            for order, standard in enumerate(self.standards.all())
        ]
        copy.save()
        return copy


class Standard(Orderable):
    """One standard: a code such as DE-1, its domain, and guidance for reviewers."""

    CONTENT_FIELDS = ("code", "domain", "title", "guidance", "required")

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

    def content(self) -> dict:
        return {name: getattr(self, name) for name in self.CONTENT_FIELDS}

    def save(self, **kwargs):
        # Saving a version saves every standard in it, changed or not: only a change is refused.
        if self.version.is_in_use() and self._stored_content() != self.content():
            raise PermissionDenied(IN_USE_MESSAGE)
        super().save(**kwargs)

    def delete(self, **kwargs):
        if self.version.is_in_use():
            raise PermissionDenied(IN_USE_MESSAGE)
        return super().delete(**kwargs)

    def _stored_content(self) -> dict | None:
        if self.pk is None:
            return None
        return type(self).objects.filter(pk=self.pk).values(*self.CONTENT_FIELDS).first()
