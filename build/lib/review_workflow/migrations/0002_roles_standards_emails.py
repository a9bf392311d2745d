from django.db import migrations

from review_workflow.seed import submission_essentials_ensure


def forwards(apps, schema_editor):
    submission_essentials_ensure(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("review_workflow", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
