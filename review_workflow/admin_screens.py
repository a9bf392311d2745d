"""Coordinator screens in the Wagtail admin: a submission's file, its transitions, versions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST
from django_fsm import has_transition_perm

from .permissions import can_view_any_submission
from .selectors import submission_list_visible_to
from .services import TRANSITIONS, TransitionRefused, submission_transition
from .snapshots import snapshot_differences


def _submission_for_staff(request, pk):
    if not can_view_any_submission(request.user):
        raise PermissionDenied
    return get_object_or_404(
        submission_list_visible_to(user=request.user).select_related("organization"), pk=pk
    )


def available_actions(submission, user) -> list:
    """The transitions this user may run on the submission now, as buttons to show."""
    actions = []
    for name, spec in TRANSITIONS.items():
        if not spec.button:
            continue  # the provider's own, the review's and the decision's steps
        bound = getattr(submission, spec.method)
        if name in {t.name for t in submission.get_available_status_transitions()} and (
            has_transition_perm(bound, user)
        ):
            actions.append(spec)
    return actions


def submission_file(request, pk):
    """Everything about one submission, and one button per transition the coordinator may run."""
    submission = _submission_for_staff(request, pk)
    return TemplateResponse(
        request,
        "review_workflow/admin/submission_file.html",
        {
            "submission": submission,
            "actions": available_actions(submission, request.user),
            "materials": submission.materials.all(),
            "versions": submission.versions.all(),
            "events": submission.audit_events.select_related("actor"),
            "modules": submission.modules.all(),
            "self_assessments": submission.self_assessments.select_related("standard"),
            "decisions": submission.decisions.select_related("drafted_by", "signed_off_by"),
        },
    )


@require_POST
def submission_action(request, pk, action):
    submission = _submission_for_staff(request, pk)
    try:
        submission_transition(
            submission_id=submission.pk,
            action=action,
            user=request.user,
            note=request.POST.get("note", ""),
            expected_status=request.POST.get("expected_status", ""),
        )
    except TransitionRefused as refused:
        response = TemplateResponse(
            request,
            "review_workflow/admin/refused.html",
            {"submission": submission, "message": refused.message},
            status=refused.status,
        )
        return response
    messages.success(request, f"“{submission.title}”: {TRANSITIONS[action].label} done.")
    return redirect("review_workflow_submission_file", pk=submission.pk)


def version_compare(request, pk):
    """Two versions side by side, with the changed fields marked."""
    submission = _submission_for_staff(request, pk)
    versions = {version.number: version for version in submission.versions.all()}
    try:
        older = versions[int(request.GET.get("from", 1))]
        newer = versions[int(request.GET.get("to", submission.version_number))]
    except (KeyError, ValueError):
        raise Http404("No such version") from None
    return TemplateResponse(
        request,
        "review_workflow/admin/version_compare.html",
        {
            "submission": submission,
            "older": older,
            "newer": newer,
            "rows": snapshot_differences(older.snapshot, newer.snapshot),
            "versions": sorted(versions),
        },
    )
