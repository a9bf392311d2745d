"""The admin homepage panels of the review: what waits on a coordinator, and on a reviewer
(added by `wagtail_hooks.py` through `construct_homepage_panels`)."""

from django.utils import timezone
from wagtail.admin.ui.components import Component

from ..core.permissions import can_view_any_submission, is_reviewer
from ..selectors.appeals import appeal_assignment_list_open_for, appeal_list_waiting
from ..selectors.dashboard import (
    assignment_list_open_for,
    decision_list_awaiting_sign_off,
    submission_stages_waiting,
)
from ..selectors.oversight import assignment_list_overdue


class CoordinatorWorkPanel(Component):
    """Submissions waiting by stage, decisions awaiting sign-off, overdue reviews and open
    appeals."""

    name = "review_coordinator_work"
    template_name = "review_workflow/admin/panels/coordinator.html"
    order = 50

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        return {
            "stages": submission_stages_waiting(today=today),
            "sign_offs": decision_list_awaiting_sign_off(),
            "overdue": assignment_list_overdue(today=today),
            "appeals": appeal_list_waiting(),
            "today": today,
        }


class ReviewerWorkPanel(Component):
    """The reviewer's invitations to answer, reviews due and appeal panel places."""

    name = "review_reviewer_work"
    template_name = "review_workflow/admin/panels/reviewer.html"
    order = 60

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        assignments = list(assignment_list_open_for(user=self.user))
        return {
            "invitations": [a for a in assignments if a.status == a.Status.INVITED],
            "reviews": [a for a in assignments if a.status == a.Status.ACCEPTED],
            "appeal_places": list(appeal_assignment_list_open_for(user=self.user)),
            "today": timezone.localdate(),
        }


def role_panels(user) -> list[Component]:
    """The review panels this user's roles call for."""
    panels = []
    if can_view_any_submission(user):
        panels.append(CoordinatorWorkPanel())
    if is_reviewer(user):
        panels.append(ReviewerWorkPanel(user))
    return panels
