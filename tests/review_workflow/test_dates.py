"""Dates are the dates of TIME_ZONE: the catalog, the letter and the portal agree on the day."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone

from curricula.models import CurriculumPage
from review_workflow.models import Decision
from tests.review_workflow.test_expert_review import accept_and_review, approve, assign


@pytest.fixture
def in_reconciliation(accepted_submission, coordinator, reviewers):
    officer, clinician = reviewers["officer"], reviewers["clinician"]
    assign(coordinator, accepted_submission, officer, clinician)
    accept_and_review(accepted_submission, officer, clinician)
    return accepted_submission


def zone_on_another_day_than_utc() -> str:
    """A zone whose date differs from UTC's right now (one of the two always does)."""
    now = timezone.now()
    for zone in ("Pacific/Kiritimati", "Etc/GMT+12"):
        local = timezone.localtime(now, timezone=zoneinfo.ZoneInfo(zone))
        if local.date() != now.astimezone(datetime.UTC).date():
            return zone
    raise AssertionError("unreachable")


def test_the_catalog_shows_the_approval_day_of_the_configured_time_zone(
    demo_site,
    in_reconciliation,
    coordinator,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.TIME_ZONE = zone_on_another_day_than_utc()
    approve(coordinator, in_reconciliation, django_capture_on_commit_callbacks)
    in_reconciliation.refresh_from_db()
    local_day = timezone.localdate(in_reconciliation.approved_at)
    assert local_day != in_reconciliation.approved_at.astimezone(datetime.UTC).date()
    page = CurriculumPage.objects.get(pk=in_reconciliation.catalog_page_id)
    assert page.approval_date == local_day
    letter = Decision.objects.get(submission=in_reconciliation)
    assert timezone.localdate(letter.finalised_at) == local_day
