"""Reads for the communications editor's admin homepage panel."""

from django.utils import timezone
from wagtail.models import Revision, WorkflowState

from .models import Announcement


def announcement_list_ready_to_send():
    """Approved announcements that have not been sent yet, the oldest first."""
    return Announcement.objects.filter(live=True, sending=Announcement.Sending.NOT_SENT).order_by(
        "pk"
    )


def announcement_list_sending():
    """Announcements whose sending has started and not finished."""
    return Announcement.objects.filter(sending=Announcement.Sending.QUEUED).order_by("queued_at")


def moderation_list_in_progress():
    """Pages and snippets (announcements among them) waiting in a moderation workflow."""
    states = (
        WorkflowState.objects.active()
        .select_related("current_task_state__task")
        .prefetch_related("content_object")
        .order_by("created_at")
    )
    return [state for state in states if state.content_object is not None]


def revision_list_scheduled():
    """Revisions approved to go live at a time still to come, the soonest first."""
    revisions = (
        Revision.objects.filter(approved_go_live_at__gt=timezone.now())
        .prefetch_related("content_object")
        .order_by("approved_go_live_at")
    )
    return [revision for revision in revisions if revision.content_object is not None]
