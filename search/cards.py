"""Result cards: what a search result shows of a page, stored so results are served without
loading pages. Written on publication (`search.index_sync`) and by the bulk index task; read
with one query per page of results.

The card holds no URL: the page's `url_path` is read beside it, so moving or renaming a page
or any ancestor changes the URL at once, and the address is built for the requesting host.

A card records the format it was written in. A card of another format (written before an
upgrade changed what cards hold) is read as missing, so it is answered from the page, until
`migrate` or `search_cards_update` writes it again.
"""

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import connection
from django.db.models import Prefetch
from wagtail.models import Page

from curricula.models import CurriculumPage
from pages.models import ResourcePage, USState

from .models import ResultCard
from .serializers import curriculum_card, resource_card

# Raised whenever the fields a card holds change: 2 added the standards version.
CARD_FORMAT = 2
FORMAT_KEY = "format"


@dataclass(frozen=True)
class Card:
    """A result card's data and the page's tree path, from which its URL is built."""

    data: dict
    url_path: str


def curricula_with_terms(ids: Iterable[int]) -> list[CurriculumPage]:
    """These curricula with everything a result shows of them, in a fixed number of queries."""
    return list(
        CurriculumPage.objects.filter(pk__in=ids)
        .select_related("provider_type")
        .prefetch_related(
            "topic_areas",
            "audiences",
            "delivery_methods",
            Prefetch("states", queryset=USState.objects.order_by("code")),
        )
    )


def resources_with_terms(ids: Iterable[int]) -> list[ResourcePage]:
    """These resources with everything a result shows of them, in a fixed number of queries."""
    return list(
        ResourcePage.objects.filter(pk__in=ids)
        .select_related("resource_type")
        .prefetch_related("topic_areas")
    )


CARD_KINDS: dict[type[Page], tuple[Callable, Callable[[Page], dict]]] = {
    CurriculumPage: (curricula_with_terms, curriculum_card),
    ResourcePage: (resources_with_terms, resource_card),
}


def has_result_card(model: type) -> bool:
    """Whether pages of this type are search results with a stored card."""
    return model in CARD_KINDS


def result_cards_write(*, model: type[Page], page_ids: list[int]) -> int:
    """Build and store the cards of these pages from the database; return how many."""
    load, build = CARD_KINDS[model]
    cards = [
        ResultCard(page_id=page.pk, data={**build(page), FORMAT_KEY: CARD_FORMAT})
        for page in load(page_ids)
    ]
    ResultCard.objects.bulk_create(
        cards, update_conflicts=True, unique_fields=["page"], update_fields=["data"]
    )
    return len(cards)


def result_cards_delete(*, page_ids: list[int]) -> None:
    """Forget the cards of pages that are no longer published."""
    ResultCard.objects.filter(page_id__in=page_ids).delete()


def result_cards_for(*, model: type[Page], ids: list[int]) -> dict[int, Card]:
    """The cards of these pages, by id, in one query.

    A page published without a card yet (a bulk import whose index task has not run) is
    built from the page itself, so a result is never left out; so is a page whose card is of an
    older format.
    """
    cards = {
        pk: Card(data, url_path)
        for pk, data, url_path in _card_rows(ids)
        if data.get(FORMAT_KEY) == CARD_FORMAT
    }
    missing = [pk for pk in ids if pk not in cards]
    if missing:
        load, build = CARD_KINDS[model]
        cards.update({page.pk: Card(build(page), page.url_path) for page in load(missing)})
    return cards


def _card_rows(ids: list[int]) -> list[tuple[int, dict, str]]:
    """(page id, card data, url path) of these pages' cards, in one query."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return []
    with connection.cursor() as cursor:
        cursor.execute(_card_statement(len(ids)), ids)
        rows = cursor.fetchall()
    decode = ResultCard._meta.get_field("data").from_db_value
    return [(pk, decode(data, None, connection), url_path) for pk, data, url_path in rows]


@functools.lru_cache(maxsize=128)  # a page holds at most 100 results
def _card_statement(count: int) -> str:
    """The ORM's statement for the cards of `count` pages, made once for each count: building
    it was half the time of reading a page of twenty cards."""
    # Distinct stand-ins, so the ORM gives each its own placeholder, in this order.
    stand_ins = list(range(-count, 0))
    query = (
        ResultCard.objects.filter(page_id__in=stand_ins)
        .values_list("page_id", "data", "page__url_path")
        .query
    )
    sql, params = query.sql_with_params()
    if list(params) != stand_ins:
        raise RuntimeError("The ORM no longer gives each id of the card query a placeholder.")
    return sql


def result_cards_rebuild(*, batch_size: int = 500) -> int:
    """Write the card of every live catalog and library page again, and forget the cards of
    pages no longer live; return how many were written."""
    written = 0
    ResultCard.objects.exclude(page__live=True).delete()
    for model in CARD_KINDS:
        ids = list(model.objects.live().order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), batch_size):
            written += result_cards_write(model=model, page_ids=ids[start : start + batch_size])
    return written


def result_cards_outdated() -> bool:
    """Whether any stored card is of another format than the one written now."""
    formats = ResultCard.objects.values_list(f"data__{FORMAT_KEY}", flat=True).distinct()
    return any(value != CARD_FORMAT for value in formats)
