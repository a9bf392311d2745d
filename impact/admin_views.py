"""The coordinators' view of adoption per curriculum (not suppressed: staff only)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from .selectors import adoption_by_curriculum

VIEW_ADOPTION = "impact.view_adoption"


def adoption_overview(request):
    if not request.user.has_perm(VIEW_ADOPTION):
        raise PermissionDenied
    return render(
        request, "impact/admin/adoption_overview.html", {"rows": adoption_by_curriculum()}
    )
