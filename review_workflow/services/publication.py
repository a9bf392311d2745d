"""The catalog entry of an approved submission: created or updated on approval, withdrawn on
expiry, suspension or revocation. Runs inside the transition's transaction.

The catalog is the `curricula` app, which owns creating and updating its pages
(`curricula.services`); without it, approvals are recorded but nothing is listed.
"""

import datetime
import logging

from django.apps import apps
from django.utils import timezone

from pages.models import Audience, DeliveryMethod, TopicArea, USState

from ..core.errors import Conflict
from ..models import Rating
from ..selectors.approvals import approval_record_latest, approval_standing, verification_url
from .transitions import event_record

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
    # curricula is optional (DISABLED_APPS): it is imported only once known to be installed.
    from curricula.services import CatalogMissing, curriculum_page_publish

    try:
        page = curriculum_page_publish(
            page_id=_catalog_page_id(submission), data=_entry_data(submission), user=user
        )
    except CatalogMissing as missing:
        raise Conflict(str(missing)) from missing
    if submission.recertifies_id:
        # The entry now belongs to the recertified submission; the earlier approval's own
        # expiry must not take it down.
        type(submission).objects.filter(pk=submission.recertifies_id).update(catalog_page=None)
    submission.catalog_page_id = page.pk
    submission.save(update_fields=["catalog_page"])
    event_record(
        submission=submission, user=user, action="published", note=page.get_url() or page.url_path
    )


def catalog_withdraw(submission, user) -> None:
    """Take the submission's page out of the catalog at once."""
    if submission.catalog_page_id is None or not apps.is_installed("curricula"):
        return
    # curricula is optional (DISABLED_APPS): it is imported only once known to be installed.
    from curricula.services import curriculum_page_withdraw

    record = approval_record_latest(submission=submission)
    page = curriculum_page_withdraw(
        page_id=submission.catalog_page_id,
        user=user,
        approval_status=approval_standing(record=record) if record else "",
    )
    if page is not None:
        event_record(
            submission=submission,
            user=user,
            action="unpublished",
            note=page.get_url() or page.url_path,
        )


def _catalog_page_id(submission) -> int | None:
    for source in (submission, submission.recertifies):
        if source is not None and source.catalog_page_id:
            return source.catalog_page_id
    return None


def _entry_data(submission) -> dict:
    """The entry as approved: the approved version's fields, never later edits."""
    record = approval_record_latest(submission=submission)
    approved = record.version.snapshot
    organization = submission.organization
    return {
        "title": approved["title"],
        "provider_name": organization.name,
        "provider_type": organization.provider_type,
        "website": organization.website,
        "materials_url": submission.materials_link,
        "summary": approved["summary"] or approved["title"],
        "duration_hours": approved["total_hours"] or 0,
        "is_free": approved["is_free"],
        "cost_description": approved["cost_description"],
        "offered_nationwide": approved["offered_nationwide"],
        "approval_date": timezone.localtime(record.approved_at).date(),
        "expiry_date": record.expires_on,
        "standards_version": submission.standards_version.name,
        "contact_name": approved["contact_name"],
        "contact_email": approved["contact_email"],
        "contact_phone": approved["contact_phone"],
        "audiences": list(Audience.objects.filter(slug__in=approved["audiences"])),
        "topic_areas": list(TopicArea.objects.filter(slug__in=approved["topic_areas"])),
        "delivery_methods": list(
            DeliveryMethod.objects.filter(slug__in=approved["delivery_methods"])
        ),
        "states": list(USState.objects.filter(code__in=approved["states"])),
        "verification_code": record.code,
        "verification_url": verification_url(record=record),
        "approval_status": approval_standing(record=record),
        "approved_version_number": record.version.number,
        "approved_version_date": timezone.localtime(record.version.created_at).date(),
        "learning_objectives": approved.get("learning_objectives", ""),
        "modules": [
            ("module", {"title": module["title"], "hours": module["hours"], "description": ""})
            for module in approved.get("modules", [])
        ],
        "standards_met": [
            ("standard", {"code": rating.standard.code, "title": rating.standard.title})
            for rating in _consensus_met(submission)
        ],
    }


def _consensus_met(submission):
    """The standards the panel's consensus of the deciding round rated as met."""
    return (
        submission.consensus.filter(round=submission.review_round, rating=Rating.MEETS)
        .select_related("standard")
        .order_by("standard__sort_order")
    )
