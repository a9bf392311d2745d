"""The sign-up and preferences forms."""

from django import forms

from pages.forms import BoundedModelMultipleChoiceField, HoneypotMixin, UswdsFormMixin
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


class SignupForm(UswdsFormMixin, HoneypotMixin, TopicsMixin):
    email = forms.EmailField(
        label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    consent = forms.BooleanField(label=CONSENT_TEXT)

    field_order = ["email", "project_announcements", "topics", "consent", "website"]


class FooterSignupForm(UswdsFormMixin, HoneypotMixin):
    """The short form in every page's footer: an address, announcements by default."""

    email = forms.EmailField(
        label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


class PreferencesForm(UswdsFormMixin, TopicsMixin):
    pass
