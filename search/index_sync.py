"""Keeps the search index true: page publication, unpublication, moves and deletions enqueue
a background task that writes to every search backend (retried on failure)."""

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


def connect() -> None:
    page_published.connect(_enqueue_update, dispatch_uid="search-index-published")
    page_unpublished.connect(_enqueue_update, dispatch_uid="search-index-unpublished")
    post_page_move.connect(_enqueue_update, dispatch_uid="search-index-moved")
    post_delete.connect(_enqueue_removal, dispatch_uid="search-index-deleted")
