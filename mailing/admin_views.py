"""The subscriber register (wagtail-modeladmin) and the announcements' listing in the admin."""

from django.db.models import Count, Q
from django.urls import reverse
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.options import ModelAdmin

from pages.choosers import PermittedSnippetChooserViewSet
from pages.modeladmin import PermittedHistoryView, SafeIndexView

from .models import Announcement, Subscriber


class SubscriberAdmin(ModelAdmin):
    history_view_class = PermittedHistoryView
    index_view_class = SafeIndexView
    model = Subscriber
    menu_label = "Subscribers"
    menu_icon = "mail"
    menu_order = 300
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = ("email", "status", "project_announcements", "source", "signed_up_at")
    list_filter = ("status", "topics", "source", "signed_up_at")
    search_fields = ("email",)
    list_export = (
        "email",
        "status",
        "project_announcements",
        "consent_version",
        "source",
        "signed_up_at",
        "confirmed_at",
        "unsubscribed_at",
    )
    export_filename = "subscribers"
    form_fields_exclude = ("link_key",)


def announcement_status(announcement) -> dict:
    """Where the announcement stands, said plainly, and what may be done with it next."""
    if announcement.sending == Announcement.Sending.DONE:
        return {"label": "Sent"}
    if announcement.sending == Announcement.Sending.QUEUED:
        counts = announcement.deliveries.aggregate(
            total=Count("pk"), done=Count("pk", filter=~Q(status__in=["queued", "sending"]))
        )
        return {"label": f"Sending: {counts['done']} of {counts['total']}", "progress": True}
    if announcement.live:
        return {"label": "Approved, not sent", "send": True}
    if announcement.workflow_in_progress:
        return {"label": "Awaiting approval"}
    return {"label": "Draft", "suggestion": is_suggestion(announcement)}


def is_suggestion(announcement) -> bool:
    """A draft the site wrote itself when a page was published, not yet touched by anyone."""
    revision = announcement.latest_revision
    return bool(announcement.news_item_id) and (revision is None or revision.user_id is None)


class AnnouncementStatusColumn(Column):
    """The status, with the Send action or, for a suggestion, Dismiss."""

    cell_template_name = "mailing/admin/announcement_status_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["status"] = announcement_status(instance)
        context["send_url"] = reverse("mailing_announcement_send", args=[instance.pk])
        context["dismiss_url"] = reverse(
            "wagtailsnippets_mailing_announcement:delete", args=[instance.pk]
        )
        return context


class AnnouncementViewSet(SnippetViewSet):
    """Announcements: written, previewed and approved like pages, then sent from their page."""

    chooser_viewset_class = PermittedSnippetChooserViewSet

    model = Announcement
    icon = "mail"
    menu_label = "Announcements"
    add_to_admin_menu = True
    menu_order = 299
    list_display = ["subject", AnnouncementStatusColumn("status", label="Status")]
