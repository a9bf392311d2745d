from wagtail import hooks
from wagtail_modeladmin.options import modeladmin_register

from pages.scheduler import ScheduledTask

from .admin_views import UndeliveredEmailAdmin
from .tasks import account_emails_retry
from .user_admin import USER_BULK_ACTIONS

modeladmin_register(UndeliveredEmailAdmin)

# Registered after Wagtail's own user bulk actions (same action names), which they replace.
for action_class in USER_BULK_ACTIONS:
    hooks.register("register_bulk_action", action_class, order=100)


@hooks.register("register_scheduled_tasks")
def register_account_email_schedule():
    return [ScheduledTask("account_emails_retry", account_emails_retry, cron="* * * * *")]
