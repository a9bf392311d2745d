"""The reviewer's screens: their assignments, the answer to an invitation, the review form."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from ..core.errors import WorkflowError
from ..core.permissions import is_reviewer
from ..http import status_for
from ..models import Assignment
from ..selectors.reviews import reviews_visible_to
from ..selectors.versions import version_comparison
from ..services import panel, reviews
from .forms import AssignmentResponseForm, ReviewForm


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
            panel.assignment_respond(
                assignment_id=assignment.pk,
                user=request.user,
                answer=form.cleaned_data["answer"],
                no_conflict=form.cleaned_data["no_conflict"],
                statement=form.cleaned_data["statement"],
            )
        except WorkflowError as refused:
            form.add_error(None, refused.message)
            status = status_for(refused)
        else:
            messages.success(request, "Your answer is recorded.")
            return redirect("review_assignments:assignment", pk=assignment.pk)
    elif request.method == "POST":
        status = 400
    return TemplateResponse(
        request,
        "review_workflow/admin/assignment_respond.html",
        {"assignment": assignment, "form": form},
        status=status,
    )


def _review(request, assignment):
    review = reviews.review_for(assignment)
    locked = assignment.status == Assignment.Status.SUBMITTED
    submitting = "submit" in request.POST
    form = ReviewForm(request.POST or None, review=review, submitting=submitting)
    status = 200
    if request.method == "POST" and not locked:
        if form.is_valid():
            try:
                reviews.review_save(
                    assignment_id=assignment.pk,
                    user=request.user,
                    ratings=form.ratings_data(),
                    fields=form.fields_data(),
                    submit=submitting,
                )
            except WorkflowError as refused:
                form.add_error(None, refused.message)
                status = status_for(refused)
            else:
                messages.success(
                    request, "Your review is submitted." if submitting else "Draft saved."
                )
                return redirect("review_assignments:assignment", pk=assignment.pk)
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
            "others": reviews_visible_to(assignment),
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
    return [row for row in version_comparison(older.snapshot, newer.snapshot) if row.changed]
