"""The subscriber register in the admin (wagtail-modeladmin)."""

from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.options import ModelAdmin

from pages.modeladmin import SafeIndexView

from .models import Announcement, Subscriber


class SubscriberAdmin(ModelAdmin):
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


class AnnouncementViewSet(SnippetViewSet):
    """Announcements: written, previewed and approved like pages, then sent from their page."""

    model = Announcement
    icon = "mail"
    menu_label = "Announcements"
    add_to_admin_menu = True
    menu_order = 299
    list_display = ["subject", "live", "sending", "queued_at"]
