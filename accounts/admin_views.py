"""The register of account emails that could not be delivered (wagtail-modeladmin)."""

from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin

from pages.modeladmin import PermittedHistoryView

from .models import AccountEmail


class ReadOnlyPermissionHelper(PermissionHelper):
    """Listed and inspected by those with the view permission; never written from the admin."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class UndeliveredEmailAdmin(ModelAdmin):
    history_view_class = PermittedHistoryView
    model = AccountEmail
    menu_label = "Undelivered emails"
    menu_icon = "warning"
    menu_order = 910
    add_to_settings_menu = True
    permission_helper_class = ReadOnlyPermissionHelper
    inspect_view_enabled = True
    inspect_view_fields = (
        "recipient",
        "subject",
        "status",
        "attempts",
        "last_error",
        "next_attempt_at",
        "created_at",
    )
    list_display = ("recipient", "subject", "status", "attempts", "last_error", "created_at")
    list_filter = ("status", "created_at")
    search_fields = ("recipient", "subject")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(status__in=[AccountEmail.Status.FAILED, AccountEmail.Status.RETRYING])
        )
