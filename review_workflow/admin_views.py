"""Admin registrations for the review workflow: registers with wagtail-modeladmin, snippets."""

from django.urls import reverse
from django.utils.html import format_html
from wagtail.admin.panels import ObjectList
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin

from pages.modeladmin import SafeIndexView

from .models import AuditEvent, EmailTemplate, StandardsVersion, Submission
from .permissions import can_view_any_submission
from .standards_forms import StandardsVersionForm
from .standards_views import StandardsVersionCopyView


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

    list_display = ("file_link", "organization", "status", "version_number", "updated_at")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organization")

    def file_link(self, submission):
        url = reverse("review_workflow_submission_file", args=[submission.pk])
        return format_html('<a href="{}">{}</a>', url, submission.title)

    file_link.short_description = "Curriculum"


class AuditEventAdmin(ModelAdmin):
    """The append-only audit trail: listed and inspected, never edited or deleted."""

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


class StandardsVersionViewSet(SnippetViewSet):
    """The editions of the standards: once submissions use one, it is copied, never edited."""

    model = StandardsVersion
    icon = "list-ol"
    menu_label = "Standards"
    add_to_admin_menu = True
    menu_order = 220
    list_display = ["name", "effective_date", "status"]
    edit_handler = ObjectList(StandardsVersion.panels, base_form_class=StandardsVersionForm)
    edit_template_name = "review_workflow/admin/standards_edit.html"
    delete_template_name = "review_workflow/admin/standards_delete.html"
    # Wagtail's "Copy" action leads to a short form of ours that makes a draft, in place of
    # the add form prefilled with the original (which would carry over the status).
    copy_view_class = StandardsVersionCopyView

    def get_copy_view_kwargs(self, **kwargs):
        return kwargs


class EmailTemplateViewSet(SnippetViewSet):
    model = EmailTemplate
    icon = "mail"
    menu_label = "Workflow emails"
    list_display = ["key", "subject"]
