"""Reviewer onboarding in one form: the account, the profile and the welcome email."""

from django.contrib import messages
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from ..core.errors import WorkflowError
from ..http import status_for
from ..services.reviewers import reviewer_invite
from .forms import ReviewerInviteForm

INVITE_PERMISSION = "review_workflow.add_reviewerprofile"


def reviewer_invite_screen(request):
    """Invite a reviewer by name and email; they choose their password from the email."""
    if not request.user.has_perm(INVITE_PERMISSION):
        # Not PermissionDenied: inside the admin Wagtail turns that into a redirect home.
        return HttpResponseForbidden("Only review coordinators can invite reviewers.")
    form = ReviewerInviteForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                profile = reviewer_invite(**form.cleaned_data)
            except WorkflowError as refused:
                form.add_error("email", refused.message)
                status = status_for(refused)
            else:
                messages.success(
                    request, f"{profile} is a reviewer now; the welcome email is on its way."
                )
                return redirect("reviewer_onboarding:index")
    return TemplateResponse(
        request, "review_workflow/admin/reviewer_invite.html", {"form": form}, status=status
    )
