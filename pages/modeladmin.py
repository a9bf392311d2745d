"""A wagtail-modeladmin index view that answers a bad filter in the URL with a 400."""

from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import FieldError, ValidationError
from django.shortcuts import render
from wagtail_modeladmin.views import IndexView


class SafeIndexView(IndexView):
    """The register's list: an unknown field or a malformed value in the query is a 400.

    wagtail-modeladmin raises IncorrectLookupParameters for `?foo=bar` or
    `?updated_at__gte=x` but, unlike Django's admin, never catches it.
    """

    def get_queryset(self, request=None):
        queryset = super().get_queryset(request)
        try:
            # Some bad values (`?updated_at__year=99999`) only fail when the SQL is built.
            queryset.query.sql_with_params()
        except (FieldError, ValidationError, ValueError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error
        return queryset

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except IncorrectLookupParameters:
            return render(
                request,
                "pages/admin/bad_filter.html",
                {"title": self.model._meta.verbose_name_plural.capitalize(), "path": request.path},
                status=400,
            )
