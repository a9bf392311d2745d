from django.db import migrations


def forwards(apps, schema_editor):
    from accounts.grants import undelivered_emails_grant

    undelivered_emails_grant(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_account_email"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
