"""Admin forms for the standards: editing a version, and copying one into a new draft."""

from django import forms
from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from ..models import StandardsVersion
from ..models.standards import IN_USE_MESSAGE
from .widgets import native_date_input


class StandardsVersionForm(WagtailAdminModelForm):
    """The edit form of a version: once submissions use it, only its status may change."""

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.is_in_use() and self.content_has_changed():
            raise ValidationError(IN_USE_MESSAGE, code="standards_in_use")
        return cleaned_data

    def content_has_changed(self) -> bool:
        """Whether anything other than the status differs from the stored version."""
        if set(self.changed_data) - {"status"}:
            return True
        return any(formset.has_changed() for formset in self.formsets.values())


class StandardsVersionCopyForm(forms.Form):
    """The name and effective date of the draft a version is copied into."""

    name = forms.CharField(max_length=120, help_text="The name of the new draft version.")
    effective_date = forms.DateField(widget=native_date_input())

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if StandardsVersion.objects.filter(name__iexact=name).exists():
            raise ValidationError("A version with this name already exists.")
        return name
