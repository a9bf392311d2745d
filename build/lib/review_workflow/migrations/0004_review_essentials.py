from django.db import migrations

from review_workflow.seed import review_essentials_ensure


def forwards(apps, schema_editor):
    review_essentials_ensure(apps)


class Migration(migrations.Migration):
    dependencies = [("review_workflow", "0003_expert_review")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
