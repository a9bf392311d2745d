"""Reads of the catalog for its own screens."""

from django.db.models import Prefetch

from pages.models import USState

from .models import CurriculumPage


def curricula_in_catalog_by_id(*, ids: list[int]) -> list[CurriculumPage]:
    """The catalog entries among `ids` (live, public, unexpired), in the order asked for."""
    pages = (
        CurriculumPage.objects.in_catalog()
        .filter(pk__in=ids)
        .select_related("provider_type")
        .prefetch_related(
            "topic_areas",
            "audiences",
            "delivery_methods",
            Prefetch("states", queryset=USState.objects.order_by("name")),
        )
    )
    by_id = {page.pk: page for page in pages}
    return [by_id[pk] for pk in ids if pk in by_id]
