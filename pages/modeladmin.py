"""wagtail-modeladmin views made safe: a bad filter in the URL is a 400, history is permitted."""

from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import FieldError, ValidationError
from django.shortcuts import render
from wagtail_modeladmin.views import HistoryView, IndexView


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


class PermittedHistoryView(HistoryView):
    """A record's history, shown only to those who may inspect or edit the record.

    wagtail-modeladmin's own history view checks nothing beyond admin access, so any
    signed-in reviewer could read the history of any submission by its number.
    """

    def check_action_permitted(self, user):
        helper = self.permission_helper
        return helper.user_can_inspect_obj(user, self.instance) or helper.user_can_edit_obj(
            user, self.instance
        )
