"""Validation of search parameters, shared by the pages and the API."""

from django import forms
from django.core.exceptions import ValidationError

from pages.caching import kept_in_process

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


class FacetChoiceField(forms.MultipleChoiceField):
    """Chosen facet values; the empty values a browser sends for an untouched control are dropped."""

    def to_python(self, value):
        return [item for item in super().to_python(value) if item.strip()]


class SharedFields(dict):
    """A form class's fields, given as they are to each of its forms.

    Django deep-copies a form class's fields into every form, so one form may change its own
    (add an error class, say); the search forms never change theirs, and copying a dozen
    fields with their choices (fifty-odd states) cost a millisecond a request.
    """

    def __deepcopy__(self, memo):
        return dict(self)


class SearchForm(forms.Form):
    """The GET parameters of a collection search; built for one collection by `for_collection`."""

    q = SearchTextField(label="Search", required=False, strip=True)
    sort = forms.ChoiceField(label="Sort by", required=False)
    page = forms.IntegerField(label="Page", required=False, min_value=1)
    page_size = forms.IntegerField(
        label="Results per page", required=False, min_value=1, max_value=MAX_PAGE_SIZE
    )

    collection: Collection

    @classmethod
    def for_collection(cls, collection: Collection, data) -> "SearchForm":
        # The fields, with every facet's values as choices, are made once per content version.
        form_class = kept_in_process(
            f"search-form:{cls.__name__}:{collection.name}",
            lambda: cls._class_for(collection),
        )
        form = form_class(data)
        form.collection = collection
        return form

    @classmethod
    def _class_for(cls, collection: Collection) -> type["SearchForm"]:
        fields = {
            "sort": forms.ChoiceField(
                label="Sort by",
                required=False,
                choices=[(sort.name, sort.label) for sort in collection.sorts],
            )
        }
        for facet in collection.facets:
            fields[facet.name] = FacetChoiceField(
                label=facet.label,
                required=False,
                choices=[(value, value) for value in facet.values()],
            )
        for search_filter in collection.filters:
            fields[search_filter.name] = _filter_field(search_filter.name)
        form_class = type(f"{collection.name.title()}{cls.__name__}", (cls,), fields)
        form_class.base_fields = SharedFields(form_class.base_fields)
        return form_class

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("min_hours"), cleaned.get("max_hours")
        if low is not None and high is not None and low > high:
            raise ValidationError("Minimum hours cannot be greater than maximum hours.")
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

    def field_label(self, name: str) -> str:
        """The name a person sees for a parameter, as used in messages about it."""
        if name in self.fields:
            return str(self.fields[name].label)
        return "Search"

    def usable_query(self) -> SearchQuery:
        """The query made of only the parameters that were valid, for a form that was not."""
        if self.non_field_errors():
            for name in ("min_hours", "max_hours"):
                self.cleaned_data.pop(name, None)
        return self.to_query()


FILTER_LABELS = {"cost": "Cost", "min_hours": "Minimum hours", "max_hours": "Maximum hours"}


def _filter_field(name: str) -> forms.Field:
    label = FILTER_LABELS.get(name, name.replace("_", " ").capitalize())
    if name == "cost":
        return forms.ChoiceField(
            label=label, required=False, choices=[("", "Any"), ("free", "Free")]
        )
    return forms.DecimalField(label=label, required=False, min_value=0, max_value=MAX_HOURS)
