"""The public approval record: anyone holding a certificate checks it here."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from ..selectors.approvals import approval_record_by_code, approval_standing


@require_GET
def approval_record(request, code: str):
    """The approval behind a certificate's code and where it stands today."""
    record = approval_record_by_code(code=code)
    if record is None:
        raise Http404
    response = TemplateResponse(
        request,
        "verification/approval_record.html",
        {
            "record": record,
            "submission": record.submission,
            "standing": approval_standing(record=record),
            "standings": record.Standing,
        },
    )
    # The standing changes (suspension, expiry): a checker must never see a stale copy.
    response["Cache-Control"] = "no-cache"
    response["X-Robots-Tag"] = "noindex"
    return response
