"""The coordinators' oversight dashboard and the export of a submission's complete record."""

import json
import logging

from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.cache import patch_cache_control
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .export import submission_record, submission_record_pdf
from .models import Decision
from .oversight import oversight_dashboard
from .permissions import can_view_any_submission
from .selectors import submission_list_visible_to

logger = logging.getLogger(__name__)


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


def submission_export_json(request, pk):
    """The submission's complete record as a JSON file (structure documented in export.py)."""
    submission = _submission_to_export(request, pk, "json")
    record = submission_record(submission=submission)
    body = json.dumps(record, ensure_ascii=False, indent=2)
    return _attachment(body.encode(), "application/json", f"submission-{submission.pk}.json")


def submission_export_pdf(request, pk):
    """The submission's complete record as a PDF to read or file."""
    submission = _submission_to_export(request, pk, "pdf")
    pdf = submission_record_pdf(submission_record(submission=submission))
    return _attachment(pdf, "application/pdf", f"submission-{submission.pk}.pdf")


def _submission_to_export(request, pk, kind):
    # The record holds reviewers' confidential comments: anyone else learns nothing, not
    # even whether the submission exists.
    if not can_view_any_submission(request.user):
        raise Http404
    submission = get_object_or_404(
        submission_list_visible_to(user=request.user).select_related(
            "organization", "standards_version"
        ),
        pk=pk,
    )
    logger.info("Submission %s exported as %s by user %s", pk, kind, request.user.pk)
    return submission


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, private=True, no_store=True)
    return response


@hooks.register("register_admin_urls")
def oversight_urls():
    return [
        path("review-oversight/", oversight, name="review_workflow_oversight"),
        path(
            "submissions/<int:pk>/export.json",
            submission_export_json,
            name="review_workflow_submission_export_json",
        ),
        path(
            "submissions/<int:pk>/export.pdf",
            submission_export_pdf,
            name="review_workflow_submission_export_pdf",
        ),
    ]


class CoordinatorMenuItem(MenuItem):
    """A menu item only review coordinators (and superusers) see."""

    def is_shown(self, request):
        return can_view_any_submission(request.user)


@hooks.register("register_admin_menu_item")
def oversight_menu_item():
    return CoordinatorMenuItem(
        "Review oversight", reverse("review_workflow_oversight"), icon_name="table", order=250
    )
