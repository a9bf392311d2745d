"""Event listing filters and the registration form."""

from django import forms

from curricula.models import CurriculumPage
from pages.forms import BoundedModelChoiceField, UswdsFormMixin
from pages.models import USState

from .models import Delivery


class DateInput(forms.DateInput):
    input_type = "date"


class EventFilterForm(UswdsFormMixin, forms.Form):
    """Filters for the event list; an empty value means no filter, as browsers send them."""

    state = BoundedModelChoiceField(
        USState.objects.all(), required=False, to_field_name="code", empty_label="Any state"
    )
    date_from = forms.DateField(required=False, label="From", widget=DateInput)
    date_to = forms.DateField(required=False, label="To", widget=DateInput)
    curriculum = BoundedModelChoiceField(
        CurriculumPage.objects.none(), required=False, empty_label="Any curriculum"
    )
    delivery = forms.ChoiceField(choices=[("", "Any delivery"), *Delivery.choices], required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["curriculum"].queryset = CurriculumPage.objects.in_catalog().order_by("title")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The end of the range cannot be before its start.")
        return cleaned

    def apply(self, events):
        data = self.cleaned_data
        if data.get("state"):
            events = events.filter(state=data["state"])
        if data.get("date_from"):
            events = events.filter(end_date__gte=data["date_from"])
        if data.get("date_to"):
            events = events.filter(start_date__lte=data["date_to"])
        if data.get("curriculum"):
            events = events.filter(curriculum=data["curriculum"])
        if data.get("delivery"):
            events = events.filter(delivery=data["delivery"])
        return events


class RegistrationForm(UswdsFormMixin, forms.Form):
    name = forms.CharField(max_length=150, label="Your name")
    agency = forms.CharField(max_length=255, label="Agency or organization")
    role = forms.CharField(
        max_length=150, label="Your role", help_text="For example: field training officer."
    )
    email = forms.EmailField(
        label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
