from django.db import migrations

# Administrators hold every permission a coordinator does, so they may grant that role.
GROUPS = ["Review coordinator", "Administrator"]
GRANTS = [
    ("wagtailadmin", "access_admin"),
    ("impact", "view_adoption"),
    ("impact", "view_agency"),
    ("impact", "view_outcomereport"),
]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in GRANTS:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("impact", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
