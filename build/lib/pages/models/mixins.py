"""Behaviour shared by listing pages."""

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator


class PaginatedListingMixin:
    """Paginates a listing page's children with ?page=N, never failing on a bad number."""

    per_page = 10

    def paginate(self, request, queryset) -> PaginatorPage:
        paginator = Paginator(queryset, self.per_page)
        # get_page() answers a non-numeric or out-of-range page with the first or last page.
        return paginator.get_page(request.GET.get("page"))
