"""The public dashboard and its downloads."""

import io

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render

from pages.csvsafe import csv_writer

from .charts import bar_chart_svg
from .figures import MIN_AGENCIES, impact_figures_public
from .models import OUTCOME_MEASURES, Dimension

SECTIONS = [
    (Dimension.CURRICULUM, "By curriculum"),
    (Dimension.STATE, "By state"),
    (Dimension.TOPIC, "By topic area"),
]
CSV_COLUMNS = [
    "dimension",
    "key",
    "label",
    "suppressed",
    "agencies",
    "officers_trained",
    "outcomes_suppressed",
    "outcome_agencies",
    *[
        f"{measure}_{part}"
        for measure, _label in OUTCOME_MEASURES
        for part in ("before", "after", "change_percent")
    ],
]


def _section(dimension, heading, rows):
    shown = [row for row in rows if not row["suppressed"]]
    chart = bar_chart_svg(
        chart_id=f"chart-{dimension}",
        title=f"Agencies adopting certified training, {heading.lower()}",
        description=(
            f"Bar chart of {len(shown)} rows; {len(rows) - len(shown)} rows covering fewer than "
            f"{MIN_AGENCIES} agencies are left out. The table beside it gives the same figures."
        ),
        bars=[(row["label"], row["agencies"]) for row in shown],
    )
    return {"dimension": dimension, "heading": heading, "rows": rows, "chart": chart}


def _outcome_chart(national):
    if national is None or national["outcomes_suppressed"]:
        return None
    return bar_chart_svg(
        chart_id="chart-outcomes",
        title="Change in outcomes after adoption, all reporting agencies (percent)",
        description=(
            "Bar chart of the change, in percent, of each outcome measure's yearly rate from "
            "the period before adoption to the period after; the table beside it gives the "
            "rates. A negative change is a reduction."
        ),
        bars=[
            (label, national[f"{measure}_change_percent"] or 0)
            for measure, label in OUTCOME_MEASURES
        ],
    )


def impact_dashboard(request):
    figures = impact_figures_public()
    national = next((row for row in figures if row["dimension"] == Dimension.NATIONAL), None)
    sections = [
        _section(dimension, heading, [row for row in figures if row["dimension"] == dimension])
        for dimension, heading in SECTIONS
    ]
    outcomes = [
        {
            "label": label,
            "before": national and national[f"{measure}_before"],
            "after": national and national[f"{measure}_after"],
            "change": national and national[f"{measure}_change_percent"],
        }
        for measure, label in OUTCOME_MEASURES
    ]
    return render(
        request,
        "impact/dashboard.html",
        {
            "national": national,
            "sections": sections,
            "outcomes": outcomes,
            "outcome_chart": _outcome_chart(national),
            "min_agencies": MIN_AGENCIES,
        },
    )


def impact_figures_csv(request):
    buffer = io.StringIO()
    # Curriculum and state names come from providers: cells are neutralised (CSV injection).
    writer = csv_writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for row in impact_figures_public():
        writer.writerow(["" if row.get(key) is None else row[key] for key in CSV_COLUMNS])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="impact-figures.csv"'
    return response


def impact_figures_json(request):
    return JsonResponse(
        {
            "suppression": f"Figures covering fewer than {MIN_AGENCIES} agencies are null.",
            "results": impact_figures_public(),
        }
    )
