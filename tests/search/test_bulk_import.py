"""`import_catalog` writes in batches: one revision per written page, one index task per import,
nothing at all for rows that change nothing, and a valid page tree."""

import io

import pytest
from django.core.management import call_command
from django_tasks.signals import task_enqueued
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision

from curricula.models import CatalogPage, CurriculumPage
from mailing.models import Announcement
from pages.models import ProviderType, ResourcePage
from tests.search.test_import_catalog import CURRICULA_CSV, RESOURCES_CSV, parents  # noqa: F401

HEADER = CURRICULA_CSV.splitlines()[0]
ROW = (
    "B-{n},Bulk Course {n},Provider {n},private-company,Summary number {n}.,"
    "law-enforcement-officers,communication-skills;de-escalation-tactics-and-techniques,"
    "in-person,{hours},free,OH;KY,2026-01-01,2029-01-01,https://example.org/{n}"
)


def csv_rows(count: int, *, hours: str = "8") -> str:
    rows = [ROW.format(n=n, hours=hours) for n in range(count)]
    return "\n".join([HEADER, *rows]) + "\n"


@pytest.fixture
def enqueued():
    """Names of the tasks enqueued while the test runs."""
    names = []

    def record(sender, task_result, **kwargs):
        names.append(task_result.task.name)

    task_enqueued.connect(record)
    yield names
    task_enqueued.disconnect(record)


def run(tmp_path, text, *args, stdout=None):
    path = tmp_path / "import.csv"
    path.write_text(text, encoding="utf-8")
    out = stdout or io.StringIO()
    call_command("import_catalog", "curricula", str(path), *args, stdout=out)
    return out.getvalue()


def revisions_of(model):
    return Revision.objects.filter(content_type__model=model._meta.model_name)


def test_import_writes_one_revision_per_page_and_one_task(parents, tmp_path, enqueued):  # noqa: F811
    run(tmp_path, csv_rows(620))  # more than one batch
    assert CurriculumPage.objects.live().count() == 620
    assert revisions_of(CurriculumPage).count() == 620
    assert PageLogEntry.objects.filter(action="wagtail.publish", page__depth=4).count() == 620
    assert enqueued == ["pages_index_bulk_update"]
    assert Announcement.objects.count() == 0  # imports offer no announcement drafts
    page = CurriculumPage.objects.get(external_id="B-7")
    assert page.latest_revision_id == page.live_revision_id
    assert not page.has_unpublished_changes and page.first_published_at
    assert page.url_path == "/home/catalog/bulk-course-7/"


def test_reimporting_an_unchanged_file_writes_nothing(parents, tmp_path, enqueued):  # noqa: F811
    run(tmp_path, csv_rows(30))
    published = dict(CurriculumPage.objects.values_list("pk", "last_published_at"))
    revisions, entries = Revision.objects.count(), PageLogEntry.objects.count()
    enqueued.clear()

    output = run(tmp_path, csv_rows(30))

    assert "created 0, updated 0, unchanged 30" in output
    assert Revision.objects.count() == revisions
    assert PageLogEntry.objects.count() == entries
    assert enqueued == []
    assert dict(CurriculumPage.objects.values_list("pk", "last_published_at")) == published


def test_reimporting_writes_only_the_rows_that_changed(parents, tmp_path, enqueued):  # noqa: F811
    run(tmp_path, csv_rows(10))
    enqueued.clear()
    changed = (
        csv_rows(10)
        .replace("Summary number 3.", "A new summary.")
        .replace(
            "B-5,Bulk Course 5,Provider 5,private-company",
            "B-5,Bulk Course 5,Provider 5,nonprofit-organization",
        )
    )
    changed = changed.replace("OH;KY,2026-01-01,2029-01-01,https://example.org/8", "nationwide,"
                              "2026-01-01,2029-01-01,https://example.org/8")  # fmt: skip

    output = run(tmp_path, changed)

    assert "created 0, updated 3, unchanged 7" in output
    assert enqueued == ["pages_index_bulk_update"]
    three, five, eight = (CurriculumPage.objects.get(external_id=f"B-{n}") for n in (3, 5, 8))
    assert three.summary == "A new summary." and three.revisions.count() == 2
    assert five.provider_type == ProviderType.objects.get(slug="nonprofit-organization")
    assert eight.offered_nationwide and eight.state_codes == ["nationwide"]
    assert list(eight.states.all()) == []
    assert CurriculumPage.objects.get(external_id="B-4").revisions.count() == 1
    latest = eight.get_latest_revision_as_object()
    assert latest.offered_nationwide and list(latest.states.all()) == []


def test_imported_pages_are_searchable_and_served(parents, tmp_path, client):  # noqa: F811
    run(tmp_path, csv_rows(12))
    body = client.get("/api/v2/catalog/", {"q": "Bulk Course 11"}).json()
    assert body["results"][0]["title"] == "Bulk Course 11"
    facets = client.get("/api/v2/catalog/", {"state": "KY", "topic": "communication-skills"})
    assert facets.json()["count"] == 12
    assert client.get("/catalog/bulk-course-4/").status_code == 200
    page = CurriculumPage.objects.get(external_id="B-4")
    assert ReferenceIndex.get_references_for_object(page).exists()  # provider type, terms


def test_the_page_tree_stays_valid_next_to_pages_made_one_by_one(parents, tmp_path):  # noqa: F811
    from curricula.services import curriculum_page_create

    catalog = CatalogPage.objects.get()
    data = {
        "title": "Made By Hand",
        "provider_name": "Someone",
        "provider_type": ProviderType.objects.first(),
        "summary": "Made one by one.",
        "duration_hours": 4,
        "approval_date": "2026-01-01",
    }
    curriculum_page_create(parent=catalog, data=data)
    run(tmp_path, csv_rows(15))
    curriculum_page_create(parent=CatalogPage.objects.get(), data=data | {"title": "After"})

    assert all(not problems for problems in Page.find_problems())
    catalog.refresh_from_db()
    assert catalog.numchild == 17 == catalog.get_children().count()
    assert CatalogPage.objects.get().get_children().last().title == "After"


def test_import_appends_a_unique_slug_when_a_title_is_taken(parents, tmp_path):  # noqa: F811
    text = csv_rows(2).replace("Bulk Course 1,", "Bulk Course 0,")
    run(tmp_path, text)
    slugs = sorted(CurriculumPage.objects.values_list("slug", flat=True))
    assert slugs == ["bulk-course-0", "bulk-course-0-2"]


def test_progress_is_shown_on_a_terminal_and_quiet_is_silent(parents, tmp_path):  # noqa: F811
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    shown = run(tmp_path, csv_rows(3), stdout=Terminal())
    assert "\r3/3 rows" in shown and "rows/s" in shown
    assert run(tmp_path, csv_rows(4), "--quiet", stdout=Terminal()) == ""
    assert CurriculumPage.objects.count() == 4


def test_a_failing_file_after_a_good_one_changes_nothing(parents, tmp_path, enqueued):  # noqa: F811
    run(tmp_path, csv_rows(5))
    enqueued.clear()
    bad = csv_rows(6).replace("Summary number 1.", "New") + "B-9,,,,,,,,,,,,,\n"
    with pytest.raises(Exception, match="nothing was imported"):
        run(tmp_path, bad)
    assert CurriculumPage.objects.count() == 5 and enqueued == []
    assert CurriculumPage.objects.get(external_id="B-1").summary == "Summary number 1."


def test_resources_are_imported_in_bulk_too(parents, tmp_path, enqueued):  # noqa: F811
    path = tmp_path / "resources.csv"
    path.write_text(RESOURCES_CSV, encoding="utf-8")
    call_command("import_catalog", "resources", str(path), stdout=io.StringIO())
    call_command("import_catalog", "resources", str(path), stdout=io.StringIO())
    resource = ResourcePage.objects.get(external_id="R-1")
    assert resource.live and resource.revisions.count() == 1
    assert enqueued == ["pages_index_bulk_update"]
    assert ResourcePage.objects.search("Responder Toolkit").count() == 1
