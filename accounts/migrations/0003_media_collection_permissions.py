from django.db import migrations


def forwards(apps, schema_editor):
    from accounts.grants import media_collections_grant

    media_collections_grant(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_undelivered_emails_permission"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
