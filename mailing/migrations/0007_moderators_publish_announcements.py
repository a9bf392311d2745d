from django.db import migrations

# Announcements go through the pages' "Moderators approval" workflow (0004). Approving its last
# task publishes the announcement as the moderator, and Wagtail refuses that without this
# permission: the approval was rolled back and only a superuser could approve one.
GROUP = "Moderators"
CODENAME = "publish_announcement"


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=GROUP).first()
    if group is None:
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="mailing", model="announcement")
    # Wagtail adds the publish permission of a snippet after migrating; it may not exist yet.
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=CODENAME,
        defaults={"name": "Can publish announcement"},
    )
    group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label="mailing", codename=CODENAME)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("mailing", "0006_communications_permissions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
