from django.db import migrations


def assign_moderation(apps, schema_editor):
    """Announcements go through the same approval workflow as pages."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    workflow = Workflow.objects.filter(active=True).order_by("pk").first()
    if workflow is None:
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="mailing", model="announcement")
    WorkflowContentType.objects.get_or_create(
        content_type=content_type, defaults={"workflow": workflow}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("mailing", "0003_announcements"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(assign_moderation, migrations.RunPython.noop)]
