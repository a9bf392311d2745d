"""Writes on the catalog that other apps and scheduled commands call."""

import datetime
import logging

from wagtail.actions.unpublish_page import UnpublishPageAction

from .models import CurriculumPage

logger = logging.getLogger(__name__)


def curricula_expired_unpublish(*, today: datetime.date | None = None) -> int:
    """Unpublish every live curriculum whose approval ended before today; return how many."""
    expired = CurriculumPage.objects.live().expired(today=today)
    count = 0
    for page in expired:
        UnpublishPageAction(page, user=None, log_action=True).execute(skip_permission_checks=True)
        logger.info("Unpublished expired curriculum %s (expired %s)", page.pk, page.expiry_date)
        count += 1
    return count
