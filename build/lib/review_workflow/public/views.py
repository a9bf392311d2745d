"""The public pages of the national standards: the version in effect and retired ones."""

from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from ..models import StandardsVersion


def standards_current(request):
    """The version of the standards in effect, and the list of published versions."""
    return TemplateResponse(
        request,
        "standards/standards_current.html",
        {"version": StandardsVersion.current(), "versions": StandardsVersion.objects.public()},
    )


def standards_version(request, pk):
    """A retired version of the standards; the current one lives at /standards/, drafts nowhere."""
    version = get_object_or_404(StandardsVersion.objects.public(), pk=pk)
    if version.status == StandardsVersion.Status.CURRENT:
        return redirect("standards:current")
    return TemplateResponse(
        request,
        "standards/standards_version.html",
        {
            "version": version,
            "current_version": StandardsVersion.current(),
            "versions": StandardsVersion.objects.public(),
        },
    )
