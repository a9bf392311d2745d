"""Keeps the search index true: page publication, unpublication, moves and deletions enqueue
a background task that writes to every search backend (retried on failure), so no request
waits on the search engine."""

from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move


def _enqueue_update(instance, **kwargs):
    from .tasks import page_index_update

    page_index_update.enqueue(instance.pk)


def _enqueue_removal(instance, **kwargs):
    from .tasks import page_index_removal

    if not isinstance(instance, Page):
        return
    model = instance.specific_class or Page
    # Deleting a page sends post_delete for each table of its inheritance chain: act once.
    if type(instance) is model:
        page_index_removal.enqueue(model._meta.label, instance.pk)


def _stop_synchronous_page_removal() -> None:
    """Wagtail's search removes a deleted object from the index inside the request; for pages,
    the removal task below does it in the background instead."""
    from modelsearch.index import get_indexed_models
    from modelsearch.signal_handlers import post_delete_signal_handler

    for model in get_indexed_models():
        if issubclass(model, Page):
            post_delete.disconnect(post_delete_signal_handler, sender=model)


def connect() -> None:
    _stop_synchronous_page_removal()
    page_published.connect(_enqueue_update, dispatch_uid="search-index-published")
    page_unpublished.connect(_enqueue_update, dispatch_uid="search-index-unpublished")
    post_page_move.connect(_enqueue_update, dispatch_uid="search-index-moved")
    post_delete.connect(_enqueue_removal, dispatch_uid="search-index-deleted")
