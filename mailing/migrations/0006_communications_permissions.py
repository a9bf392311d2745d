from django.db import migrations

# Communications editors run the mailing list; administrators hold every permission an editor
# does, so they may still grant that role.
GROUPS = ["Communications editor", "Administrator"]
GRANTS = [
    *[("mailing", f"{verb}_subscriber") for verb in ("add", "change", "view")],
    *[("mailing", f"{verb}_announcement") for verb in ("add", "change", "delete", "view")],
    ("mailing", "send_announcement"),
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
    dependencies = [("mailing", "0005_delivery_claims")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
