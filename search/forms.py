"""Validation of search parameters, shared by the pages and the API."""

from django import forms
from django.core.exceptions import ValidationError

from .collections import Collection
from .engines import SearchQuery

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
MAX_QUERY_LENGTH = 200
# The search engine's default result window: deeper pages need narrower searches.
MAX_RESULT_WINDOW = 10_000
MAX_HOURS = 10_000


class SearchTextField(forms.CharField):
    """Free text as typed: never rejected, NUL characters dropped, cut to MAX_QUERY_LENGTH."""

    def to_python(self, value):
        text = super().to_python(value).replace("\x00", " ")
        return text[:MAX_QUERY_LENGTH].strip()


class SearchForm(forms.Form):
    """The GET parameters of a collection search; built for one collection by `for_collection`."""

    q = SearchTextField(required=False, strip=True)
    sort = forms.ChoiceField(required=False)
    page = forms.IntegerField(required=False, min_value=1)
    page_size = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE)

    collection: Collection

    @classmethod
    def for_collection(cls, collection: Collection, data) -> "SearchForm":
        form = cls(data)
        form.collection = collection
        form.fields["sort"].choices = [(sort.name, sort.label) for sort in collection.sorts]
        for facet in collection.facets:
            form.fields[facet.name] = forms.MultipleChoiceField(
                required=False, choices=[(value, value) for value in facet.values()]
            )
        for search_filter in collection.filters:
            form.fields[search_filter.name] = _filter_field(search_filter.name)
        return form

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("min_hours"), cleaned.get("max_hours")
        if low is not None and high is not None and low > high:
            raise ValidationError("min_hours cannot be greater than max_hours.")
        page, size = cleaned.get("page") or 1, cleaned.get("page_size") or DEFAULT_PAGE_SIZE
        if page * size > MAX_RESULT_WINDOW:
            self.add_error(
                "page",
                f"Only the first {MAX_RESULT_WINDOW:,} results can be paged through; "
                "narrow the search to see the rest.",
            )
        return cleaned

    def to_query(self) -> SearchQuery:
        data = self.cleaned_data
        return SearchQuery(
            text=data.get("q") or "",
            facet_values={
                facet.name: tuple(data[facet.name])
                for facet in self.collection.facets
                if data.get(facet.name)
            },
            filter_values={
                search_filter.name: data[search_filter.name]
                for search_filter in self.collection.filters
                if data.get(search_filter.name) not in (None, "")
            },
            sort=data.get("sort") or "",
            page=data.get("page") or 1,
            page_size=data.get("page_size") or DEFAULT_PAGE_SIZE,
        )

    def error_messages(self) -> dict[str, list[str]]:
        return {
            name: [str(message) for message in messages] for name, messages in self.errors.items()
        }


def _filter_field(name: str) -> forms.Field:
    if name == "cost":
        return forms.ChoiceField(required=False, choices=[("", "Any"), ("free", "Free")])
    return forms.DecimalField(required=False, min_value=0, max_value=MAX_HOURS)
