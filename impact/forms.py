"""Agency registration and the adoption and outcome report forms."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils import timezone

from curricula.models import CurriculumPage
from pages.forms import BoundedModelChoiceField, UswdsFormMixin
from pages.models import USState

from .models import Adoption, Agency, OutcomeReport, validate_ori

NOT_NEGATIVE = {"min_value": "Enter a number of 0 or more."}


class DateInput(forms.DateInput):
    input_type = "date"


class AgencyRegistrationForm(UswdsFormMixin, forms.Form):
    full_name = forms.CharField(max_length=150, label="Your name")
    email = forms.EmailField(
        label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 12 characters; not a common password.",
    )
    agency_name = forms.CharField(max_length=255, label="Agency name")
    ori = forms.CharField(
        label="ORI code",
        max_length=20,
        help_text="9 characters: 2 letters for the state, then 7 letters or digits.",
    )
    state = BoundedModelChoiceField(USState.objects.all(), label="State")
    sworn_officers = forms.IntegerField(
        label="Number of sworn officers", min_value=0, error_messages=NOT_NEGATIVE
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_ori(self):
        ori = self.cleaned_data["ori"].strip().upper()
        validate_ori(ori)
        if Agency.objects.filter(ori=ori).exists():
            raise forms.ValidationError(
                "An agency with this ORI code is already registered. Ask its reporter to add you."
            )
        return ori

    def clean(self):
        cleaned = super().clean()
        ori, state = cleaned.get("ori"), cleaned.get("state")
        if ori and state and not ori.startswith(state.code):
            self.add_error(
                "ori", f"An ORI code of an agency in {state.name} begins with {state.code}."
            )
        password = cleaned.get("password")
        if password:
            user = get_user_model()(
                username=cleaned.get("email", ""), email=cleaned.get("email", "")
            )
            try:
                password_validation.validate_password(password, user)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class AdoptionForm(UswdsFormMixin, forms.ModelForm):
    class Meta:
        model = Adoption
        fields = ["curriculum", "adopted_on", "officers_trained", "training_start", "training_end"]
        widgets = {
            "adopted_on": DateInput,
            "training_start": DateInput,
            "training_end": DateInput,
        }
        error_messages = {"officers_trained": NOT_NEGATIVE}

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.fields["curriculum"].queryset = CurriculumPage.objects.in_catalog().order_by("title")
        self.fields["curriculum"].label = "Approved curriculum"

    def clean_curriculum(self):
        curriculum = self.cleaned_data["curriculum"]
        if self.agency.adoptions.filter(curriculum=curriculum).exists():
            raise forms.ValidationError(
                "Your agency has already reported adopting this curriculum."
            )
        return curriculum

    def clean_adopted_on(self):
        adopted_on = self.cleaned_data["adopted_on"]
        if adopted_on > timezone.localdate():
            raise forms.ValidationError("The date of adoption cannot be in the future.")
        return adopted_on

    def clean_officers_trained(self):
        trained = self.cleaned_data["officers_trained"]
        if trained > self.agency.sworn_officers:
            raise forms.ValidationError(
                f"More than your agency's {self.agency.sworn_officers} sworn officers."
            )
        return trained

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("training_start"), cleaned.get("training_end")
        if start and end and end < start:
            self.add_error("training_end", "The training period cannot end before it starts.")
        return cleaned

    def save(self, commit=True):
        self.instance.agency = self.agency
        return super().save(commit)


MEASURE_FIELDS = [
    "use_of_force_before",
    "use_of_force_after",
    "officer_injuries_before",
    "officer_injuries_after",
    "subject_injuries_before",
    "subject_injuries_after",
    "complaints_before",
    "complaints_after",
]


class OutcomeReportForm(UswdsFormMixin, forms.ModelForm):
    class Meta:
        model = OutcomeReport
        fields = ["before_start", "before_end", "after_start", "after_end", *MEASURE_FIELDS]
        widgets = {
            name: DateInput for name in ["before_start", "before_end", "after_start", "after_end"]
        }
        error_messages = {name: NOT_NEGATIVE for name in MEASURE_FIELDS}

    def __init__(self, *args, adoption, **kwargs):
        super().__init__(*args, **kwargs)
        self.adoption = adoption

    def clean(self):
        cleaned = super().clean()
        before_start, before_end = cleaned.get("before_start"), cleaned.get("before_end")
        after_start, after_end = cleaned.get("after_start"), cleaned.get("after_end")
        adopted_on = self.adoption.adopted_on
        if before_start and before_end and before_end < before_start:
            self.add_error("before_end", "The before period cannot end before it starts.")
        if after_start and after_end and after_end < after_start:
            self.add_error("after_end", "The after period cannot end before it starts.")
        if before_end and before_end > adopted_on:
            self.add_error(
                "before_end",
                f"The before period must end by the date of adoption ({adopted_on:%B %-d, %Y}).",
            )
        if after_start and after_start <= adopted_on:
            self.add_error(
                "after_start",
                f"The after period must start after the date of adoption ({adopted_on:%B %-d, %Y}).",
            )
        elif after_start and before_end and after_start <= before_end:
            self.add_error("after_start", "The before and after periods cannot overlap.")
        if after_start and after_end and self._overlaps_earlier_report(after_start, after_end):
            self.add_error(
                "after_start", "This after period overlaps one your agency already reported."
            )
        return cleaned

    def _overlaps_earlier_report(self, start, end) -> bool:
        return self.adoption.outcomes.filter(after_start__lte=end, after_end__gte=start).exists()

    def save(self, commit=True):
        self.instance.adoption = self.adoption
        return super().save(commit)
