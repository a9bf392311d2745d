"""The platform's roles as Django groups, with the permissions each one needs.

Applied by a data migration; `roles_ensure` only adds what is missing, so it can run again.
"""

from .permissions import ADMINISTRATOR, COMMUNICATIONS_EDITOR, COORDINATOR, PROVIDER, REVIEWER

ADMIN_ACCESS = ("wagtailadmin", "access_admin")
ROLE_PERMISSIONS = {
    # Providers work on the public site only: no admin access at all.
    PROVIDER: [],
    REVIEWER: [ADMIN_ACCESS],
    COORDINATOR: [
        ADMIN_ACCESS,
        ("review_workflow", "view_submission"),
        ("review_workflow", "screen_submission"),
        ("review_workflow", "view_any_submission"),
        ("review_workflow", "view_organization"),
        ("review_workflow", "view_auditevent"),
        ("review_workflow", "add_standardsversion"),
        ("review_workflow", "change_standardsversion"),
        ("review_workflow", "view_standardsversion"),
        *[("review_workflow", f"{verb}_reviewerprofile") for verb in ("add", "change", "view")],
    ],
    COMMUNICATIONS_EDITOR: [
        ADMIN_ACCESS,
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
    ],
    ADMINISTRATOR: [
        ADMIN_ACCESS,
        ("review_workflow", "view_submission"),
        ("review_workflow", "screen_submission"),
        ("review_workflow", "view_any_submission"),
        ("review_workflow", "view_organization"),
        ("review_workflow", "change_organization"),
        ("review_workflow", "view_auditevent"),
        ("review_workflow", "add_standardsversion"),
        ("review_workflow", "change_standardsversion"),
        ("review_workflow", "view_standardsversion"),
        ("review_workflow", "change_emailtemplate"),
        *[("review_workflow", f"{verb}_reviewerprofile") for verb in ("add", "change", "view")],
        ("review_workflow", "view_emailtemplate"),
        ("auth", "add_user"),
        ("auth", "change_user"),
        ("auth", "view_user"),
    ],
}
# Page permissions on the whole tree for the roles that publish content.
PAGE_PERMISSIONS = {
    COMMUNICATIONS_EDITOR: ["add_page", "change_page"],
    ADMINISTRATOR: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}


def roles_ensure(apps) -> None:
    """Create the role groups and grant their permissions (missing ones only)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    root = Page.objects.filter(depth=1).first()
    for role, grants in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        for app_label, codename in grants:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission:
                group.permissions.add(permission)
        for codename in PAGE_PERMISSIONS.get(role, []):
            permission = Permission.objects.filter(
                content_type__app_label="wagtailcore", codename=codename
            ).first()
            if root and permission:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root, permission=permission
                )
