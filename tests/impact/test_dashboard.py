"""The public dashboard, its downloads and the API never show a figure covering < 5 agencies."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group

from impact.figures import impact_figures_recompute
from impact.models import Adoption, ImpactFigure, OutcomeReport
from impact.tasks import impact_figures_recompute_task
from tests.impact.conftest import agency_make

pytestmark = pytest.mark.django_db


def _adopting_agencies(curriculum, count, *, officers=10, with_outcomes=True):
    for number in range(1, count + 1):
        adoption = Adoption.objects.create(
            agency=agency_make(number),
            curriculum=curriculum,
            adopted_on=datetime.date(2025, 1, 1),
            officers_trained=officers,
            training_start=datetime.date(2024, 11, 1),
            training_end=datetime.date(2024, 12, 31),
        )
        if with_outcomes:
            OutcomeReport.objects.create(
                adoption=adoption,
                before_start=datetime.date(2023, 1, 1),
                before_end=datetime.date(2023, 12, 31),
                after_start=datetime.date(2025, 1, 2),
                after_end=datetime.date(2026, 1, 1),
                use_of_force_before=10,
                use_of_force_after=5,
                officer_injuries_before=2,
                officer_injuries_after=2,
                subject_injuries_before=4,
                subject_injuries_after=3,
                complaints_before=8,
                complaints_after=6,
            )
    impact_figures_recompute_task.enqueue()


def _curriculum_row(rows, curriculum):
    return next(
        row
        for row in rows
        if row["dimension"] == "curriculum" and row["key"] == str(curriculum.pk)
    )


def test_four_agencies_are_suppressed_everywhere(client, approved_curriculum):
    _adopting_agencies(approved_curriculum, 4, officers=37)
    page = client.get("/impact/").content.decode()
    assert "fewer than 5 agencies" in page
    assert "Suppressed" in page
    assert "148" not in page  # 4 x 37 officers trained
    assert 'role="img"' in page

    for rows in [
        client.get("/impact/figures.json").json()["results"],
        client.get("/api/v2/impact/").json()["results"],
    ]:
        row = _curriculum_row(rows, approved_curriculum)
        assert row["suppressed"] is True
        assert row["agencies"] is None and row["officers_trained"] is None
        assert row["use_of_force_change_percent"] is None
    exported = list(
        csv.DictReader(io.StringIO(client.get("/impact/figures.csv").content.decode()))
    )
    row = _curriculum_row(exported, approved_curriculum)
    assert (row["suppressed"], row["agencies"], row["officers_trained"]) == ("True", "", "")


def test_five_agencies_are_shown_with_their_outcome_changes(client, approved_curriculum):
    _adopting_agencies(approved_curriculum, 5, officers=37)
    page = client.get("/impact/").content.decode()
    assert "185" in page  # 5 x 37 officers trained
    assert "-50.0%" in page  # use of force halved
    assert '<title id="chart-curriculum-title">' in page
    assert '<desc id="chart-outcomes-desc">' in page

    row = _curriculum_row(
        client.get("/api/v2/impact/?dimension=curriculum").json()["results"], approved_curriculum
    )
    assert (row["agencies"], row["officers_trained"], row["outcome_agencies"]) == (5, 185, 5)
    assert row["use_of_force_change_percent"] == -50.0
    assert row["officer_injuries_change_percent"] == 0.0
    exported = list(
        csv.DictReader(io.StringIO(client.get("/impact/figures.csv").content.decode()))
    )
    assert _curriculum_row(exported, approved_curriculum)["agencies"] == "5"


def test_outcomes_reported_by_fewer_than_five_agencies_stay_hidden(approved_curriculum, client):
    _adopting_agencies(approved_curriculum, 5, with_outcomes=False)
    OutcomeReport.objects.create(
        adoption=Adoption.objects.first(),
        before_start=datetime.date(2023, 1, 1),
        before_end=datetime.date(2023, 12, 31),
        after_start=datetime.date(2025, 1, 2),
        after_end=datetime.date(2026, 1, 1),
        **{f"{m}_{p}": 3 for m in ["use_of_force", "officer_injuries", "subject_injuries", "complaints"] for p in ["before", "after"]},
    )  # fmt: skip
    impact_figures_recompute()
    row = _curriculum_row(client.get("/api/v2/impact/").json()["results"], approved_curriculum)
    assert row["agencies"] == 5
    assert row["outcomes_suppressed"] is True
    assert row["outcome_agencies"] is None and row["complaints_before"] is None


def test_the_dashboard_reads_stored_figures_and_does_not_recompute(client, approved_curriculum):
    _adopting_agencies(approved_curriculum, 5)
    Adoption.objects.all().delete()  # without a report, the stored figures stand until the task runs
    assert "50" in client.get("/impact/").content.decode()
    impact_figures_recompute()
    assert not ImpactFigure.objects.exists()


def test_the_api_refuses_an_unknown_dimension_and_is_described(client):
    response = client.get("/api/v2/impact/?dimension=county")
    assert response.status_code == 400
    assert "dimension" in response.json()["fields"]
    assert "/api/v2/impact/" in client.get("/api/v2/openapi.json").json()["paths"]


def test_coordinators_see_adoption_per_curriculum_in_the_admin(
    client, django_user_model, approved_curriculum
):
    _adopting_agencies(approved_curriculum, 2, officers=7)
    coordinator = django_user_model.objects.create_user("co@example.org", "co@example.org", "pw")
    coordinator.groups.add(Group.objects.get(name="Review coordinator"))
    client.force_login(coordinator)
    page = client.get("/admin/adoption/").content.decode()
    assert "Patrol De-escalation Fundamentals" in page
    assert "<td>2</td><td>14</td>" in page
    editor = django_user_model.objects.create_user("ed@example.org", "ed@example.org", "pw")
    editor.groups.add(Group.objects.get(name="Communications editor"))
    client.force_login(editor)
    refused = client.get("/admin/adoption/")
    assert (refused.status_code, refused.url) == (302, "/admin/")


def test_a_formula_in_a_curriculum_title_is_neutralised_in_the_download(
    client, approved_curriculum
):
    approved_curriculum.title = '=HYPERLINK("http://attacker.example")'
    approved_curriculum.save_revision().publish()
    _adopting_agencies(approved_curriculum, 5, officers=37)
    exported = list(
        csv.DictReader(io.StringIO(client.get("/impact/figures.csv").content.decode()))
    )
    row = _curriculum_row(exported, approved_curriculum)
    assert row["label"] == "'" + approved_curriculum.title
    assert row["use_of_force_change_percent"] == "-50.0"  # a negative number stays a number
