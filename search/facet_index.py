"""The database engine's index of a collection: which pages hold each facet value, in memory.

Counting facets in SQL probes every matched row once per facet (about 100 ms for 35,000 text
matches on SQLite); the same counts over sets of page ids take a few milliseconds. The index
is read once per content version (every change to public content starts a new one, see
`pages.caching`) and day (a curriculum leaves the catalog when its approval expires), in each
process. What only some searches need (a filter's values, an order other than by title) is
read the first time one asks for it.
"""

from pages.caching import kept_in_process

from .collections import Collection
from .facets import FlagFilter, PageIds, RangeFilter

# Title order: the members, relevance's tie-break, and the order of a search without text
# asked for relevance.
TITLE_ORDER = ("title", "pk")


class CollectionIndex:
    def __init__(self, collection: Collection):
        self._members = collection.base_queryset().order_by()
        self.by_title = self._read_positions(TITLE_ORDER)
        self.members: PageIds = frozenset(self.by_title)
        self._positions = {repr(TITLE_ORDER): self.by_title}
        self._filters: dict[str, object] = {}
        self.facets = {facet.name: facet.load(self._members) for facet in collection.facets}

    def positions(self, order: tuple) -> dict[int, int]:
        """Each member's place in the given ORM order."""
        key = repr(order)
        if key not in self._positions:
            positions = self._read_positions(order)
            # Read after the members: a page that left since is never asked for, and one
            # that came in since goes last rather than failing.
            for pk in self.members - positions.keys():
                positions[pk] = len(positions)
            self._positions[key] = positions
        return self._positions[key]

    def _read_positions(self, order: tuple) -> dict[int, int]:
        # Ordered by the database, in its own collation, as its other queries order titles.
        ordered = self._members.order_by(*order).values_list("pk", flat=True)
        return {pk: place for place, pk in enumerate(ordered)}

    def filter_data(self, search_filter: RangeFilter | FlagFilter) -> object:
        """The filter's values, read the first time a search uses the filter."""
        if search_filter.name not in self._filters:
            self._filters[search_filter.name] = search_filter.load(self._members)
        return self._filters[search_filter.name]


def collection_index(collection: Collection) -> CollectionIndex:
    """The collection's index for the current content version, built on first use."""
    return kept_in_process(f"facet-index:{collection.name}", lambda: CollectionIndex(collection))
