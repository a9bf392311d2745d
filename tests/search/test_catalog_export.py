"""The catalog's current results as CSV, neutralised against spreadsheet formulas."""

import csv
import io

import pytest

from pages.csvsafe import csv_cell_neutralise

from .fixtures import build_catalog, curriculum


@pytest.fixture
def catalog(search_backend, home_page, refresh_index):
    made = build_catalog(home_page)
    refresh_index()
    return made


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


def test_the_csv_holds_every_result_of_the_current_search(client, catalog):
    params = {"topic": "communication-skills", "page_size": "1", "page": "2", "format": "csv"}
    response = client.get("/catalog/", params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = rows_of(response)
    assert rows[0][:4] == ["Title", "Provider", "Provider type", "Hours"]
    assert sorted(row[0] for row in rows[1:]) == [
        "Patrol De-escalation Fundamentals",
        "Responding to People with Disabilities",
    ]
    patrol = next(row for row in rows if row[0] == "Patrol De-escalation Fundamentals")
    assert "Kentucky; Ohio" in patrol


def test_a_bad_filter_answers_the_page_with_a_400_not_a_file(client, catalog):
    response = client.get("/catalog/", {"state": "ZZ", "format": "csv"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    "value", ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tTab", "\rReturn"]
)
def test_formula_like_cells_get_a_leading_apostrophe(value):
    assert csv_cell_neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Plain", "1-2", "", "a=b"])
def test_other_cells_are_left_alone(value):
    assert csv_cell_neutralise(value) == value


def test_a_formula_in_a_provider_name_is_neutralised_in_the_download(
    client, catalog, refresh_index
):
    hostile = curriculum(
        catalog["patrol"].get_parent().specific,
        "=cmd|' /C calc'!A0",
        provider="@SUM(1+1)*cmd",
        summary="-2+3+cmd",
    )
    refresh_index()
    rows = rows_of(client.get("/catalog/", {"format": "csv"}))
    row = next(row for row in rows if "calc" in row[0])
    assert row[0] == "'=cmd|' /C calc'!A0"
    assert row[1] == "'@SUM(1+1)*cmd"
    assert "'-2+3+cmd" in row
    assert hostile.title == "=cmd|' /C calc'!A0"
