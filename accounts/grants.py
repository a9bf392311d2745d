"""Permissions the accounts app adds to the platform's roles, applied by data migrations.

The role groups are created by name wherever they are first needed (here or in
review_workflow's migrations), so the order the apps migrate in does not matter.
"""

from django.contrib.auth.management import create_permissions

ADMINISTRATOR = "Administrator"
COMMUNICATIONS_EDITOR = "Communications editor"
MEDIA_PERMISSIONS = [
    ("wagtailimages", "image", ("add", "change", "choose")),
    ("wagtaildocs", "document", ("add", "change", "choose")),
]


def _permissions_ensure(apps, *labels: str) -> None:
    for label in labels:
        app_config = apps.get_app_config(label)
        if getattr(app_config, "models_module", None) is None:  # migrations: app stubs
            app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)


def _permission(apps, app_label: str, codename: str):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def role_permissions_grant(apps, *, groups: list[str], grants: list[tuple[str, str]]) -> None:
    """Give each named group (created if missing) the (app label, codename) permissions."""
    # Apps without models (wagtailadmin) are absent from a migration's registry; their
    # permissions come from their own migrations.
    _permissions_ensure(apps, *{label for label, _ in grants if label in apps.app_configs})
    Group = apps.get_model("auth", "Group")
    for name in groups:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*[_permission(apps, *grant) for grant in grants])


def undelivered_emails_grant(apps) -> None:
    """Administrators may see the register of undelivered account emails."""
    _permissions_ensure(apps, "accounts")
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=ADMINISTRATOR)
    group.permissions.add(_permission(apps, "accounts", "view_accountemail"))


def media_collections_grant(apps) -> None:
    """Editors and administrators may upload, edit and choose images and documents.

    Wagtail checks these per collection, so the grant is on the root collection (all of them).
    """
    _permissions_ensure(apps, "wagtailimages", "wagtaildocs")
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).first()
    for name in (COMMUNICATIONS_EDITOR, ADMINISTRATOR):
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, model, verbs in MEDIA_PERMISSIONS:
            for verb in verbs:
                permission = _permission(apps, app_label, f"{verb}_{model}")
                group.permissions.add(permission)
                if root is not None:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root, permission=permission
                    )
