"""The default Site's hostname and port follow BASE_URL (Wagtail creates it as localhost:80)."""

from django.db import migrations


def site_address_from_base_url(apps, schema_editor):
    from pages.site_address import default_site_address_apply

    default_site_address_apply(apps.get_model("wagtailcore", "Site"))


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0003_external_id"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(site_address_from_base_url, migrations.RunPython.noop)]
