"""Guards every API endpoint shares: searches reduced to words, bounded offsets, safe ids."""

import re

from django.http import Http404
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError

SEARCH_MAX_LENGTH = 200
# Far beyond any real listing, and within every database's integer range.
OFFSET_MAX = 1_000_000
ID_MAX = 2**31 - 1
_WORD = re.compile(r"\w+")


def search_text_parse(raw: str) -> str:
    """The words of a search: quotes, operators and control characters dropped."""
    if len(raw) > SEARCH_MAX_LENGTH:
        raise BadRequestError(f"search must be at most {SEARCH_MAX_LENGTH} characters")
    words = _WORD.findall(raw.replace("\x00", " "))
    if not words:
        raise BadRequestError("search must contain at least one letter or digit")
    return " ".join(words)


def bounded_number(raw: str, maximum: int) -> int | None:
    """The number `raw` spells in ASCII digits if it is at most `maximum`, else None.

    The length is compared first: Python refuses to convert a string of over 4,300 digits.
    """
    if not (raw.isascii() and raw.isdigit()) or len(raw.lstrip("0")) > len(str(maximum)):
        return None
    number = int(raw)
    return number if number <= maximum else None


def id_parse(raw: str, name: str) -> int:
    """A positive database id from a query parameter, or a 400 naming the parameter."""
    number = bounded_number(raw, ID_MAX)
    if not number:
        raise BadRequestError(f"{name} must be a positive integer")
    return number


class SafeSearchFilter(SearchFilter):
    """Wagtail's search filter, given only words, so no backend sees its query syntax."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        operator = request.GET.get("search_operator")
        if operator is not None and operator not in ("and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        query = request.GET.copy()
        query["search"] = search_text_parse(request.GET["search"])
        # SearchFilter reads request.GET; it sees the parsed words only.
        request._request.GET = query
        return super().filter_queryset(request, queryset, view)


class BoundedPagination(WagtailPagination):
    """Wagtail's pagination, refusing an offset past any real listing."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0")
        if offset.isascii() and offset.isdigit() and bounded_number(offset, OFFSET_MAX) is None:
            raise BadRequestError(f"offset must be at most {OFFSET_MAX}")
        return super().paginate_queryset(queryset, request, view)


def safe_filters(filter_backends: list) -> list:
    return [SafeSearchFilter if f is SearchFilter else f for f in filter_backends]


class SafeParametersMixin:
    """Refuses a NUL in a parameter (PostgreSQL cannot compare one) and a malformed find id.

    `search` is left to SafeSearchFilter, which keeps only its words.
    """

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # The URL pattern admits digits only.
        if "pk" in kwargs and bounded_number(str(kwargs["pk"]), ID_MAX) is None:
            raise Http404
        for name, values in request.GET.lists():
            if name != "search" and any("\x00" in value for value in [name, *values]):
                raise BadRequestError(f"{name.replace(chr(0), '')} must not contain NUL")

    def find_object(self, queryset, request):
        if "id" in request.GET:
            id_parse(request.GET["id"], "id")
        return super().find_object(queryset, request)
