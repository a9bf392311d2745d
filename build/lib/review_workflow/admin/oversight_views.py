"""The coordinators' oversight dashboard."""

from django.http import HttpResponseForbidden
from django.template.response import TemplateResponse

from ..core.permissions import can_view_any_submission
from ..models import Decision
from ..selectors.oversight import oversight_dashboard


def oversight(request):
    """Where submissions stand, how long stages take, late reviews, reviewer load, decisions."""
    if not can_view_any_submission(request.user):
        # Not PermissionDenied: inside the admin Wagtail turns that into a redirect home.
        return HttpResponseForbidden("Only review coordinators can see the oversight dashboard.")
    dashboard = oversight_dashboard()
    return TemplateResponse(
        request,
        "review_workflow/admin/oversight.html",
        {
            "oversight": dashboard,
            # Both lists hold every state, in the same order: one table row per state.
            "states": list(zip(dashboard.status_counts, dashboard.stage_durations, strict=True)),
            "outcomes": Decision.Outcome.labels,
        },
    )
