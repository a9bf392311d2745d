"""The review's operational registers, browsed, filtered and inspected with wagtail-modeladmin."""

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin

from pages.modeladmin import PermittedHistoryView, SafeIndexView

from ..core.permissions import can_view_any_submission
from ..models import AuditEvent, ReviewerProfile, Submission
from ..selectors.reviews import open_load_annotation
from .forms import ReviewerProfileForm


class ReadOnlyRegisterPermissions(PermissionHelper):
    """Staff browse and inspect these registers; changes happen only through the workflow."""

    def user_can_list(self, user):
        return can_view_any_submission(user)

    def user_can_inspect_obj(self, user, obj):
        return can_view_any_submission(user)

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class SubmissionAdmin(ModelAdmin):
    """The coordinators' queue of submissions."""

    history_view_class = PermittedHistoryView

    index_view_class = SafeIndexView
    model = Submission
    menu_label = "Submissions"
    menu_icon = "form"
    menu_order = 200
    add_to_admin_menu = True
    inspect_view_enabled = True
    permission_helper_class = ReadOnlyRegisterPermissions
    list_filter = ("status", "topic_areas", "updated_at")
    search_fields = ("title", "organization__name")
    ordering = ("-updated_at",)
    inspect_view_fields = ("title", "organization", "status", "version_number", "summary")

    list_display = ("file_link", "organization", "status_label", "version_number", "updated_at")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organization")

    def file_link(self, submission):
        url = reverse("review_submission:file", args=[submission.pk])
        return format_html('<a href="{}">{}</a>', url, submission.title)

    file_link.short_description = "Curriculum"

    def status_label(self, submission):
        # A narrow column otherwise breaks a status mid-word ("Submitte/d").
        return format_html(
            '<span style="white-space: nowrap">{}</span>', submission.get_status_display()
        )

    status_label.short_description = "Status"
    status_label.admin_order_field = "status"


class AuditEventAdmin(ModelAdmin):
    """The append-only audit trail: listed and inspected, never edited or deleted."""

    history_view_class = PermittedHistoryView

    index_view_class = SafeIndexView
    model = AuditEvent
    menu_label = "Audit trail"
    menu_icon = "history"
    menu_order = 210
    add_to_admin_menu = True
    inspect_view_enabled = True
    permission_helper_class = ReadOnlyRegisterPermissions
    list_display = ("at", "submission", "action", "from_status", "to_status", "actor")
    list_filter = ("action", "to_status", "at")
    search_fields = ("submission__title", "actor__username", "note")
    ordering = ("-at",)


class ReviewerProfileAdmin(ModelAdmin):
    """The review panel's members: expertise, affiliations, capacity."""

    history_view_class = PermittedHistoryView

    index_view_class = SafeIndexView
    model = ReviewerProfile
    menu_label = "Reviewers"
    menu_icon = "group"
    menu_order = 205
    add_to_admin_menu = True
    list_display = ("__str__", "expertise_list", "capacity", "open_assignments", "active")
    list_filter = ("active", "expertise")
    search_fields = ("user__first_name", "user__last_name", "user__username", "user__email")
    edit_handler = ObjectList(
        [
            FieldPanel("user", heading="Person (name and email)"),
            FieldPanel("expertise", widget=forms.CheckboxSelectMultiple),
            FieldPanel("affiliations"),
            FieldPanel("capacity"),
            FieldPanel("active"),
        ],
        base_form_class=ReviewerProfileForm,
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("user")
            .prefetch_related("expertise")
            .annotate(open_count=open_load_annotation())
        )

    def expertise_list(self, profile):
        return ", ".join(area.name for area in profile.expertise.all())

    expertise_list.short_description = "Expertise"

    def open_assignments(self, profile):
        return profile.open_count

    open_assignments.short_description = "Open assignments"
