"""Site-wide search: every live, public page the site serves, whatever its type."""

import logging
import re

from django.conf import settings
from django.core.paginator import Page as ResultsPage
from django.core.paginator import Paginator
from wagtail import hooks
from wagtail.models import Page

from .engines import (
    FALLBACK_ALIAS,
    ClusterUnavailable,
    index_rebuild_request,
    is_missing_index,
    is_outage,
)

logger = logging.getLogger(__name__)

# Punctuation carries no meaning for a site search and trips some backends' query parsers.
_NOT_A_WORD = re.compile(r"[^\w\s'-]+")


def site_search_text(text: str) -> str:
    """The words of a query, punctuation removed and spaces collapsed."""
    return " ".join(_NOT_A_WORD.sub(" ", text).split())


def site_pages_search(*, text: str, backend: str = "default"):
    """Live, public pages matching the words, best first, without pages no longer served."""
    pages = Page.objects.live().public().exclude(depth__lte=1)
    for hidden_pages in hooks.get_hooks("register_hidden_pages"):
        pages = pages.exclude(pk__in=hidden_pages())
    return pages.specific().search(site_search_text(text), operator="and", backend=backend)


def site_search_page(*, text: str, number, per_page: int) -> ResultsPage:
    """One page of site search results, read at once; from the database index while the
    cluster cannot answer, if one is kept (else `ClusterUnavailable`)."""
    try:
        return _results_page(site_pages_search(text=text), number, per_page)
    except Exception as error:
        if not is_outage(error):
            raise
        if is_missing_index(error):
            index_rebuild_request()
        if FALLBACK_ALIAS not in settings.WAGTAILSEARCH_BACKENDS:
            raise ClusterUnavailable(str(error)) from error
        logger.warning("Search cluster unreachable, answering site search from the database")
        return _results_page(
            site_pages_search(text=text, backend=FALLBACK_ALIAS), number, per_page
        )


def _results_page(results, number, per_page: int) -> ResultsPage:
    page = Paginator(results, per_page).get_page(number)
    page.object_list = list(page.object_list)
    return page
