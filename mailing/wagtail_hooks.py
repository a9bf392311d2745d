"""How the mailing list plugs in: the footer sign-up form, and the subscriber register."""

from django.template.loader import render_to_string
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail_modeladmin.options import modeladmin_register

from pages.scheduler import ScheduledTask

from . import admin_panels, admin_screens
from .admin_views import AnnouncementViewSet, SubscriberAdmin
from .forms import FooterSignupForm
from .tasks import announcements_resume


@hooks.register("stay_connected_form")
def footer_signup_form(request):
    return render_to_string(
        "mailing/footer_form.html", {"form": FooterSignupForm(auto_id="footer_%s")}, request
    )


modeladmin_register(SubscriberAdmin)


@hooks.register("construct_homepage_panels")
def mailing_homepage_panels(request, panels):
    panels.extend(admin_panels.role_panels(request.user))


register_snippet(AnnouncementViewSet)


@hooks.register("register_admin_urls")
def subscriber_screens():
    return [
        path("subscribers/import/", admin_screens.subscriber_import, name="mailing_import"),
        path("subscribers/mark/", admin_screens.subscriber_bulk_mark, name="mailing_bulk_mark"),
        path(
            "announcements/<int:pk>/send/",
            admin_screens.announcement_send_screen,
            name="mailing_announcement_send",
        ),
        path(
            "announcements/<int:pk>/send/confirm/",
            admin_screens.announcement_send_confirm,
            name="mailing_announcement_send_confirm",
        ),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def import_menu_item():
    return PermissionMenuItem(
        "Import subscribers",
        reverse("mailing_import"),
        icon_name="upload",
        order=301,
        permission="mailing.add_subscriber",
    )


@hooks.register("register_admin_menu_item")
def mark_menu_item():
    return PermissionMenuItem(
        "Mark addresses",
        reverse("mailing_bulk_mark"),
        icon_name="warning",
        order=302,
        permission="mailing.change_subscriber",
    )


@hooks.register("register_site_header_links")
def stay_connected_link(request):
    return [{"label": "Stay connected", "url": reverse("mailing:signup")}]


@hooks.register("register_scheduled_tasks")
def register_mailing_schedule():
    return [ScheduledTask("announcements_resume", announcements_resume, cron="* * * * *")]
