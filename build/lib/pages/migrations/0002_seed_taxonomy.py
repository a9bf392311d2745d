from django.db import migrations

from pages.taxonomy_seed import taxonomy_seed_apply


def seed_taxonomy(apps, schema_editor):
    taxonomy_seed_apply(model_for=lambda name: apps.get_model("pages", name))


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_initial")]

    operations = [migrations.RunPython(seed_taxonomy, migrations.RunPython.noop)]
