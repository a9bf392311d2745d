"""Agencies, their adoption of approved curricula, outcome measures, and published figures."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from curricula.models import CurriculumPage
from pages.models import USState

ORI_PATTERN = re.compile(r"^[A-Z]{2}[A-Z0-9]{7}$")


def validate_ori(value: str) -> None:
    """An ORI code: 9 characters, the state's 2 letters then 7 letters or digits."""
    if not ORI_PATTERN.match(value or ""):
        raise ValidationError(
            "Enter the 9-character ORI code: 2 letters for the state, then 7 letters or digits "
            "(for example TX1234500).",
            code="invalid_ori",
        )


class Agency(models.Model):
    """A law enforcement agency that reports its adoption of certified training."""

    name = models.CharField(max_length=255)
    ori = models.CharField(
        "ORI code",
        max_length=9,
        unique=True,
        validators=[validate_ori],
        help_text="The agency's 9-character Originating Agency Identifier.",
    )
    state = models.ForeignKey(USState, on_delete=models.PROTECT, related_name="+")
    sworn_officers = models.PositiveIntegerField("Number of sworn officers")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self):
        return f"{self.name} ({self.ori})"

    def clean(self):
        super().clean()
        if self.ori and self.state_id and not self.ori.startswith(self.state.code):
            raise ValidationError(
                {
                    "ori": f"An ORI code of an agency in {self.state.name} begins with {self.state.code}."
                }
            )


class AgencyMember(models.Model):
    """A person who reports for an agency."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agency_membership"
    )
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="members")

    def __str__(self):
        return f"{self.user} for {self.agency}"


class Adoption(models.Model):
    """An agency's report that it adopted an approved curriculum."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="adoptions")
    curriculum = models.ForeignKey(
        CurriculumPage, on_delete=models.PROTECT, related_name="adoptions"
    )
    adopted_on = models.DateField("Date of adoption")
    officers_trained = models.PositiveIntegerField("Officers trained")
    training_start = models.DateField("Training period start")
    training_end = models.DateField("Training period end")
    reported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-adopted_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "curriculum"], name="one_adoption_per_curriculum"
            )
        ]

    def __str__(self):
        return f"{self.agency.name}: {self.curriculum.title}"


OUTCOME_MEASURES = [
    ("use_of_force", "Use-of-force incidents"),
    ("officer_injuries", "Officer injuries"),
    ("subject_injuries", "Subject injuries"),
    ("complaints", "Complaints"),
]


class OutcomeReport(models.Model):
    """Outcome measures for a period before and a period after an adoption."""

    adoption = models.ForeignKey(Adoption, on_delete=models.CASCADE, related_name="outcomes")
    before_start = models.DateField("Before period start")
    before_end = models.DateField("Before period end")
    after_start = models.DateField("After period start")
    after_end = models.DateField("After period end")
    use_of_force_before = models.PositiveIntegerField("Use-of-force incidents before")
    use_of_force_after = models.PositiveIntegerField("Use-of-force incidents after")
    officer_injuries_before = models.PositiveIntegerField("Officer injuries before")
    officer_injuries_after = models.PositiveIntegerField("Officer injuries after")
    subject_injuries_before = models.PositiveIntegerField("Subject injuries before")
    subject_injuries_after = models.PositiveIntegerField("Subject injuries after")
    complaints_before = models.PositiveIntegerField("Complaints before")
    complaints_after = models.PositiveIntegerField("Complaints after")
    reported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-after_start"]

    def __str__(self):
        return f"{self.adoption}: {self.before_start} to {self.after_end}"


class Dimension(models.TextChoices):
    NATIONAL = "national", "All agencies"
    CURRICULUM = "curriculum", "Curriculum"
    STATE = "state", "State"
    TOPIC = "topic", "Topic area"


class ImpactFigure(models.Model):
    """One published row of aggregate figures, recomputed by a task after each report."""

    dimension = models.CharField(max_length=20, choices=Dimension.choices)
    key = models.CharField(max_length=100)
    label = models.CharField(max_length=255)
    agencies = models.PositiveIntegerField()
    officers_trained = models.PositiveIntegerField()
    outcome_agencies = models.PositiveIntegerField(
        help_text="Agencies that reported outcome measures."
    )
    # Annualised rates summed over agencies; changes are (after - before) / before.
    use_of_force_before = models.FloatField(default=0)
    use_of_force_after = models.FloatField(default=0)
    officer_injuries_before = models.FloatField(default=0)
    officer_injuries_after = models.FloatField(default=0)
    subject_injuries_before = models.FloatField(default=0)
    subject_injuries_after = models.FloatField(default=0)
    complaints_before = models.FloatField(default=0)
    complaints_after = models.FloatField(default=0)
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["dimension", "label"]
        constraints = [
            models.UniqueConstraint(fields=["dimension", "key"], name="one_figure_per_key")
        ]

    def __str__(self):
        return f"{self.get_dimension_display()}: {self.label}"
