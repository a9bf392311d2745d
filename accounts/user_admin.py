"""The admin's user and group screens, with the rule on who may grant which role enforced."""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from wagtail.admin.views.generic import CopyView
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import groups as group_views
from wagtail.users.views import users as user_views
from wagtail.users.views.bulk_actions.assign_role import AssignRoleBulkAction
from wagtail.users.views.bulk_actions.delete import DeleteBulkAction
from wagtail.users.views.bulk_actions.set_active_state import SetActiveStateBulkAction

from .roles import groups_assignable_by, user_manageable_by


class GrantLimitedUserFormMixin:
    """Offers only the groups the acting user may grant; superuser status only to superusers.

    Memberships the acting user may not manage are kept as they are on save.
    """

    def __init__(self, *args, acting_user, **kwargs):
        super().__init__(*args, **kwargs)
        self.acting_user = acting_user
        if acting_user.is_superuser:
            return
        self.fields.pop("is_superuser", None)
        self.assignable = groups_assignable_by(user=acting_user)
        self.fields["groups"].queryset = self.assignable

    def clean_groups(self):
        chosen = self.cleaned_data["groups"]
        if self.acting_user.is_superuser or self.instance.pk is None:
            return chosen
        kept = self.instance.groups.exclude(pk__in=self.assignable.values("pk"))
        return Group.objects.filter(pk__in=[group.pk for group in [*chosen, *kept]])


class LimitedUserCreationForm(GrantLimitedUserFormMixin, UserCreationForm):
    pass


class LimitedUserEditForm(GrantLimitedUserFormMixin, UserEditForm):
    pass


class ActingUserFormMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "acting_user": self.request.user}


class UserCreateView(ActingUserFormMixin, user_views.CreateView):
    pass


class UserCopyView(ActingUserFormMixin, CopyView):
    pass


class UserEditView(ActingUserFormMixin, user_views.EditView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if not user_manageable_by(target=self.object, user=request.user):
            raise PermissionDenied


class UserDeleteView(user_views.DeleteView):
    def dispatch(self, request, *args, **kwargs):
        if not user_manageable_by(target=self.get_object(), user=request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class UserViewSet(user_views.UserViewSet):
    add_view_class = UserCreateView
    copy_view_class = UserCopyView
    edit_view_class = UserEditView
    delete_view_class = UserDeleteView

    def get_form_class(self, for_update=False):
        return LimitedUserEditForm if for_update else LimitedUserCreationForm


class SuperuserOnlyMixin:
    """Groups define what every role may do, so only superusers change them."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class GroupCreateView(SuperuserOnlyMixin, group_views.CreateView):
    pass


class GroupEditView(SuperuserOnlyMixin, group_views.EditView):
    pass


class GroupDeleteView(SuperuserOnlyMixin, group_views.DeleteView):
    pass


class GroupViewSet(group_views.GroupViewSet):
    add_view_class = GroupCreateView
    edit_view_class = GroupEditView
    delete_view_class = GroupDeleteView


class ManageableUsersOnlyMixin:
    """A bulk action on users touches only the accounts the acting user may manage."""

    def check_perm(self, obj):
        return super().check_perm(obj) and user_manageable_by(target=obj, user=self.request.user)


class LimitedAssignRoleBulkAction(ManageableUsersOnlyMixin, AssignRoleBulkAction):
    """Wagtail's "Assign role", offering only the roles the acting user may grant."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["role"].queryset = groups_assignable_by(user=self.request.user)
        return form


class LimitedSetActiveStateBulkAction(ManageableUsersOnlyMixin, SetActiveStateBulkAction):
    pass


class LimitedDeleteBulkAction(ManageableUsersOnlyMixin, DeleteBulkAction):
    pass


USER_BULK_ACTIONS = [
    LimitedAssignRoleBulkAction,
    LimitedSetActiveStateBulkAction,
    LimitedDeleteBulkAction,
]
