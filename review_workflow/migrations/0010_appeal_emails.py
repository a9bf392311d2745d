from django.db import migrations

from review_workflow.seed import appeal_emails_ensure


def forwards(apps, schema_editor):
    appeal_emails_ensure(apps)


class Migration(migrations.Migration):
    dependencies = [("review_workflow", "0009_appeals")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
