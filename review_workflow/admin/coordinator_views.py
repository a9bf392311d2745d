"""The coordinator's screens of one submission: its file and transitions, version compare,
review panel, reconciliation and decision, and the export of its complete record."""

import json
import logging

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control

from ..core.errors import Conflict, Invalid, NotFound, NotPermitted, WorkflowError
from ..core.permissions import can_view_any_submission
from ..core.states import Status
from ..http import status_for
from ..models import Assignment, Decision, Rating
from ..models.rules import unmet_required_standards
from ..selectors.appeals import appeal_list_for_staff
from ..selectors.export import submission_record, submission_record_pdf
from ..selectors.reconciliation import consolidated_required_changes, reconciliation_matrix
from ..selectors.reviews import missing_expertise, reviewer_suggestions
from ..selectors.submissions import submission_list_visible_to
from ..selectors.versions import version_comparison
from ..services import decisions, panel
from ..services.lifecycle import submission_transition
from ..services.transitions import TRANSITIONS, transition_refusal, transitions_available
from .forms import AssignForm, AssignmentChangeForm, DecisionForm

logger = logging.getLogger(__name__)

CONFIRMED = "confirmed"  # the field only a confirmation page's form sends


def submission_for_staff(request, pk):
    """The submission, for those who may see every one."""
    if not can_view_any_submission(request.user):
        raise PermissionDenied
    return get_object_or_404(
        submission_list_visible_to(user=request.user).select_related(
            "organization", "standards_version"
        ),
        pk=pk,
    )


# --- The file and its transitions ---------------------------------------------------------


def submission_file(request, pk):
    """Everything about one submission, and one button per transition the coordinator may run."""
    submission = submission_for_staff(request, pk)
    return TemplateResponse(
        request,
        "review_workflow/admin/submission_file.html",
        {
            "submission": submission,
            "actions": transitions_available(
                submission=submission, user=request.user, buttons_only=True
            ),
            "materials": submission.materials.all(),
            "versions": submission.versions.all(),
            "events": submission.audit_events.select_related("actor"),
            "modules": submission.modules.all(),
            "self_assessments": submission.self_assessments.select_related("standard"),
            "decisions": submission.decisions.select_related("drafted_by", "signed_off_by"),
            "appeals": appeal_list_for_staff(user=request.user).filter(submission=submission),
        },
    )


def submission_action(request, pk, action):
    """Confirm, then run, one of the transitions the file offers as a button; any other is
    refused here. Only a POST that carries the confirmation acts."""
    if not can_view_any_submission(request.user):
        # Not PermissionDenied: inside the admin Wagtail turns that into a redirect home.
        return HttpResponseForbidden("Only review coordinators can act on submissions.")
    submission = submission_for_staff(request, pk)
    spec = TRANSITIONS.get(action)
    try:
        if spec is None:
            raise NotFound("There is no such action.")
        if not spec.button:
            raise NotPermitted(f"“{spec.label}” is not taken from this page.")
        if request.method != "POST" or CONFIRMED not in request.POST:
            refusal = transition_refusal(submission=submission, action=action, user=request.user)
            if refusal is not None:
                raise refusal
            return _transition_confirmation(request, submission, spec)
        submission_transition(
            submission_id=submission.pk,
            action=action,
            user=request.user,
            note=request.POST.get("note", ""),
            expected_status=_posted_status(request),
        )
    except WorkflowError as refused:
        return _refused(request, submission, refused)
    messages.success(request, f"“{submission.title}”: {spec.label} done.")
    return redirect("review_submission:file", pk=submission.pk)


def _transition_confirmation(request, submission, spec):
    return TemplateResponse(
        request,
        "review_workflow/admin/confirm.html",
        {
            "submission": submission,
            "heading": f"{spec.label}: “{submission.title}”",
            "consequence": spec.consequence,
            "form_action": reverse("review_submission:action", args=[submission.pk, spec.method]),
            "hidden": {"expected_status": submission.status},
            "note_required": spec.note_required,
            "note": request.POST.get("note", ""),
            "button_label": spec.label,
            "cancel_url": reverse("review_submission:file", args=[submission.pk]),
        },
    )


def _posted_status(request) -> str:
    """The status the confirmation page showed, so a replayed confirmation cannot act twice."""
    value = request.POST.get("expected_status", "")
    if not value:
        raise Invalid("The page did not say which status it acted on; reload it.")
    return value


def _refused(request, submission, refused: WorkflowError):
    return TemplateResponse(
        request,
        "review_workflow/admin/refused.html",
        {"submission": submission, "message": refused.message},
        status=status_for(refused),
    )


def version_compare(request, pk):
    """Two versions side by side, with the changed fields marked."""
    submission = submission_for_staff(request, pk)
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
            "rows": version_comparison(older.snapshot, newer.snapshot),
            "versions": sorted(versions),
        },
    )


# --- The review panel ------------------------------------------------------------------------


def submission_panel(request, pk):
    """Who reviews the submission, suggestions ranked for the free places, and assignment."""
    submission = submission_for_staff(request, pk)
    if request.method == "POST" and "assignment" in request.POST:
        return _manage_assignment(request, submission)
    suggestions = reviewer_suggestions(submission)
    form = AssignForm(request.POST or None, suggestions=suggestions)
    if request.method != "POST":
        return _render_panel(request, submission, suggestions, form)
    if not form.is_valid():
        return _render_panel(request, submission, suggestions, form, status=400)
    try:
        panel.reviewers_assign(
            submission_id=submission.pk,
            reviewer_ids=[int(pk) for pk in form.cleaned_data["reviewers"]],
            user=request.user,
            due_date=form.cleaned_data["due_date"],
        )
    except WorkflowError as refused:
        form.add_error(None, refused.message)
        return _render_panel(request, submission, suggestions, form, status=status_for(refused))
    messages.success(request, "Reviewers assigned and notified.")
    return redirect("review_submission:panel", pk=submission.pk)


def _manage_assignment(request, submission):
    """Remove a reviewer who does not respond, or give them more time."""
    change = AssignmentChangeForm(request.POST)
    try:
        _apply_assignment_change(request, submission, change)
    except WorkflowError as refused:
        messages.error(request, refused.message)
        suggestions = reviewer_suggestions(submission)
        form = AssignForm(suggestions=suggestions)
        return _render_panel(request, submission, suggestions, form, status=status_for(refused))
    return redirect("review_submission:panel", pk=submission.pk)


def _apply_assignment_change(request, submission, change) -> None:
    if not change.is_valid():
        problems = [error for errors in change.errors.values() for error in errors]
        raise Invalid(" ".join(problems))
    assignment_id = change.cleaned_data["assignment"]
    if not submission.assignments.filter(pk=assignment_id).exists():
        raise NotFound("No such assignment on this submission.")
    if change.cleaned_data["change"] == "remove":
        panel.assignment_remove(
            assignment_id=assignment_id, user=request.user, reason=change.cleaned_data["reason"]
        )
        messages.success(request, "The reviewer is removed; the place is free.")
    else:
        panel.assignment_due_date_change(
            assignment_id=assignment_id,
            user=request.user,
            due_date=change.cleaned_data["due_date"],
        )
        messages.success(request, "The due date is changed.")


def _render_panel(request, submission, suggestions, form, status=200):
    return TemplateResponse(
        request,
        "review_workflow/admin/panel.html",
        {
            "submission": submission,
            "assignments": submission.assignments.select_related("reviewer").order_by(
                "-round", "assigned_at"
            ),
            "suggestions": suggestions,
            "missing": missing_expertise(submission),
            "form": form,
            "can_assign": submission.status in {Status.ACCEPTED_FOR_REVIEW, Status.IN_REVIEW},
            "open_statuses": Assignment.OPEN,
        },
        status=status,
    )


# --- Reconciliation and decision ------------------------------------------------------------


def submission_reconcile(request, pk):
    """The standards × reviewers matrix, the consensus, and the decision."""
    submission = submission_for_staff(request, pk)
    decision = submission.decisions.filter(round=submission.review_round).first()
    decision_form = DecisionForm(
        request.POST if "draft" in request.POST else None,
        initial=_decision_initial(submission, decision),
    )
    status = 200
    if request.method == "POST":
        try:
            response = _reconcile_action(request, submission, decision_form)
        except WorkflowError as refused:
            messages.error(request, refused.message)
            status = status_for(refused)
        else:
            if response is not None:
                return response
            status = 400
    matrix = reconciliation_matrix(submission)
    return TemplateResponse(
        request,
        "review_workflow/admin/reconcile.html",
        {
            "submission": submission,
            "matrix": matrix,
            "ratings": Rating.choices,
            "decision": decision,
            "decision_form": decision_form,
            "unmet": unmet_required_standards(submission),
            "in_reconciliation": submission.status == Status.RECONCILIATION,
            "decisions": submission.decisions.exclude(round=submission.review_round),
            "sign_off_required": settings.REVIEW_DECISION_SIGN_OFF,
        },
        status=status,
    )


def _reconcile_action(request, submission, decision_form):
    here = reverse("review_submission:reconcile", args=[submission.pk])
    if "consensus" in request.POST:
        decisions.consensus_record(
            submission_id=submission.pk, user=request.user, entries=_consensus_entries(request)
        )
        messages.success(request, "Consensus recorded.")
        return redirect(here)
    if "draft" in request.POST:
        if not decision_form.is_valid():
            return None
        decisions.decision_draft(
            submission_id=submission.pk, user=request.user, **decision_form.cleaned_data
        )
        messages.success(request, "Decision drafted.")
        return redirect(here)
    if "issue" in request.POST:
        # Issuing is irreversible: it is only ever done from its confirmation page.
        return redirect("review_submission:issue", pk=submission.pk)
    raise Invalid("Unknown action.")


def decision_issue_confirm(request, pk):
    """Say what issuing the decision will do; a confirmed POST issues it (or moves it on to
    sign-off) once."""
    submission = submission_for_staff(request, pk)
    try:
        if request.method == "POST" and CONFIRMED in request.POST:
            return _decision_issue(request, submission)
        decision = _decision_to_issue(submission)
    except WorkflowError as refused:
        return _refused(request, submission, refused)
    return TemplateResponse(
        request,
        "review_workflow/admin/confirm.html",
        {
            "submission": submission,
            "heading": f"{_issue_label(decision)}: “{submission.title}”",
            "consequence": _issue_consequence(decision),
            "decision": decision,
            "form_action": reverse("review_submission:issue", args=[submission.pk]),
            "hidden": {"round": submission.review_round, "stage": decision.stage},
            "button_label": _issue_label(decision),
            "cancel_url": reverse("review_submission:reconcile", args=[submission.pk]),
        },
    )


def _decision_issue(request, submission):
    stage = request.POST.get("stage", "")
    if stage not in Decision.Stage.values:
        raise Invalid("The page did not say which decision it confirmed; reload it.")
    decision = decisions.decision_issue(
        submission_id=submission.pk,
        user=request.user,
        expected_round=_posted_round(request),
        expected_stage=stage,
    )
    if decision.stage == Decision.Stage.FINAL:
        messages.success(request, "Decision issued; the letter is on its way to the provider.")
        return redirect("review_submission:file", pk=submission.pk)
    messages.success(request, "Decision sent for a second coordinator's sign-off.")
    return redirect("review_submission:reconcile", pk=submission.pk)


def _decision_to_issue(submission) -> Decision:
    if submission.status != Status.RECONCILIATION:
        raise Conflict("This submission is not in reconciliation.")
    decision = submission.decisions.filter(round=submission.review_round).first()
    if decision is None:
        raise Conflict("Draft the decision first.")
    if decision.stage == Decision.Stage.FINAL:
        raise Conflict("This decision has already been issued.")
    return decision


def _goes_to_sign_off(decision) -> bool:
    return settings.REVIEW_DECISION_SIGN_OFF and decision.stage == Decision.Stage.DRAFT


def _issue_label(decision) -> str:
    if _goes_to_sign_off(decision):
        return "Send for a second coordinator's sign-off"
    if decision.stage == Decision.Stage.AWAITING_SIGN_OFF:
        return "Sign off and issue the decision"
    return "Issue the decision"


ISSUE_CONSEQUENCES = {
    Decision.Outcome.APPROVED: (
        "This approves the curriculum, publishes it to the public catalog and emails the "
        "decision letter to the provider. It cannot be undone."
    ),
    Decision.Outcome.REVISIONS_REQUESTED: (
        "This returns the submission to the provider with the required changes and emails "
        "the decision letter. It cannot be undone."
    ),
    Decision.Outcome.NOT_APPROVED: (
        "This ends the review with the curriculum not approved and emails the decision "
        "letter to the provider. It cannot be undone."
    ),
}


def _issue_consequence(decision) -> str:
    if _goes_to_sign_off(decision):
        return (
            f"The decision ({decision.get_outcome_display().lower()}) goes to a second "
            "coordinator, who signs it off and issues it. Nothing is sent to the provider yet."
        )
    return ISSUE_CONSEQUENCES[decision.outcome]


def _posted_round(request) -> int | None:
    """The round the coordinator's page showed, so a decision is never issued on a newer one."""
    value = request.POST.get("round", "")
    if not value.isdigit():
        raise Invalid("The page did not say which round it decides; reload it.")
    return int(value)


def _consensus_entries(request) -> dict:
    entries = {}
    for key, value in request.POST.items():
        if key.startswith("consensus_") and value:
            try:
                standard_id = int(key.removeprefix("consensus_"))
            except ValueError:
                raise Invalid("Unknown standard.") from None
            entries[standard_id] = (value, request.POST.get(f"note_{standard_id}", ""))
    if not entries:
        raise Invalid("Choose a consensus rating for at least one standard.")
    return entries


def _decision_initial(submission, decision) -> dict:
    if decision is not None:
        return {
            "outcome": decision.outcome,
            "required_changes": decision.required_changes,
            "feedback": decision.feedback,
            "override_justification": decision.override_justification,
        }
    return {"required_changes": consolidated_required_changes(submission)}


# --- The complete record ------------------------------------------------------------------


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
    submission = submission_for_staff(request, pk)
    logger.info("Submission %s exported as %s by user %s", pk, kind, request.user.pk)
    return submission


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, private=True, no_store=True)
    return response
