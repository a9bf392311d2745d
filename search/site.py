"""Site-wide search: every live, public page the site serves, whatever its type."""

import re

from wagtail import hooks
from wagtail.models import Page

# Punctuation carries no meaning for a site search and trips some backends' query parsers.
_NOT_A_WORD = re.compile(r"[^\w\s'-]+")


def site_search_text(text: str) -> str:
    """The words of a query, punctuation removed and spaces collapsed."""
    return " ".join(_NOT_A_WORD.sub(" ", text).split())


def site_pages_search(*, text: str):
    """Live, public pages matching the words, best first, without pages no longer served."""
    pages = Page.objects.live().public().exclude(depth__lte=1)
    for hidden_pages in hooks.get_hooks("register_hidden_pages"):
        pages = pages.exclude(pk__in=hidden_pages())
    return pages.specific().search(site_search_text(text), operator="and")
