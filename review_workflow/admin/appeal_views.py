"""The appeal screens in the admin: the coordinators' list and appeal file (panel, outcome
with its confirmation, the provider's file), and the appeal reviewer's own place."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from ..core.errors import Invalid, NotFound, NotPermitted, WorkflowError
from ..core.permissions import can_view_any_submission, is_reviewer
from ..core.states import AppealStatus
from ..http import status_for
from ..models import AppealAssignment
from ..portal.downloads import CONTENT_TYPES
from ..selectors.appeals import (
    appeal_assignment_for_reviewer,
    appeal_file_visible_to,
    appeal_list_for_staff,
    appeal_reviewer_suggestions,
)
from ..services import appeals
from ..services.transitions import (
    APPEAL_TRANSITIONS,
    appeal_transition_refusal,
    appeal_transitions_available,
)
from .forms import (
    AppealAssignForm,
    AppealFindingsForm,
    AssignmentChangeForm,
    AssignmentResponseForm,
)

CONFIRMED = "confirmed"


def _appeal_for_staff(request, pk):
    if not can_view_any_submission(request.user):
        raise PermissionDenied
    return get_object_or_404(appeal_list_for_staff(user=request.user), pk=pk)


def appeal_index(request):
    """Every lodged appeal, the open ones first."""
    if not can_view_any_submission(request.user):
        return HttpResponseForbidden("Only review coordinators can see appeals.")
    appeal_list = sorted(
        appeal_list_for_staff(user=request.user), key=lambda appeal: appeal.is_decided
    )
    return TemplateResponse(
        request, "review_workflow/admin/appeal_index.html", {"appeals": appeal_list}
    )


def appeal_file(request, pk):
    """One appeal: the decision appealed, the grounds, the panel and its findings, the outcome."""
    if not can_view_any_submission(request.user):
        return HttpResponseForbidden("Only review coordinators can see appeals.")
    appeal = _appeal_for_staff(request, pk)
    if request.method == "POST" and "assignment" in request.POST:
        return _change_place(request, appeal)
    suggestions = appeal_reviewer_suggestions(appeal)
    form = AppealAssignForm(request.POST or None, suggestions=suggestions)
    if request.method != "POST":
        return _render_appeal_file(request, appeal, suggestions, form)
    if not form.is_valid():
        return _render_appeal_file(request, appeal, suggestions, form, status=400)
    try:
        appeals.appeal_reviewers_assign(
            appeal_id=appeal.pk,
            reviewer_ids=[int(pk) for pk in form.cleaned_data["reviewers"]],
            user=request.user,
            due_date=form.cleaned_data["due_date"],
        )
    except WorkflowError as refused:
        form.add_error(None, refused.message)
        return _render_appeal_file(request, appeal, suggestions, form, status=status_for(refused))
    messages.success(request, "Appeal reviewers assigned and notified.")
    return redirect("review_appeals:file", pk=appeal.pk)


def _render_appeal_file(request, appeal, suggestions, form, status=200):
    return TemplateResponse(
        request,
        "review_workflow/admin/appeal_file.html",
        {
            "appeal": appeal,
            "submission": appeal.submission,
            "assignments": appeal.assignments.select_related("reviewer"),
            "suggestions": suggestions,
            "form": form,
            "can_assign": appeal.status in {AppealStatus.APPEALED, AppealStatus.IN_REVIEW},
            "actions": appeal_transitions_available(
                appeal=appeal, user=request.user, buttons_only=True
            ),
            "events": appeal.audit_events.select_related("actor"),
            "open_statuses": AppealAssignment.OPEN,
        },
        status=status,
    )


def _change_place(request, appeal):
    """Remove a reviewer who does not respond, or give them more time."""
    change = AssignmentChangeForm(request.POST)
    try:
        if not change.is_valid():
            problems = [error for errors in change.errors.values() for error in errors]
            raise Invalid(" ".join(problems))
        assignment_id = change.cleaned_data["assignment"]
        if not appeal.assignments.filter(pk=assignment_id).exists():
            raise NotFound("No such place on this appeal's panel.")
        if change.cleaned_data["change"] == "remove":
            appeals.appeal_assignment_remove(
                assignment_id=assignment_id,
                user=request.user,
                reason=change.cleaned_data["reason"],
            )
            messages.success(request, "The reviewer is removed; the place is free.")
        else:
            appeals.appeal_assignment_due_date_change(
                assignment_id=assignment_id,
                user=request.user,
                due_date=change.cleaned_data["due_date"],
            )
            messages.success(request, "The due date is changed.")
    except WorkflowError as refused:
        messages.error(request, refused.message)
        suggestions = appeal_reviewer_suggestions(appeal)
        form = AppealAssignForm(suggestions=suggestions)
        return _render_appeal_file(request, appeal, suggestions, form, status=status_for(refused))
    return redirect("review_appeals:file", pk=appeal.pk)


def appeal_action(request, pk, action):
    """Confirm, then record, the appeal's outcome; only a POST carrying the confirmation acts."""
    if not can_view_any_submission(request.user):
        return HttpResponseForbidden("Only review coordinators can decide appeals.")
    appeal = _appeal_for_staff(request, pk)
    spec = APPEAL_TRANSITIONS.get(action)
    try:
        if spec is None:
            raise NotFound("There is no such action.")
        if not spec.button:
            raise NotPermitted(f"“{spec.label}” is not taken from this page.")
        if request.method != "POST" or CONFIRMED not in request.POST:
            refusal = appeal_transition_refusal(appeal=appeal, action=action, user=request.user)
            if refusal is not None:
                raise refusal
            return _outcome_confirmation(request, appeal, spec)
        expected_status = request.POST.get("expected_status", "")
        if not expected_status:
            raise Invalid("The page did not say which state it acted on; reload it.")
        appeals.appeal_decide(
            appeal_id=appeal.pk,
            user=request.user,
            action=action,
            reasons=request.POST.get("note", ""),
            expected_status=expected_status,
        )
    except WorkflowError as refused:
        return TemplateResponse(
            request,
            "review_workflow/admin/appeal_refused.html",
            {"appeal": appeal, "message": refused.message},
            status=status_for(refused),
        )
    messages.success(request, f"Appeal on “{appeal.submission.title}”: {spec.label} done.")
    return redirect("review_appeals:file", pk=appeal.pk)


def _outcome_confirmation(request, appeal, spec):
    return TemplateResponse(
        request,
        "review_workflow/admin/confirm.html",
        {
            "submission": appeal.submission,
            "heading": f"{spec.label}: appeal on “{appeal.submission.title}”",
            "consequence": spec.consequence,
            "form_action": reverse("review_appeals:action", args=[appeal.pk, spec.method]),
            "hidden": {"expected_status": appeal.status},
            "note_required": spec.note_required,
            "note": request.POST.get("note", ""),
            "button_label": spec.label,
            "cancel_url": reverse("review_appeals:file", args=[appeal.pk]),
        },
    )


def _file_response(appeal):
    response = FileResponse(
        appeal.file.open("rb"),
        as_attachment=True,
        filename=appeal.file_name,
        content_type=CONTENT_TYPES[appeal.file_kind],
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def appeal_file_download(request, pk):
    """The provider's supporting file, for the coordinators."""
    if not can_view_any_submission(request.user):
        raise Http404
    appeal = _appeal_for_staff(request, pk)
    if not appeal_file_visible_to(user=request.user, appeal=appeal):
        raise Http404
    return _file_response(appeal)


# --- The appeal reviewer -------------------------------------------------------------------------


def my_appeal_reviews(request):
    """The reviewer's places on appeal panels."""
    if not is_reviewer(request.user):
        raise PermissionDenied
    places = (
        AppealAssignment.objects.filter(reviewer=request.user)
        .select_related("appeal__submission")
        .order_by("-assigned_at")
    )
    return TemplateResponse(
        request, "review_workflow/admin/appeal_reviews.html", {"assignments": places}
    )


def _own_place(request, pk) -> AppealAssignment:
    if not is_reviewer(request.user):
        raise PermissionDenied
    assignment = appeal_assignment_for_reviewer(user=request.user, pk=pk)
    if assignment is None:
        raise Http404
    return assignment


def appeal_review_screen(request, pk):
    """Answer the invitation; only once no conflict is declared, the appeal and the findings."""
    assignment = _own_place(request, pk)
    if assignment.status == AppealAssignment.Status.INVITED:
        form = AssignmentResponseForm(request.POST or None)
        action = "respond"
    elif assignment.status in AppealAssignment.CLEARED:
        form = AppealFindingsForm(request.POST or None)
        action = "findings"
    else:
        return TemplateResponse(
            request,
            "review_workflow/admin/appeal_review.html",
            {"assignment": assignment, "closed": True},
        )
    status = 200
    if request.method == "POST":
        if assignment.status == AppealAssignment.Status.SUBMITTED:
            form.add_error(None, "Your findings are sent and can no longer change.")
            status = 409
        elif form.is_valid():
            try:
                _appeal_review_act(request, assignment, action, form.cleaned_data)
            except WorkflowError as refused:
                form.add_error(None, refused.message)
                status = status_for(refused)
            else:
                return redirect("appeal_reviews:assignment", pk=assignment.pk)
        else:
            status = 400
    cleared = assignment.status in AppealAssignment.CLEARED
    return TemplateResponse(
        request,
        "review_workflow/admin/appeal_review.html",
        {
            "assignment": assignment,
            "appeal": assignment.appeal,
            "submission": assignment.appeal.submission,
            "form": form,
            "action": action,
            "cleared": cleared,
            "letters": assignment.appeal.submission.decisions.filter(stage="final")
            if cleared
            else [],
            "materials": assignment.appeal.submission.materials.all() if cleared else [],
        },
        status=status,
    )


def _appeal_review_act(request, assignment, action, data) -> None:
    if action == "respond":
        appeals.appeal_assignment_respond(
            assignment_id=assignment.pk,
            user=request.user,
            answer=data["answer"],
            no_conflict=data["no_conflict"],
            statement=data["statement"],
        )
        messages.success(request, "Your answer is recorded.")
    else:
        appeals.appeal_findings_submit(
            assignment_id=assignment.pk,
            user=request.user,
            recommendation=data["recommendation"],
            findings=data["findings"],
        )
        messages.success(request, "Your findings are sent.")


def appeal_review_file(request, pk):
    """The provider's supporting file, for a panel member who declared no conflict."""
    assignment = _own_place(request, pk)
    if not appeal_file_visible_to(user=request.user, appeal=assignment.appeal):
        raise Http404
    return _file_response(assignment.appeal)
