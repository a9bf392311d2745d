from django.contrib.auth.management import create_permissions
from django.db import migrations

from review_workflow.roles import roles_ensure
from review_workflow.standards_seed import (
    FIRST_VERSION_EFFECTIVE,
    FIRST_VERSION_NAME,
    FIRST_VERSION_STANDARDS,
)

EMAILS = {
    "submission_status_changed": (
        "Your submission “{{ submission.title }}” is now: {{ status }}",
        "Hello,\n\nThe status of the curriculum “{{ submission.title }}” submitted by "
        "{{ organization.name }} has changed from {{ previous_status }} to {{ status }}."
        "{% if note %}\n\nNotes from the review coordinator:\n{{ note }}{% endif %}\n\n"
        "Follow your submission at {{ url }}\n\nDe-escalation Training Review\n",
    ),
    "submission_received": (
        "New submission: “{{ submission.title }}” (version {{ version }})",
        "A new curriculum has been submitted for review.\n\nTitle: {{ submission.title }}\n"
        "Organization: {{ organization.name }}\nVersion: {{ version }}\n\n"
        "Screen it in the admin.\n",
    ),
}


def forwards(apps, schema_editor):
    for label in (
        "auth",
        "wagtailadmin",
        "wagtailcore",
        "wagtaildocs",
        "wagtailimages",
        "review_workflow",
    ):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
    roles_ensure(apps)
    StandardsVersion = apps.get_model("review_workflow", "StandardsVersion")
    Standard = apps.get_model("review_workflow", "Standard")
    version, created = StandardsVersion.objects.get_or_create(
        name=FIRST_VERSION_NAME,
        defaults={"effective_date": FIRST_VERSION_EFFECTIVE, "status": "current"},
    )
    if created:
        for order, (code, domain, title, guidance, required) in enumerate(FIRST_VERSION_STANDARDS):
            Standard.objects.create(
                version=version,
                sort_order=order,
                code=code,
                domain=domain,
                title=title,
                guidance=guidance,
                required=required,
            )
    EmailTemplate = apps.get_model("review_workflow", "EmailTemplate")
    for key, (subject, body) in EMAILS.items():
        EmailTemplate.objects.get_or_create(key=key, defaults={"subject": subject, "body": body})


class Migration(migrations.Migration):
    dependencies = [
        ("review_workflow", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
