"""The certificate of an approval, for the provider to print and show."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from ..core.permissions import user_organization_id
from ..models import ApprovalRecord
from ..selectors.approvals import (
    approval_certificate_pdf,
    approval_record_latest,
    approval_standing,
)
from ..selectors.submissions import submission_list_visible_to


@login_required
@require_GET
def approval_certificate(request, pk: int):
    """The PDF certificate of the submission's approval while it is in force; 404 otherwise."""
    submission = get_object_or_404(submission_list_visible_to(user=request.user), pk=pk)
    if user_organization_id(request.user) != submission.organization_id:
        raise Http404
    record = approval_record_latest(submission=submission)
    if record is None or approval_standing(record=record) != ApprovalRecord.Standing.ACTIVE:
        raise Http404
    response = HttpResponse(
        approval_certificate_pdf(record=record), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="approval-{record.code}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
