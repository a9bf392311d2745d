"""Reads for staff screens."""

from django.db.models import Count, Sum

from curricula.models import CurriculumPage


def adoption_by_curriculum():
    """Every curriculum with at least one adoption: agencies, officers trained, outcome reports."""
    return (
        CurriculumPage.objects.filter(adoptions__isnull=False)
        .annotate(
            agencies=Count("adoptions__agency", distinct=True),
            officers_trained=Sum("adoptions__officers_trained"),
            outcome_reports=Count("adoptions__outcomes", distinct=True),
        )
        .order_by("-agencies", "title")
    )
