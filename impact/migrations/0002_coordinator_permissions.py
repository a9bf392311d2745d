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
    from accounts.grants import role_permissions_grant

    role_permissions_grant(apps, groups=GROUPS, grants=GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("impact", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
