"""Creating, updating, publishing and withdrawing catalog entries, one at a time or in bulk:
every path that writes a CurriculumPage (a review's decision, the CSV import) goes through here.

`data` maps `CurriculumPage` field names to values; the relations (`audiences`, `topic_areas`,
`delivery_methods`, `states`) take lists of taxonomy objects and the provider type an object.
"""

import datetime
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from wagtail.actions.unpublish_page import UnpublishPageAction

from pages.bulk import BulkResult, Progress, page_values_differ, pages_bulk_publish

from .models import CatalogPage, CurriculumPage

logger = logging.getLogger(__name__)

CurriculumData = Mapping[str, Any]


class CatalogMissing(Exception):
    """There is no catalog page to add an entry to."""


def curriculum_page_create(
    *, parent: CatalogPage, data: CurriculumData, slug: str = "", user=None
) -> CurriculumPage:
    """Create a catalog entry under `parent` from `data` and publish it."""
    page = CurriculumPage()
    _fill(page, data)
    page.slug = slug or _free_slug(parent=parent, title=page.title)
    with transaction.atomic():
        parent.add_child(instance=page)
        _publish(page, user=user)
    return page


def curriculum_page_update(
    *, page: CurriculumPage, data: CurriculumData, user=None
) -> CurriculumPage:
    """Apply `data` to a catalog entry and publish it; nothing is written if nothing changes."""
    stored = CurriculumPage.objects.get(pk=page.pk)
    page = stored.get_latest_revision_as_object()
    if not stored.has_unpublished_changes and not page_values_differ(page, data):
        return stored
    _fill(page, data)
    with transaction.atomic():
        _publish(page, user=user)
    return page


def curriculum_pages_import(
    *,
    parent: CatalogPage,
    rows: Sequence[tuple[str, CurriculumData]],
    progress: Progress | None = None,
) -> BulkResult:
    """Create or update (by `external_id`) and publish many entries, without page signals."""
    return pages_bulk_publish(model=CurriculumPage, parent=parent, rows=rows, progress=progress)


def curriculum_page_publish(*, page_id: int | None, data: CurriculumData, user) -> CurriculumPage:
    """Create (or update) and publish the catalog entry of an approved curriculum.

    The review's decision is the authority here, not the user's page permissions; the entry
    is marked as a decision's, so it is live exactly while the approval is in force.
    """
    stored = CurriculumPage.objects.filter(pk=page_id).first() if page_id else None
    if stored is None:
        catalog = CatalogPage.objects.first()
        if catalog is None:
            raise CatalogMissing("There is no catalog page to publish the curriculum in.")
        entry = {**data, "decision_managed": True, "approval_in_force": True}
        return curriculum_page_create(parent=catalog, data=entry, user=user)
    CurriculumPage.objects.filter(pk=stored.pk).update(
        decision_managed=True, approval_in_force=True
    )
    page = CurriculumPage.objects.get(pk=stored.pk).get_latest_revision_as_object()
    _fill(page, data)
    _publish(page, user=user)
    return page


def curriculum_page_withdraw(
    *, page_id: int, user, approval_status: str = ""
) -> CurriculumPage | None:
    """Take a decision's entry out of the catalog at once, and keep it out until a new
    approval (None when there is no such page, or it was not live)."""
    page = CurriculumPage.objects.filter(pk=page_id).first()
    if page is None:
        return None
    was_live = page.live
    changes = {"approval_in_force": False}
    if approval_status:
        changes["approval_status"] = approval_status
    CurriculumPage.objects.filter(pk=page.pk).update(**changes)
    page.approval_in_force = False
    if not was_live:
        return None
    UnpublishPageAction(page, user=user, log_action=True).execute(skip_permission_checks=True)
    return page


def _fill(page: CurriculumPage, data: CurriculumData) -> None:
    for name, value in data.items():
        setattr(page, name, value)


def _publish(page: CurriculumPage, *, user) -> None:
    page.save_revision(user=user, log_action=True).publish(user=user, skip_permission_checks=True)


def _free_slug(*, parent: CatalogPage, title: str) -> str:
    base = slugify(title)[:200] or "curriculum"
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def curricula_expired_unpublish(*, today: datetime.date | None = None) -> int:
    """Unpublish every live curriculum whose approval ended before today; return how many."""
    expired = CurriculumPage.objects.live().expired(today=today)
    count = 0
    for page in expired:
        UnpublishPageAction(page, user=None, log_action=True).execute(skip_permission_checks=True)
        logger.info("Unpublished expired curriculum %s (expired %s)", page.pk, page.expiry_date)
        count += 1
    return count
