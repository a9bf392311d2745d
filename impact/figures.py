"""Aggregating the reports into published figures, and reading them with suppression applied."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from .models import OUTCOME_MEASURES, Adoption, Dimension, ImpactFigure

# Figures covering fewer agencies than this are never shown, so no agency can be singled out.
MIN_AGENCIES = 5
NATIONAL_KEY = "all"


def _annual_rate(count: int, start, end) -> float:
    days = (end - start).days + 1
    return count * 365 / days


@dataclass
class _Cell:
    label: str
    agencies: set = field(default_factory=set)
    officers_trained: int = 0
    outcome_agencies: set = field(default_factory=set)
    rates: dict = field(default_factory=lambda: defaultdict(float))


def _cells_for(adoption) -> list[tuple[str, str, str]]:
    curriculum, state = adoption.curriculum, adoption.agency.state
    cells = [
        (Dimension.NATIONAL, NATIONAL_KEY, "All agencies"),
        (Dimension.CURRICULUM, str(curriculum.pk), curriculum.title),
        (Dimension.STATE, state.code, state.name),
    ]
    cells += [(Dimension.TOPIC, topic.slug, topic.name) for topic in curriculum.topic_areas.all()]
    return cells


def _add_outcomes(cell: _Cell, adoption, report) -> None:
    cell.outcome_agencies.add(adoption.agency_id)
    for measure, _label in OUTCOME_MEASURES:
        cell.rates[f"{measure}_before"] += _annual_rate(
            getattr(report, f"{measure}_before"), report.before_start, report.before_end
        )
        cell.rates[f"{measure}_after"] += _annual_rate(
            getattr(report, f"{measure}_after"), report.after_start, report.after_end
        )


def impact_figures_recompute() -> int:
    """Rebuild the published figures from every adoption and outcome report; return the rows."""
    cells: dict[tuple[str, str], _Cell] = {}
    adoptions = Adoption.objects.select_related("agency__state", "curriculum").prefetch_related(
        "curriculum__topic_areas", "outcomes"
    )
    for adoption in adoptions:
        # The latest report per adoption, so an agency's outcomes count once.
        report = max(adoption.outcomes.all(), key=lambda r: r.after_start, default=None)
        for dimension, key, label in _cells_for(adoption):
            cell = cells.setdefault((dimension, key), _Cell(label))
            cell.agencies.add(adoption.agency_id)
            cell.officers_trained += adoption.officers_trained
            if report is not None:
                _add_outcomes(cell, adoption, report)
    now = timezone.now()
    rows = [
        ImpactFigure(
            dimension=dimension,
            key=key,
            label=cell.label,
            agencies=len(cell.agencies),
            officers_trained=cell.officers_trained,
            outcome_agencies=len(cell.outcome_agencies),
            computed_at=now,
            **cell.rates,
        )
        for (dimension, key), cell in cells.items()
    ]
    with transaction.atomic():
        ImpactFigure.objects.all().delete()
        ImpactFigure.objects.bulk_create(rows)
    return len(rows)


def _change(before: float, after: float) -> float | None:
    if not before:
        return None
    return round((after - before) / before * 100, 1)


def figure_public(figure: ImpactFigure) -> dict:
    """A figure as published: anything covering fewer than MIN_AGENCIES agencies is None."""
    shown = figure.agencies >= MIN_AGENCIES
    outcomes_shown = shown and figure.outcome_agencies >= MIN_AGENCIES
    row = {
        "dimension": figure.dimension,
        "key": figure.key,
        "label": figure.label,
        "suppressed": not shown,
        "agencies": figure.agencies if shown else None,
        "officers_trained": figure.officers_trained if shown else None,
        "outcomes_suppressed": not outcomes_shown,
        "outcome_agencies": figure.outcome_agencies if outcomes_shown else None,
    }
    for measure, _label in OUTCOME_MEASURES:
        before = getattr(figure, f"{measure}_before")
        after = getattr(figure, f"{measure}_after")
        row[f"{measure}_before"] = round(before, 1) if outcomes_shown else None
        row[f"{measure}_after"] = round(after, 1) if outcomes_shown else None
        row[f"{measure}_change_percent"] = _change(before, after) if outcomes_shown else None
    return row


def impact_figures_public(*, dimension: str | None = None) -> list[dict]:
    """The published figures with small cells suppressed, optionally of one dimension."""
    figures = ImpactFigure.objects.all()
    if dimension:
        figures = figures.filter(dimension=dimension)
    return [figure_public(figure) for figure in figures.order_by("dimension", "label")]
