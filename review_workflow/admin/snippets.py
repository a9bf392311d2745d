"""The vocabulary of the review, edited as snippets: the standards and the email wording."""

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.views.generic import FormView
from wagtail.admin.panels import ObjectList
from wagtail.admin.views.generic import (
    BaseObjectMixin,
    PermissionCheckedMixin,
    WagtailAdminTemplateMixin,
)
from wagtail.snippets.views.snippets import SnippetViewSet

from pages.choosers import PermittedSnippetChooserViewSet

from ..models import CommentPeriod, EmailTemplate, StandardsVersion
from .standards_forms import StandardsVersionCopyForm, StandardsVersionForm


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


class StandardsVersionViewSet(SnippetViewSet):
    """The editions of the standards: once submissions use one, it is copied, never edited."""

    chooser_viewset_class = PermittedSnippetChooserViewSet

    model = StandardsVersion
    icon = "list-ol"
    menu_label = "Standards"
    add_to_admin_menu = True
    menu_order = 220
    list_display = ["name", "effective_date", "status"]
    edit_handler = ObjectList(StandardsVersion.panels, base_form_class=StandardsVersionForm)
    edit_template_name = "review_workflow/admin/standards_edit.html"
    delete_template_name = "review_workflow/admin/standards_delete.html"
    # Wagtail's "Copy" action leads to a short form of ours that makes a draft, in place of
    # the add form prefilled with the original (which would carry over the status).
    copy_view_class = StandardsVersionCopyView

    def get_copy_view_kwargs(self, **kwargs):
        return kwargs


class EmailTemplateViewSet(SnippetViewSet):
    chooser_viewset_class = PermittedSnippetChooserViewSet
    model = EmailTemplate
    icon = "mail"
    menu_label = "Workflow emails"
    list_display = ["key", "subject"]


def refuse_deleting_standards_in_use(request, instances):
    """Say why a version submissions use, or the public commented on, cannot be deleted,
    whether alone or in a bulk delete."""
    if request.method != "POST":
        return None  # the confirmation page already says the version is protected
    versions = [instance for instance in instances if isinstance(instance, StandardsVersion)]
    in_use = [version for version in versions if version.is_in_use()]
    commented = [
        version
        for version in versions
        if version not in in_use and CommentPeriod.objects.filter(version=version).exists()
    ]
    if not in_use and not commented:
        return None
    if in_use:
        messages.error(
            request,
            f"{_names(in_use)} cannot be deleted: submissions are assessed against it. "
            "Set its status to Retired instead, or copy it into a new draft version.",
        )
    if commented:
        messages.error(
            request,
            f"{_names(commented)} cannot be deleted: it has a public comment period, whose "
            "comments are a public record.",
        )
    return redirect(StandardsVersion.snippet_viewset.get_url_name("list"))


def _names(versions) -> str:
    return ", ".join(f"“{version}”" for version in versions)
