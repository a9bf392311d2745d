"""Background index upkeep: every search backend learns of page changes, with retries."""

import logging
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.utils import timezone
from django_tasks import task, task_backends
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
RETRY_DELAYS = [
    timedelta(seconds=30),
    timedelta(minutes=2),
    timedelta(minutes=10),
    timedelta(hours=1),
]


def _backend_aliases() -> list[str]:
    return list(settings.WAGTAILSEARCH_BACKENDS)


def _retry(task_function, *args, attempt: int, error: Exception) -> None:
    """Enqueue the same work again later, or log that it is left to `search_reconcile`."""
    if attempt >= MAX_ATTEMPTS or not task_backends["default"].supports_defer:
        logger.error(
            "Search index update %s%r failed (attempt %d), not retried: %s. "
            "Run `manage.py search_reconcile` to repair the index.",
            task_function.name,
            args,
            attempt,
            error,
        )
        return
    delay = RETRY_DELAYS[min(attempt - 1, len(RETRY_DELAYS) - 1)]
    logger.warning(
        "Search index update %s%r failed (attempt %d), retrying in %s: %s",
        task_function.name,
        args,
        attempt,
        delay,
        error,
    )
    task_function.using(run_after=timezone.now() + delay).enqueue(*args, attempt=attempt + 1)


@task()
def page_index_update(page_id: int, attempt: int = 1) -> None:
    """Write a page's current state (live or not) to every search backend."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return  # deleted since: the removal task handles it
    indexed = page.specific.get_indexed_instance()
    try:
        for alias in _backend_aliases():
            get_search_backend(alias).add(indexed)
    except Exception as error:  # any backend failure: the page stays published, we retry
        _retry(page_index_update, page_id, attempt=attempt, error=error)


@task()
def page_index_removal(model_label: str, page_id: int, attempt: int = 1) -> None:
    """Remove a deleted page from every search backend."""
    model = apps.get_model(model_label)
    try:
        for alias in _backend_aliases():
            get_search_backend(alias).delete(model(pk=page_id))
    except Exception as error:
        _retry(page_index_removal, model_label, page_id, attempt=attempt, error=error)
