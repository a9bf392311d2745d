from wagtail import hooks
from wagtail_modeladmin.options import modeladmin_register

from .admin_views import UndeliveredEmailAdmin
from .user_admin import USER_BULK_ACTIONS

modeladmin_register(UndeliveredEmailAdmin)

# Registered after Wagtail's own user bulk actions (same action names), which they replace.
for action_class in USER_BULK_ACTIONS:
    hooks.register("register_bulk_action", action_class, order=100)
