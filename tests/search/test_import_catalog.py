"""`import_catalog` round-trips the documented CSV format, all or nothing."""

import pytest
from django.core.management import CommandError, call_command

from curricula.models import CatalogPage, CurriculumPage
from pages.models import ResourceLibraryPage, ResourcePage

CURRICULA_CSV = """external_id,title,provider,provider_type,summary,audiences,topic_areas,delivery_methods,duration_hours,cost,states,approval_date,expiry_date,website
C-1,Calm Contact,Metro Academy,Law enforcement agency or academy,Slowing encounters down.,law-enforcement-officers;Supervisors and leadership,De-escalation tactics and techniques;communication-skills,in-person,12,free,OH;ky,2026-02-01,2029-02-01,https://metro.example.org/
C-2,Crisis Partners,Health Alliance,nonprofit-organization,"Co-responder basics, with clinicians.",Covered mental health professionals,crisis-intervention-teams-and-co-responder-models,Blended;live-virtual,7.5,$120 per seat,nationwide,2026-03-15,,
"""

RESOURCES_CSV = """external_id,title,summary,topic_areas,resource_type,publisher,publication_date,url
R-1,Responder Toolkit,Tools for programs.,community-responder-programs,Toolkit,Example Center,2025-04-01,https://example.org/toolkit
"""


@pytest.fixture
def parents(home_page):
    home_page.add_child(instance=CatalogPage(title="Catalog", slug="catalog"))
    home_page.add_child(instance=ResourceLibraryPage(title="Resources", slug="resources"))


def write(tmp_path, text, name="import.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(kind, path, *args):
    call_command("import_catalog", kind, str(path), *args)


def test_curricula_import_creates_published_pages_with_every_column(parents, tmp_path, client):
    run("curricula", write(tmp_path, CURRICULA_CSV))
    calm = CurriculumPage.objects.get(external_id="C-1")
    assert calm.live and calm.title == "Calm Contact"
    assert calm.provider_type.slug == "law-enforcement-agency-or-academy"
    assert set(calm.audiences.values_list("slug", flat=True)) == {
        "law-enforcement-officers",
        "supervisors-and-leadership",
    }
    assert calm.state_codes == ["KY", "OH"]
    assert calm.is_free and str(calm.duration_hours) == "12.0"
    partners = CurriculumPage.objects.get(external_id="C-2")
    assert partners.offered_nationwide and partners.cost_description == "$120 per seat"
    assert partners.expiry_date is None
    body = client.get("/api/v2/catalog/", {"q": "Calm"}).json()
    assert [item["title"] for item in body["results"]] == ["Calm Contact"]


def test_reimporting_updates_by_external_id_without_duplicates(parents, tmp_path):
    run("curricula", write(tmp_path, CURRICULA_CSV))
    changed = CURRICULA_CSV.replace("Calm Contact", "Calm Contact Second Edition")
    run("curricula", write(tmp_path, changed))
    assert CurriculumPage.objects.count() == 2
    assert CurriculumPage.objects.get(external_id="C-1").title == "Calm Contact Second Edition"


def test_bad_rows_are_all_reported_by_line_and_nothing_is_written(parents, tmp_path, capsys):
    bad = (
        CURRICULA_CSV
        + "C-3,,Provider,no-such-type,Summary,law-enforcement-officers,communication-skills,in-person,abc,free,ZZ,2026-13-01,,notaurl\n"
        + "C-1,Duplicate,Provider,private-company,Summary,law-enforcement-officers,communication-skills,in-person,4,free,OH,2026-01-01,2025-01-01,\n"
    )
    with pytest.raises(CommandError, match="nothing was imported"):
        run("curricula", write(tmp_path, bad))
    errors = capsys.readouterr().err
    for expected in [
        "line 4: title: is required",
        "line 4: provider_type: unknown value 'no-such-type'",
        "line 4: duration_hours: 'abc' is not a number",
        "line 4: states: unknown state code 'ZZ'",
        "line 4: approval_date: '2026-13-01' is not an ISO 8601 date",
        "line 4: website: 'notaurl' is not a valid http(s) address",
        "line 5: external_id: 'C-1' repeats line 2",
        "line 5: expiry_date: must come after approval_date",
    ]:
        assert expected in errors
    assert CurriculumPage.objects.count() == 0


def test_dry_run_validates_and_writes_nothing(parents, tmp_path, capsys):
    run("curricula", write(tmp_path, CURRICULA_CSV), "--dry-run")
    assert "would create 2" in capsys.readouterr().out
    assert CurriculumPage.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("title,summary\nx,y\n", "line 1: header: missing column 'external_id'"),
        (CURRICULA_CSV.splitlines()[0] + "\n", "there are no rows to import"),
        (CURRICULA_CSV.replace("external_id,", "external_id,extra,", 1), "unknown column 'extra'"),
    ],
)
def test_malformed_files_are_refused_clearly(parents, tmp_path, capsys, content, problem):
    with pytest.raises(CommandError):
        run("curricula", write(tmp_path, content))
    assert problem in capsys.readouterr().err


def test_a_file_that_is_not_utf8_is_refused(parents, tmp_path, capsys):
    path = tmp_path / "latin1.csv"
    path.write_bytes(CURRICULA_CSV.replace("Calm", "Clâm").encode("latin-1"))
    with pytest.raises(CommandError):
        run("curricula", path)
    assert "not UTF-8" in capsys.readouterr().err


def test_resources_import(parents, tmp_path):
    run("resources", write(tmp_path, RESOURCES_CSV))
    resource = ResourcePage.objects.get(external_id="R-1")
    assert resource.live and resource.resource_type.slug == "toolkit"
    assert resource.external_url == "https://example.org/toolkit"
    assert resource.publication_date.year == 2025


def test_a_missing_file_is_a_clear_error(parents, tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        run("curricula", tmp_path / "nope.csv")
