from django.db import migrations

from review_workflow.seed import email_wording_update


def update_wording(apps, schema_editor):
    email_wording_update(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("review_workflow", "0006_audit_actions_superseded"),
    ]

    operations = [migrations.RunPython(update_wording, migrations.RunPython.noop)]
