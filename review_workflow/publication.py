"""The catalog entry of an approved submission: created or updated on approval, withdrawn on
expiry, suspension or revocation. Runs inside the transition's transaction.

The catalog is the `curricula` app; without it, approvals are recorded but nothing is listed.
"""

import datetime
import logging

from django.apps import apps
from django.utils.text import slugify
from wagtail.actions.unpublish_page import UnpublishPageAction

from .services import TransitionRefused, event_record

logger = logging.getLogger(__name__)


def approval_expiry(approved_on: datetime.date, years: int) -> datetime.date:
    """The same day `years` later (28 February for an approval on 29 February)."""
    try:
        return approved_on.replace(year=approved_on.year + years)
    except ValueError:
        return approved_on.replace(year=approved_on.year + years, day=28)


def catalog_publish(submission, user) -> None:
    """Create or update the submission's catalog page from its data, and publish it."""
    if not apps.is_installed("curricula"):
        logger.warning("Submission %s approved; the catalog app is not installed", submission.pk)
        return
    page = _catalog_page_for(submission)
    _fill(page, submission)
    if page.pk is None:
        catalog = _catalog()
        page.slug = _free_slug(catalog, slugify(submission.title)[:200] or "curriculum")
        catalog.add_child(instance=page)
    # The decision is the authority here, not the coordinator's page permissions.
    page.save_revision(user=user, log_action=True).publish(user=user, skip_permission_checks=True)
    if submission.recertifies_id:
        # The entry now belongs to the recertified submission; the earlier approval's own
        # expiry must not take it down.
        type(submission).objects.filter(pk=submission.recertifies_id).update(catalog_page=None)
    submission.catalog_page_id = page.pk
    submission.save(update_fields=["catalog_page"])
    event_record(submission, user, "published", note=page.get_url() or page.url_path)


def catalog_withdraw(submission, user) -> None:
    """Take the submission's page out of the catalog at once."""
    page = submission.catalog_page
    if page is None or not page.live:
        return
    UnpublishPageAction(page.specific, user=user, log_action=True).execute(
        skip_permission_checks=True
    )
    event_record(submission, user, "unpublished", note=page.get_url() or page.url_path)


def _catalog():
    from curricula.models import CatalogPage

    catalog = CatalogPage.objects.first()
    if catalog is None:
        raise TransitionRefused("There is no catalog page to publish the curriculum in.", 409)
    return catalog


def _catalog_page_for(submission):
    from curricula.models import CurriculumPage

    for source in (submission, submission.recertifies):
        if source is not None and source.catalog_page_id:
            page = CurriculumPage.objects.filter(pk=source.catalog_page_id).first()
            if page is not None:
                return page.get_latest_revision_as_object()
    return CurriculumPage()


def _fill(page, submission) -> None:
    organization = submission.organization
    page.title = submission.title
    page.provider_name = organization.name
    page.provider_type = organization.provider_type
    page.website = organization.website
    page.materials_url = submission.materials_link
    page.summary = submission.summary or submission.title
    page.duration_hours = submission.total_hours or 0
    page.is_free = submission.is_free
    page.cost_description = submission.cost_description
    page.offered_nationwide = submission.offered_nationwide
    page.approval_date = submission.approved_at.date()
    page.expiry_date = submission.expires_on
    page.standards_version = submission.standards_version.name
    page.contact_name = submission.contact_name
    page.contact_email = submission.contact_email
    page.contact_phone = submission.contact_phone
    page.audiences = list(submission.audiences.all())
    page.topic_areas = list(submission.topic_areas.all())
    page.delivery_methods = list(submission.delivery_methods.all())
    page.states = list(submission.states.all())


def _free_slug(parent, base: str) -> str:
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug
