from django.db import migrations

# Review coordinators moderate and answer public comments; administrators hold every
# permission a coordinator does, so they may still grant that role.
GROUPS = ["Review coordinator", "Administrator"]
GRANTS = [
    ("review_workflow", "view_standardscomment"),
    ("review_workflow", "change_standardscomment"),
]


def grant(apps, schema_editor):
    from accounts.grants import role_permissions_grant

    role_permissions_grant(apps, groups=GROUPS, grants=GRANTS)


class Migration(migrations.Migration):
    dependencies = [("review_workflow", "0011_public_comment")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
