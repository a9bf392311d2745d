"""Views of the national standards: the public pages, and the admin screen copying a version."""

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.views.generic import FormView
from wagtail.admin.views.generic import (
    BaseObjectMixin,
    PermissionCheckedMixin,
    WagtailAdminTemplateMixin,
)

from .models import StandardsVersion
from .standards_forms import StandardsVersionCopyForm


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


class StandardsVersionCopyView(
    BaseObjectMixin, PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView
):
    """Copy a version and its standards into a new draft, the way to change standards in use."""

    model = StandardsVersion
    permission_required = "add"
    form_class = StandardsVersionCopyForm
    template_name = "review_workflow/admin/standards_copy.html"
    header_icon = "copy"
    index_url_name = None
    edit_url_name = None

    def get_page_title(self):
        return f"Copy “{self.object}” into a new draft version"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(self.model_opts.verbose_name_plural),
            },
            {"url": self.edit_url(self.object), "label": str(self.object)},
            {"url": "", "label": "Copy"},
        ]

    def get_initial(self):
        return {"name": f"{self.object.name} (copy)", "effective_date": timezone.localdate()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["action_url"] = self.request.path
        context["submit_button_label"] = "Copy into a new draft"
        context["standards_count"] = self.object.standards.count()
        return context

    def form_valid(self, form):
        copy = self.object.copy_as_draft(
            name=form.cleaned_data["name"], effective_date=form.cleaned_data["effective_date"]
        )
        messages.success(self.request, f"“{copy}” created as a draft. Edit its standards here.")
        return redirect(self.edit_url(copy))

    def edit_url(self, version) -> str:
        return reverse(self.edit_url_name, args=[quote(version.pk)])
