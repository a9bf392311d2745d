"""Writes of catalog entries: every path that creates, updates or withdraws a CurriculumPage
(a review's decision, the CSV import) goes through here."""

from django.utils.text import slugify
from wagtail.actions.unpublish_page import UnpublishPageAction

from .models import CatalogPage, CurriculumPage


class CatalogMissing(Exception):
    """There is no catalog page to add an entry to."""


def curriculum_page_publish(*, page_id: int | None, data: dict, user) -> CurriculumPage:
    """Create (or update) and publish the catalog entry of an approved curriculum.

    The review's decision is the authority here, not the user's page permissions; the entry
    is marked as a decision's, so it is live exactly while the approval is in force.
    """
    page = _latest(page_id)
    _fill(page, data)
    page.decision_managed = True
    page.approval_in_force = True
    if page.pk is not None:
        CurriculumPage.objects.filter(pk=page.pk).update(
            decision_managed=True, approval_in_force=True
        )
    else:
        catalog = CatalogPage.objects.first()
        if catalog is None:
            raise CatalogMissing("There is no catalog page to publish the curriculum in.")
        page.slug = curriculum_slug_free(catalog, slugify(page.title)[:200] or "curriculum")
        catalog.add_child(instance=page)
    page.save_revision(user=user, log_action=True).publish(user=user, skip_permission_checks=True)
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


def curriculum_slug_free(parent, base: str) -> str:
    """`base`, or `base-2`, `base-3`... whichever no sibling has yet."""
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _latest(page_id: int | None) -> CurriculumPage:
    page = CurriculumPage.objects.filter(pk=page_id).first() if page_id else None
    return page.get_latest_revision_as_object() if page is not None else CurriculumPage()


def _fill(page: CurriculumPage, data: dict) -> None:
    for name, value in data.items():
        setattr(page, name, value)
