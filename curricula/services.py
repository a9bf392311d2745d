"""Creating, updating and publishing catalog entries, one at a time or in bulk.

`data` maps `CurriculumPage` field names to values; the relations (`audiences`, `topic_areas`,
`delivery_methods`, `states`) take lists of taxonomy objects and the provider type an object.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from pages.bulk import BulkResult, Progress, page_values_differ, pages_bulk_publish

from .models import CatalogPage, CurriculumPage

CurriculumData = Mapping[str, Any]


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
