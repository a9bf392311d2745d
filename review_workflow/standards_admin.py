"""Hooks for the standards: their link in the site header, and refusing to delete one in use."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from wagtail import hooks

from .models import StandardsVersion


@hooks.register("register_site_header_links")
def standards_link(request):
    return [{"label": "Standards", "url": reverse("standards:current")}]


@hooks.register("before_delete_snippet")
def refuse_deleting_standards_in_use(request, instances):
    """Say why a version submissions use cannot be deleted, whether alone or in a bulk delete."""
    if request.method != "POST":
        return None  # the confirmation page already says the version is protected
    in_use = [
        instance
        for instance in instances
        if isinstance(instance, StandardsVersion) and instance.is_in_use()
    ]
    if not in_use:
        return None
    names = ", ".join(f"“{version}”" for version in in_use)
    messages.error(
        request,
        f"{names} cannot be deleted: submissions are assessed against it. "
        "Set its status to Retired instead, or copy it into a new draft version.",
    )
    return redirect(StandardsVersion.snippet_viewset.get_url_name("list"))
