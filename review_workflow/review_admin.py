"""Admin screens of the expert review: reviewers' assignments and reviews, the coordinator's
panel, reconciliation and decision."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from pages.modeladmin import SafeIndexView

from . import decisions, reviewing
from .models import Assignment, Decision, Rating, ReviewerProfile
from .permissions import can_view_any_submission, is_reviewer
from .review_forms import (
    AssignForm,
    AssignmentChangeForm,
    AssignmentResponseForm,
    DecisionForm,
    ReviewForm,
)
from .selectors import submission_list_visible_to
from .services import TransitionRefused
from .snapshots import snapshot_differences
from .states import Status

# --- Reviewers ------------------------------------------------------------------------------


def _require_reviewer(request):
    if not is_reviewer(request.user):
        raise PermissionDenied


def my_reviews(request):
    """The reviewer's assignments: to answer, to review, done."""
    _require_reviewer(request)
    assignments = (
        Assignment.objects.filter(reviewer=request.user)
        .select_related("submission")
        .order_by("-assigned_at")
    )
    return TemplateResponse(
        request, "review_workflow/admin/my_reviews.html", {"assignments": assignments}
    )


def _own_assignment(request, pk) -> Assignment:
    _require_reviewer(request)
    # Someone else's assignment is a 404, like one that does not exist.
    return get_object_or_404(
        Assignment.objects.select_related("submission__organization", "submission"),
        pk=pk,
        reviewer=request.user,
    )


def assignment_screen(request, pk):
    """Answer the assignment; once accepted, the submission and the review form."""
    assignment = _own_assignment(request, pk)
    if assignment.status == Assignment.Status.INVITED:
        return _respond(request, assignment)
    if assignment.status not in {Assignment.Status.ACCEPTED, Assignment.Status.SUBMITTED}:
        return TemplateResponse(
            request, "review_workflow/admin/assignment_closed.html", {"assignment": assignment}
        )
    return _review(request, assignment)


def _respond(request, assignment):
    form = AssignmentResponseForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            reviewing.assignment_respond(
                assignment_id=assignment.pk,
                user=request.user,
                answer=form.cleaned_data["answer"],
                no_conflict=form.cleaned_data["no_conflict"],
                statement=form.cleaned_data["statement"],
            )
        except TransitionRefused as refused:
            form.add_error(None, refused.message)
            status = refused.status
        else:
            messages.success(request, "Your answer is recorded.")
            return redirect("review_workflow_assignment", pk=assignment.pk)
    elif request.method == "POST":
        status = 400
    return TemplateResponse(
        request,
        "review_workflow/admin/assignment_respond.html",
        {"assignment": assignment, "form": form},
        status=status,
    )


def _review(request, assignment):
    review = reviewing.review_for(assignment)
    locked = assignment.status == Assignment.Status.SUBMITTED
    submitting = "submit" in request.POST
    form = ReviewForm(request.POST or None, review=review, submitting=submitting)
    status = 200
    if request.method == "POST" and not locked:
        if form.is_valid():
            try:
                reviewing.review_save(
                    assignment_id=assignment.pk,
                    user=request.user,
                    ratings=form.ratings_data(),
                    fields=form.fields_data(),
                    submit=submitting,
                )
            except TransitionRefused as refused:
                form.add_error(None, refused.message)
                status = refused.status
            else:
                messages.success(
                    request, "Your review is submitted." if submitting else "Draft saved."
                )
                return redirect("review_workflow_assignment", pk=assignment.pk)
        else:
            status = 400
    elif request.method == "POST":
        status = 409
        form.add_error(None, "This review is submitted and can no longer change.")
    return TemplateResponse(
        request,
        "review_workflow/admin/review_form.html",
        {
            "assignment": assignment,
            "submission": assignment.submission,
            "review": review,
            "form": form,
            "locked": locked,
            "own_ratings": review.ratings.select_related("standard"),
            "others": reviewing.reviews_visible_to(assignment),
            "materials": assignment.submission.materials.all(),
            "self_assessments": assignment.submission.self_assessments.select_related("standard"),
            "changes": _changes_since_last_round(assignment),
        },
        status=status,
    )


def _changes_since_last_round(assignment) -> list:
    """In a later round, what the provider changed since the version reviewed before."""
    if assignment.round < 2:
        return []
    versions = list(assignment.submission.versions.order_by("-number")[:2])
    if len(versions) < 2:
        return []
    newer, older = versions
    return [row for row in snapshot_differences(older.snapshot, newer.snapshot) if row["changed"]]


# --- Coordinators -----------------------------------------------------------------------------


def _coordinator_submission(request, pk):
    if not can_view_any_submission(request.user):
        raise PermissionDenied
    return get_object_or_404(
        submission_list_visible_to(user=request.user).select_related("organization"), pk=pk
    )


def submission_panel(request, pk):
    """Who reviews the submission, suggestions ranked for the free places, and assignment."""
    submission = _coordinator_submission(request, pk)
    if request.method == "POST" and "assignment" in request.POST:
        return _manage_assignment(request, submission)
    suggestions = reviewing.reviewer_suggestions(submission)
    form = AssignForm(request.POST or None, suggestions=suggestions)
    if request.method != "POST":
        return _render_panel(request, submission, suggestions, form)
    if not form.is_valid():
        return _render_panel(request, submission, suggestions, form, status=400)
    try:
        reviewing.reviewers_assign(
            submission_id=submission.pk,
            reviewer_ids=[int(pk) for pk in form.cleaned_data["reviewers"]],
            user=request.user,
            due_date=form.cleaned_data["due_date"],
        )
    except TransitionRefused as refused:
        form.add_error(None, refused.message)
        return _render_panel(request, submission, suggestions, form, status=refused.status)
    messages.success(request, "Reviewers assigned and notified.")
    return redirect("review_workflow_panel", pk=submission.pk)


def _manage_assignment(request, submission):
    """Remove a reviewer who does not respond, or give them more time."""
    change = AssignmentChangeForm(request.POST)
    try:
        _apply_assignment_change(request, submission, change)
    except TransitionRefused as refused:
        messages.error(request, refused.message)
        suggestions = reviewing.reviewer_suggestions(submission)
        form = AssignForm(suggestions=suggestions)
        return _render_panel(request, submission, suggestions, form, status=refused.status)
    return redirect("review_workflow_panel", pk=submission.pk)


def _apply_assignment_change(request, submission, change) -> None:
    if not change.is_valid():
        problems = [error for errors in change.errors.values() for error in errors]
        raise TransitionRefused(" ".join(problems), 400)
    assignment_id = change.cleaned_data["assignment"]
    if not submission.assignments.filter(pk=assignment_id).exists():
        raise TransitionRefused("No such assignment on this submission.", 404)
    if change.cleaned_data["change"] == "remove":
        reviewing.assignment_remove(
            assignment_id=assignment_id, user=request.user, reason=change.cleaned_data["reason"]
        )
        messages.success(request, "The reviewer is removed; the place is free.")
    else:
        reviewing.assignment_due_date_change(
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
            "missing": reviewing.missing_expertise(submission),
            "form": form,
            "can_assign": submission.status in {Status.ACCEPTED_FOR_REVIEW, Status.IN_REVIEW},
            "open_statuses": Assignment.OPEN,
        },
        status=status,
    )


def submission_reconcile(request, pk):
    """The standards × reviewers matrix, the consensus, and the decision."""
    submission = _coordinator_submission(request, pk)
    decision = submission.decisions.filter(round=submission.review_round).first()
    decision_form = DecisionForm(
        request.POST if "draft" in request.POST else None,
        initial=_decision_initial(submission, decision),
    )
    status = 200
    if request.method == "POST":
        try:
            response = _reconcile_action(request, submission, decision_form)
        except TransitionRefused as refused:
            messages.error(request, refused.message)
            status = refused.status
        else:
            if response is not None:
                return response
            status = 400
    matrix = decisions.reconciliation_matrix(submission)
    return TemplateResponse(
        request,
        "review_workflow/admin/reconcile.html",
        {
            "submission": submission,
            "matrix": matrix,
            "ratings": Rating.choices,
            "decision": decision,
            "decision_form": decision_form,
            "unmet": decisions.unmet_required_standards(submission),
            "in_reconciliation": submission.status == Status.RECONCILIATION,
            "decisions": submission.decisions.exclude(round=submission.review_round),
            "sign_off_required": settings.REVIEW_DECISION_SIGN_OFF,
        },
        status=status,
    )


def _reconcile_action(request, submission, decision_form):
    here = reverse("review_workflow_reconcile", args=[submission.pk])
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
        decision = decisions.decision_issue(
            submission_id=submission.pk,
            user=request.user,
            expected_round=_posted_round(request),
        )
        if decision.stage == Decision.Stage.FINAL:
            messages.success(request, "Decision issued; the letter is on its way to the provider.")
            return redirect("review_workflow_submission_file", pk=submission.pk)
        messages.success(request, "Decision sent for a second coordinator's sign-off.")
        return redirect(here)
    raise TransitionRefused("Unknown action.", 400)


def _posted_round(request) -> int | None:
    """The round the coordinator's page showed, so a decision is never issued on a newer one."""
    value = request.POST.get("round", "")
    if not value.isdigit():
        raise TransitionRefused("The page did not say which round it decides; reload it.", 400)
    return int(value)


def _consensus_entries(request) -> dict:
    entries = {}
    for key, value in request.POST.items():
        if key.startswith("consensus_") and value:
            try:
                standard_id = int(key.removeprefix("consensus_"))
            except ValueError:
                raise TransitionRefused("Unknown standard.", 400) from None
            entries[standard_id] = (value, request.POST.get(f"note_{standard_id}", ""))
    if not entries:
        raise TransitionRefused("Choose a consensus rating for at least one standard.", 400)
    return entries


def _decision_initial(submission, decision) -> dict:
    if decision is not None:
        return {
            "outcome": decision.outcome,
            "required_changes": decision.required_changes,
            "feedback": decision.feedback,
            "override_justification": decision.override_justification,
        }
    return {"required_changes": decisions.consolidated_required_changes(submission)}


# --- Registration ---------------------------------------------------------------------------


class ReviewerProfileAdmin(ModelAdmin):
    """The review panel's members: expertise, affiliations, capacity."""

    index_view_class = SafeIndexView
    model = ReviewerProfile
    menu_label = "Reviewers"
    menu_icon = "group"
    menu_order = 205
    add_to_admin_menu = True
    list_display = ("__str__", "expertise_list", "capacity", "open_assignments", "active")
    list_filter = ("active", "expertise")
    search_fields = ("user__first_name", "user__last_name", "user__username", "user__email")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("user")
            .prefetch_related("expertise")
            .annotate(open_count=reviewing.open_load_annotation())
        )

    def expertise_list(self, profile):
        return ", ".join(area.name for area in profile.expertise.all())

    expertise_list.short_description = "Expertise"

    def open_assignments(self, profile):
        return profile.open_count

    open_assignments.short_description = "Open assignments"


modeladmin_register(ReviewerProfileAdmin)


@hooks.register("register_admin_urls")
def review_urls():
    return [
        path("reviews/", my_reviews, name="review_workflow_my_reviews"),
        path("reviews/<int:pk>/", assignment_screen, name="review_workflow_assignment"),
        path("submissions/<int:pk>/panel/", submission_panel, name="review_workflow_panel"),
        path(
            "submissions/<int:pk>/reconcile/",
            submission_reconcile,
            name="review_workflow_reconcile",
        ),
    ]


class ReviewerMenuItem(MenuItem):
    def is_shown(self, request):
        return is_reviewer(request.user)


@hooks.register("register_admin_menu_item")
def my_reviews_menu_item():
    return ReviewerMenuItem(
        "My reviews", reverse("review_workflow_my_reviews"), icon_name="clipboard-list", order=150
    )
