"""What a new platform starts with: roles, the first standards version, email wording.

Used by the data migration (with historical models) and by tests that empty the database.
"""

from django.contrib.auth.management import create_permissions

from .roles import roles_ensure
from .standards_seed import FIRST_VERSION_EFFECTIVE, FIRST_VERSION_NAME, FIRST_VERSION_STANDARDS

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


def workflow_essentials_ensure(apps) -> None:
    """Create whatever of the starting data is missing."""
    for label in (
        "auth",
        "wagtailadmin",
        "wagtailcore",
        "wagtaildocs",
        "wagtailimages",
        "review_workflow",
    ):
        app_config = apps.get_app_config(label)
        if getattr(app_config, "models_module", None) is None:  # migrations: app stubs
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
