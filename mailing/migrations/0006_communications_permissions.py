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
    from accounts.grants import role_permissions_grant

    role_permissions_grant(apps, groups=GROUPS, grants=GRANTS)


class Migration(migrations.Migration):
    dependencies = [("mailing", "0005_delivery_claims")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
