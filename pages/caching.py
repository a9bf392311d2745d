"""A cache of what every public page shows (menu, news teaser, taxonomy, years), cleared when
published content changes.

Every change to public content (a page published, unpublished, moved or deleted, a taxonomy
term or site saved, a bulk import) replaces the content *version*, a random token stored in the
cache with the time of the change. Cached fragments are keyed by it, so a change makes every
one of them stale at once, and the HTTP layer derives ETag and Last-Modified from it.
"""

import datetime
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q, QuerySet
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

VERSION_KEY = "pages:content-version"
FRAGMENT_TIMEOUT = 60 * 60
T = TypeVar("T")


# The content version and the fragments already read in the current `fragments_pinned()`
# block, by name.
_pinned: ContextVar[dict | None] = ContextVar("pages_fragments_pinned", default=None)


def content_version() -> tuple[str, datetime.datetime]:
    """The current content version's token and the time content last changed."""
    pinned = _pinned.get()
    if pinned is not None and VERSION_KEY in pinned:
        return pinned[VERSION_KEY]
    version = cache.get(VERSION_KEY)
    if version is None:
        # Unknown (a fresh or evicted cache): a new token, so nothing stale is ever matched.
        version = (uuid.uuid4().hex[:16], timezone.now().replace(microsecond=0))
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    if pinned is not None:
        pinned[VERSION_KEY] = version
    return version


def content_changed() -> None:
    """Start a new content version now, for what the current transaction reads next (a page
    made private must leave every cached answer at once), and again once it commits, for what
    other processes cached from the data as it was before (a rollback only costs a cache miss)."""
    _new_version()
    transaction.on_commit(_new_version)


def _new_version() -> None:
    pinned = _pinned.get()
    if pinned is not None:
        pinned.clear()  # what the block read belongs to the old version
    cache.set(
        VERSION_KEY, (uuid.uuid4().hex[:16], timezone.now().replace(microsecond=0)), timeout=None
    )


@contextmanager
def fragments_pinned() -> Iterator[None]:
    """Within the block, the content version and each fragment are read from the cache (or
    computed) at most once, so a request that asks for the vocabulary many times (forms,
    facets, labels) reads it once. A block within another shares the outer one's readings."""
    if _pinned.get() is not None:
        yield
        return
    token = _pinned.set({})
    try:
        yield
    finally:
        _pinned.reset(token)


def cached_fragment(name: str, compute: Callable[[], T]) -> T:
    """`compute()`, cached until public content next changes."""
    pinned = _pinned.get()
    if pinned is not None and name in pinned:
        return pinned[name]
    key = f"pages:fragment:{name}:{content_version()[0]}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=FRAGMENT_TIMEOUT)
    if pinned is not None:
        pinned[name] = value
    return value


# Values kept in this process, by name: (content version token, day, value).
_in_process: dict[str, tuple[str, datetime.date, object]] = {}
# Re-entrant: computing one kept value may read another (a form reads the vocabulary).
_in_process_lock = threading.RLock()


def kept_fragment(name: str, compute: Callable[[], T]) -> T:
    """`cached_fragment`, kept in this process's memory too: for a small value read on every
    request (the vocabulary), which is then read from the shared cache once per process and
    content version. The value is shared by every request, so it must never be changed."""
    return kept_in_process(f"fragment:{name}", lambda: cached_fragment(name, compute))


def kept_in_process(name: str, compute: Callable[[], T]) -> T:
    """`compute()`, kept in this process's memory until public content next changes or the
    day ends: for values too large to read from the shared cache on every request."""
    token, today = content_version()[0], timezone.localdate()
    kept = _in_process.get(name)
    if kept and kept[:2] == (token, today):
        return kept[2]
    with _in_process_lock:
        kept = _in_process.get(name)
        if not (kept and kept[:2] == (token, today)):
            kept = (token, today, compute())
            _in_process[name] = kept
        return kept[2]


def _on_change(sender=None, **kwargs) -> None:
    content_changed()


def public_pages(queryset: QuerySet) -> QuerySet:
    """`queryset.public()`, with the restricted sections read from the cache (Wagtail reads
    them from the database on every call)."""
    sections = cached_fragment(
        "restricted-sections",
        lambda: list(PageViewRestriction.objects.values_list("page__path", "page__depth")),
    )
    private = Q()
    for path, depth in sections:
        private |= Q(path__startswith=path, depth__gte=depth)
    return queryset.exclude(private) if sections else queryset


def connect(taxonomy_models: list[type], settings_models: list[type]) -> None:
    """Start a new version whenever public content, the taxonomy or site settings change."""
    page_published.connect(_on_change, dispatch_uid="pages-cache-published")
    page_unpublished.connect(_on_change, dispatch_uid="pages-cache-unpublished")
    post_page_move.connect(_on_change, dispatch_uid="pages-cache-moved")
    post_delete.connect(_on_page_deleted, dispatch_uid="pages-cache-deleted")
    post_save.connect(_on_change, sender=Site, dispatch_uid="pages-cache-site")
    for signal in (post_save, post_delete):
        signal.connect(
            _on_change,
            sender=PageViewRestriction,
            dispatch_uid=f"pages-cache-restriction-{signal is post_save}",
        )
    for model in taxonomy_models:
        post_save.connect(_on_change, sender=model, dispatch_uid=f"pages-cache-{model.__name__}")
        post_delete.connect(
            _on_change, sender=model, dispatch_uid=f"pages-cache-{model.__name__}-deleted"
        )
    for model in settings_models:
        post_save.connect(
            _on_settings_saved, sender=model, dispatch_uid=f"pages-cache-{model.__name__}"
        )


def _on_settings_saved(sender, created: bool, **kwargs) -> None:
    # Wagtail creates a site's settings, with their defaults, when a page first reads them:
    # the page already showed those defaults, so nothing cached is stale.
    if not created:
        content_changed()


def _on_page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        content_changed()
