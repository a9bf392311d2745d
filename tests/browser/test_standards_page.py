"""The public standards pages have no serious or critical axe-core violations."""

import datetime

import pytest
from django.apps import apps

from pages.demo import demo_content_seed
from review_workflow.models import StandardsVersion
from review_workflow.seed import workflow_essentials_ensure

from .conftest import serious_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def demo_server(live_server):
    demo_content_seed()
    # The first standards version comes from a migration; a flushed database lacks it.
    workflow_essentials_ensure(apps)
    return live_server


@pytest.fixture
def retired_version():
    """The seeded first version, retired by a second one made current."""
    first = StandardsVersion.current()
    second = first.copy_as_draft(
        name="National Standards v2.0", effective_date=datetime.date.today()
    )
    second.status = StandardsVersion.Status.CURRENT
    second.save()
    first.refresh_from_db()
    return first


def test_the_current_standards_page_is_accessible(demo_server, page, axe):
    response = page.goto(demo_server.url + "/standards/")
    assert response.status == 200
    assert page.get_by_role("heading", level=1).inner_text() == "National standards"
    assert page.get_by_role("heading", name="DE-1: De-escalation tactics and techniques").count()
    assert serious_violations(axe, page) == []


def test_a_retired_standards_page_is_accessible(demo_server, page, axe, retired_version):
    page.goto(demo_server.url + "/standards/")
    page.get_by_role("link", name=retired_version.name).click()
    assert page.url == f"{demo_server.url}/standards/{retired_version.pk}/"
    assert page.get_by_role("heading", name="This version has been retired").count() == 1
    assert serious_violations(axe, page) == []


def test_the_empty_standards_page_is_accessible(demo_server, page, axe):
    StandardsVersion.objects.update(status=StandardsVersion.Status.RETIRED)
    response = page.goto(demo_server.url + "/standards/")
    assert response.status == 200
    assert page.get_by_role("heading", name="No standards are in effect").count() == 1
    assert serious_violations(axe, page) == []
