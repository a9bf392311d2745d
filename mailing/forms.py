"""The sign-up and preferences forms."""

from django import forms

from pages.forms import BoundedModelMultipleChoiceField, UswdsFormMixin
from pages.models import TopicArea

from .models import CONSENT_TEXT


class TopicsMixin(forms.Form):
    project_announcements = forms.BooleanField(
        required=False, initial=True, label="Project announcements"
    )
    topics = BoundedModelMultipleChoiceField(
        TopicArea.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Core topic areas",
    )


class SignupForm(UswdsFormMixin, TopicsMixin):
    email = forms.EmailField(
        label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    consent = forms.BooleanField(label=CONSENT_TEXT)
    # A field people never see: bots that fill every field give themselves away.
    website = forms.CharField(required=False, label="Leave this field empty")

    field_order = ["email", "project_announcements", "topics", "consent", "website"]

    @property
    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class FooterSignupForm(UswdsFormMixin, forms.Form):
    """The short form in every page's footer: an address, announcements by default."""

    email = forms.EmailField(
        label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    website = forms.CharField(required=False, label="Leave this field empty")


class PreferencesForm(UswdsFormMixin, TopicsMixin):
    pass
