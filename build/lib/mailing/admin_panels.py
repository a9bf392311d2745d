"""The communications editor's admin homepage panel: moderation, scheduled items and
announcements ready to send (added by `wagtail_hooks.py` through `construct_homepage_panels`)."""

from wagtail.admin.ui.components import Component

from .selectors import (
    announcement_list_ready_to_send,
    announcement_list_sending,
    moderation_list_in_progress,
    revision_list_scheduled,
)


class CommunicationsPanel(Component):
    """What waits on the communications editor."""

    name = "mailing_communications"
    template_name = "mailing/admin/panels/communications.html"
    order = 70

    def get_context_data(self, parent_context=None):
        return {
            "moderation": moderation_list_in_progress(),
            "scheduled": revision_list_scheduled(),
            "ready": announcement_list_ready_to_send(),
            "sending": announcement_list_sending(),
        }


def role_panels(user) -> list[Component]:
    """The communications panel, for those who may send announcements."""
    return [CommunicationsPanel()] if user.has_perm("mailing.send_announcement") else []
