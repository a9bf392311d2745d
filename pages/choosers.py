"""Snippet choosers that show records only to those who hold a permission on them.

Wagtail's choosers answer anyone with admin access, which suits shared taxonomy but not
internal records: a reviewer could list draft announcements or email templates through them.
"""

from django.core.exceptions import PermissionDenied
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)

ANY_ACTION = ["add", "change", "delete", "view"]


class PermittedChooserMixin:
    def dispatch(self, request, *args, **kwargs):
        policy = ModelPermissionPolicy(self.model_class)
        if not policy.user_has_any_permission(request.user, ANY_ACTION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PermittedChooseView(PermittedChooserMixin, ChooseView):
    pass


class PermittedChooseResultsView(PermittedChooserMixin, ChooseResultsView):
    pass


class PermittedChosenView(PermittedChooserMixin, SnippetChosenView):
    pass


class PermittedChosenMultipleView(PermittedChooserMixin, SnippetChosenMultipleView):
    pass


class PermittedSnippetChooserViewSet(SnippetChooserViewSet):
    choose_view_class = PermittedChooseView
    choose_results_view_class = PermittedChooseResultsView
    chosen_view_class = PermittedChosenView
    chosen_multiple_view_class = PermittedChosenMultipleView
