"""Keeps the search index true: page publication, unpublication, moves and deletions enqueue
a background task that writes to every search backend (retried on failure), so no request
waits on the search engine. A page's result card is written with its publication, in the same
transaction; a vocabulary term whose slug changes has every page using it written again."""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move


def _enqueue_update(instance, **kwargs):
    from .tasks import page_index_update

    page_index_update.enqueue(instance.pk)


def _card_write(sender, instance, **kwargs):
    from .cards import has_result_card, result_cards_write

    if has_result_card(type(instance)):
        result_cards_write(model=type(instance), page_ids=[instance.pk])


def _card_delete(sender, instance, **kwargs):
    from .cards import result_cards_delete

    result_cards_delete(page_ids=[instance.pk])


def _enqueue_removal(instance, **kwargs):
    from .tasks import page_index_removal

    if not isinstance(instance, Page):
        return
    model = instance.specific_class or Page
    # Deleting a page sends post_delete for each table of its inheritance chain: act once.
    if type(instance) is model:
        page_index_removal.enqueue(model._meta.label, instance.pk)


def _pages_using(term) -> list[int]:
    """Ids of the catalog and library pages that refer to a vocabulary term."""
    from .cards import CARD_KINDS

    ids: set[int] = set()
    for model in CARD_KINDS:
        for field in model._meta.get_fields():
            if _refers_to(field, type(term)):
                ids.update(model.objects.filter(**{field.name: term}).values_list("pk", flat=True))
    return sorted(ids)


def _refers_to(field, term_model) -> bool:
    forward = field.many_to_many or field.many_to_one
    return forward and not field.auto_created and field.related_model is term_model


def _term_before_save(sender, instance, **kwargs):
    # Cards and index documents hold a term's slug (or a state's code), never its name.
    key = "code" if hasattr(instance, "code") else "slug"
    stored = sender.objects.filter(pk=instance.pk).values_list(key, flat=True).first()
    instance._pages_to_rewrite = (
        _pages_using(instance) if stored is not None and stored != getattr(instance, key) else []
    )


def _term_before_delete(sender, instance, **kwargs):
    instance._pages_to_rewrite = _pages_using(instance)


def _term_changed(sender, instance, **kwargs):
    from .tasks import pages_index_bulk_update

    page_ids = getattr(instance, "_pages_to_rewrite", [])
    if page_ids:
        pages_index_bulk_update.enqueue(page_ids)


def _stop_synchronous_page_removal() -> None:
    """Wagtail's search removes a deleted object from the index inside the request; for pages,
    the removal task below does it in the background instead."""
    from modelsearch.index import get_indexed_models
    from modelsearch.signal_handlers import post_delete_signal_handler

    for model in get_indexed_models():
        if issubclass(model, Page):
            post_delete.disconnect(post_delete_signal_handler, sender=model)


def connect() -> None:
    from pages.models import (
        Audience,
        DeliveryMethod,
        ProviderType,
        ResourceType,
        TopicArea,
        USState,
    )

    _stop_synchronous_page_removal()
    page_published.connect(_card_write, dispatch_uid="search-card-published")
    page_unpublished.connect(_card_delete, dispatch_uid="search-card-unpublished")
    page_published.connect(_enqueue_update, dispatch_uid="search-index-published")
    page_unpublished.connect(_enqueue_update, dispatch_uid="search-index-unpublished")
    post_page_move.connect(_enqueue_update, dispatch_uid="search-index-moved")
    post_delete.connect(_enqueue_removal, dispatch_uid="search-index-deleted")
    for model in (Audience, DeliveryMethod, ProviderType, ResourceType, TopicArea, USState):
        uid = f"search-term-{model.__name__}"
        pre_save.connect(_term_before_save, sender=model, dispatch_uid=f"{uid}-saving")
        post_save.connect(_term_changed, sender=model, dispatch_uid=f"{uid}-saved")
        pre_delete.connect(_term_before_delete, sender=model, dispatch_uid=f"{uid}-deleting")
        post_delete.connect(_term_changed, sender=model, dispatch_uid=f"{uid}-deleted")
