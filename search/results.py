"""What the catalog and library pages show of each result, read from its stored card
(`search.cards`) and the cached vocabulary: no page, term or site is loaded.

A result answers the attributes the card templates read of a page (`item.url`,
`item.delivery_methods.all`, `item.resource_type.name`…), so the same templates render pages
and stored cards alike, with the same text.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .cards import Card
from .collections import CATALOG, RESOURCES
from .facets import NATIONWIDE
from .serializers import PagePath


@dataclass(frozen=True)
class Term:
    """A vocabulary term as a result shows it: by its name."""

    slug: str
    name: str

    def __str__(self) -> str:
        return self.name


class Terms(tuple):
    """A result's terms in vocabulary order; `.all()` answers like a page's related manager."""

    def all(self) -> "Terms":
        return self


@dataclass(frozen=True)
class CurriculumResult:
    """A curriculum in the catalog's results."""

    pk: int
    url: str | None
    title: str
    summary: str
    provider_name: str
    duration_hours: Decimal
    cost_label: str
    delivery_methods: Terms
    audiences: Terms
    where_offered: str
    approval_date: date | None
    expiry_date: date | None
    standards_version: str


@dataclass(frozen=True)
class ResourceResult:
    """A resource in the library's results."""

    pk: int
    url: str | None
    title: str
    summary: str
    resource_type: Term | None
    publisher: str
    publication_date: date | None


def curriculum_result(card: Card) -> CurriculumResult:
    """A curriculum's result, from its card."""
    data = card.data
    return CurriculumResult(
        pk=data["id"],
        url=_url(card),
        title=data["title"],
        summary=data["summary"],
        provider_name=data["provider"],
        # The card keeps hours as a JSON number; as text it reads back the page's decimal.
        duration_hours=Decimal(str(data["duration_hours"])),
        cost_label=data["cost"],
        delivery_methods=_terms(CATALOG.facet("delivery").choices(), data["delivery_methods"]),
        audiences=_terms(CATALOG.facet("audience").choices(), data["audiences"]),
        where_offered=_where_offered(data["states"]),
        approval_date=_date(data["approval_date"]),
        expiry_date=_date(data["expiry_date"]),
        standards_version=data["standards_version"],
    )


def resource_result(card: Card) -> ResourceResult:
    """A resource's result, from its card."""
    data = card.data
    kinds = _terms(RESOURCES.facet("type").choices(), [data["resource_type"]])
    return ResourceResult(
        pk=data["id"],
        url=_url(card),
        title=data["title"],
        summary=data["summary"],
        resource_type=kinds[0] if kinds else None,
        publisher=data["publisher"],
        publication_date=_date(data["publication_date"]),
    )


def _url(card: Card) -> str | None:
    # `Page.url` of a stand-in with the page's tree path: what the page itself would give.
    return PagePath(card.url_path).url


def _terms(vocabulary: list[tuple[str, str]], slugs: list[str]) -> Terms:
    """The terms with these slugs, in the vocabulary's order (the order a page's terms are
    read in); a slug no longer in the vocabulary is left out, as the page would."""
    chosen = set(slugs)
    return Terms(Term(slug, name) for slug, name in vocabulary if slug in chosen)


def _where_offered(codes: list[str]) -> str:
    """ "Nationwide", or the names of the states where it is offered, by their codes' order."""
    if codes == [NATIONWIDE]:
        return "Nationwide"
    return ", ".join(str(state) for state in _terms(CATALOG.facet("state").choices(), codes))


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
