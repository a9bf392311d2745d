"""Submission materials, served only to those who may see them."""

from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

from ..selectors.submissions import material_visible_to

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "mp4": "video/mp4",
}


@require_GET
def material_download(request, token: str):
    """Serve a submission file to those who may see it; everyone else, signed in or not,
    gets the same 404, so the address reveals nothing."""
    material = material_visible_to(user=request.user, token=token)
    if material is None:
        raise Http404
    response = FileResponse(
        material.file.open("rb"),
        as_attachment=True,
        filename=material.original_name,
        content_type=CONTENT_TYPES[material.kind],
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
