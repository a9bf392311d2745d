"""Who may hand out which role: the rule every user and group form in the admin applies.

Superusers may grant anything. Anyone else may give a person only the groups whose every
permission (model, page and collection) they hold themselves, and never a group that manages
users or groups, so no one below a superuser can raise an account to their own level or above.
"""

from django.contrib.auth.models import Group
from django.db.models import QuerySet
from wagtail.models import GroupCollectionPermission, GroupPagePermission

ACCOUNT_MANAGEMENT_APP = "auth"


def _permission_keys(user) -> set[str]:
    return user.get_all_permissions()


def _group_permission_keys(group: Group) -> set[str]:
    return {
        f"{app_label}.{codename}"
        for app_label, codename in group.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def _page_grants(groups) -> set[tuple[int, int]]:
    return set(
        GroupPagePermission.objects.filter(group__in=groups).values_list("page", "permission")
    )


def _collection_grants(groups) -> set[tuple[int, int]]:
    return set(
        GroupCollectionPermission.objects.filter(group__in=groups).values_list(
            "collection", "permission"
        )
    )


def group_assignable_by(*, group: Group, user) -> bool:
    """True when `user` may put someone into `group` (or take them out of it)."""
    if user.is_superuser:
        return True
    if not user.is_active:
        return False
    granted = _group_permission_keys(group)
    if any(key.startswith(f"{ACCOUNT_MANAGEMENT_APP}.") for key in granted):
        return False
    if not granted <= _permission_keys(user):
        return False
    own_groups = user.groups.all()
    return _page_grants([group]) <= _page_grants(own_groups) and _collection_grants(
        [group]
    ) <= _collection_grants(own_groups)


def groups_assignable_by(*, user) -> QuerySet[Group]:
    """The groups `user` may give to or take from a person."""
    groups = Group.objects.order_by("name")
    if user.is_superuser:
        return groups
    return groups.filter(pk__in=[g.pk for g in groups if group_assignable_by(group=g, user=user)])


def user_manageable_by(*, target, user) -> bool:
    """True when `user` may edit `target`'s account: never a superuser's, nor a peer's."""
    if user.is_superuser or target.pk == user.pk:
        return True
    if target.is_superuser:
        return False
    return all(group_assignable_by(group=group, user=user) for group in target.groups.all())
