"""Background index upkeep: every search backend learns of page changes, with retries."""

import logging
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django_tasks import task, task_backends
from wagtail.models import Page, ReferenceIndex
from wagtail.search.backends import get_search_backend

from .cards import has_result_card, result_cards_write

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


INDEX_CHUNK = 500


@task()
def pages_index_bulk_update(page_ids: list[int], attempt: int = 1) -> None:
    """Write many pages (a bulk import, or the pages using a renamed term) to their result
    cards, every search backend and the reference index."""
    for start in range(0, len(page_ids), INDEX_CHUNK):
        chunk = page_ids[start : start + INDEX_CHUNK]
        for model, pages in _indexed_pages_by_model(chunk).items():
            _references_update(pages)
            _cards_update(model, pages)
            try:
                for alias in _backend_aliases():
                    get_search_backend(alias).add_bulk(model, pages)
            except Exception as error:  # the pages stay published; the rest is retried
                _retry(pages_index_bulk_update, page_ids[start:], attempt=attempt, error=error)
                return


def _indexed_pages_by_model(page_ids: list[int]) -> dict[type, list]:
    type_ids = Page.objects.filter(pk__in=page_ids).values_list("content_type", flat=True)
    models = {ContentType.objects.get_for_id(type_id).model_class() for type_id in set(type_ids)}
    return {model: list(model.get_indexed_objects().filter(pk__in=page_ids)) for model in models}


def _cards_update(model, pages: list) -> None:
    if has_result_card(model):
        result_cards_write(model=model, page_ids=[page.pk for page in pages if page.live])


def _references_update(pages: list) -> None:
    with transaction.atomic():
        for page in pages:
            ReferenceIndex.create_or_update_for_object(page)


@task()
def search_reconcile() -> int:
    """Repair every difference between published pages and each search index; returns how
    many pages were written again or removed. A backend that cannot be reached is left for
    the next run."""
    from .reconcile import backend_aliases, index_reconcile

    repaired = 0
    for alias in backend_aliases():
        try:
            difference = index_reconcile(alias)
        except Exception as error:  # the cluster is down: the next run repairs it
            logger.warning("Search index %s not reconciled: %s", alias, error)
            continue
        if difference.count:
            logger.warning("Search index %s repaired: %d page(s)", alias, difference.count)
        repaired += difference.count
    return repaired
