"""Provider portal forms: registration, and the steps of the submission form."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.forms import inlineformset_factory

from pages.forms import BoundedModelChoiceField, BoundedModelMultipleChoiceField, UswdsFormMixin
from pages.models import ProviderType, USState

from ..models import Organization, SelfAssessment, Submission, SubmissionModule


class ProviderRegistrationForm(UswdsFormMixin, forms.Form):
    full_name = forms.CharField(max_length=150, label="Your name")
    email = forms.EmailField(
        label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 12 characters; not a common password.",
    )
    organization_name = forms.CharField(max_length=255, label="Organization name")
    provider_type = BoundedModelChoiceField(ProviderType.objects.all(), label="Type of provider")
    state = BoundedModelChoiceField(USState.objects.all(), required=False, label="State")
    website = forms.URLField(required=False, max_length=500)
    phone = forms.CharField(max_length=40, required=False, label="Contact phone")

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
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


class OrganizationForm(UswdsFormMixin, forms.ModelForm):
    class Meta:
        model = Organization
        fields = [
            "name",
            "provider_type",
            "website",
            "state",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]
        field_classes = {
            "provider_type": BoundedModelChoiceField,
            "state": BoundedModelChoiceField,
        }


class NewSubmissionForm(UswdsFormMixin, forms.Form):
    title = forms.CharField(max_length=255, label="Title of the curriculum")


CHECKBOXES = forms.CheckboxSelectMultiple


class CurriculumStepForm(UswdsFormMixin, forms.ModelForm):
    class Meta:
        model = Submission
        fields = [
            "title", "summary", "audiences", "topic_areas", "delivery_methods", "total_hours",
            "max_class_size", "is_free", "cost_description", "offered_nationwide", "states",
            "contact_name", "contact_email", "contact_phone", "materials_link",
        ]  # fmt: skip
        field_classes = {
            "audiences": BoundedModelMultipleChoiceField,
            "topic_areas": BoundedModelMultipleChoiceField,
            "delivery_methods": BoundedModelMultipleChoiceField,
            "states": BoundedModelMultipleChoiceField,
        }
        widgets = {
            "audiences": CHECKBOXES,
            "topic_areas": CHECKBOXES,
            "delivery_methods": CHECKBOXES,
            "states": forms.SelectMultiple(attrs={"size": 8}),
        }
        labels = {
            "audiences": "Intended audiences",
            "topic_areas": "Core topic areas",
            "delivery_methods": "How the training is delivered",
            "total_hours": "Total hours of training",
            "max_class_size": "Largest number of participants in one class",
            "is_free": "The training is free of charge",
            "cost_description": "Cost, if it is not free",
            "offered_nationwide": "The training is offered nationwide",
            "states": "States where it is offered",
            "materials_link": "Public link to your materials (optional)",
        }
        help_texts = {
            "materials_link": "Only if you want the catalog to link to them once approved. "
            "The files you upload here always stay private to the review.",
        }

    def clean_total_hours(self):
        return _positive(self.cleaned_data["total_hours"], "Total hours must be more than 0.")

    def clean_max_class_size(self):
        size = self.cleaned_data["max_class_size"]
        if size is not None and size < 1:
            raise forms.ValidationError("A class has at least 1 participant.")
        return size


def _positive(value, message: str):
    if value is not None and value <= 0:
        raise forms.ValidationError(message)
    return value


class ContentStepForm(UswdsFormMixin, forms.ModelForm):
    class Meta:
        model = Submission
        fields = ["learning_objectives", "instructional_methods", "includes_scenario_exercises"]
        labels = {"includes_scenario_exercises": "Includes scenario-based exercises"}


class AssessmentStepForm(UswdsFormMixin, forms.ModelForm):
    class Meta:
        model = Submission
        fields = [
            "assessment_methods", "has_pre_post_tests", "has_follow_up_assessment",
            "instructor_qualifications", "evidence_of_effectiveness", "post_certified",
            "iadlest_ncp_certified", "other_certifications",
        ]  # fmt: skip
        labels = {
            "assessment_methods": "How learning is assessed",
            "has_pre_post_tests": "Pre- and post-training tests",
            "has_follow_up_assessment": "Follow-up assessment after training",
            "evidence_of_effectiveness": "Evidence of effectiveness (citations, evaluations)",
        }


class ModuleForm(UswdsFormMixin, forms.ModelForm):
    class Meta:
        model = SubmissionModule
        fields = ["title", "hours"]
        labels = {"title": "Module title", "hours": "Hours"}

    def clean_hours(self):
        return _positive(self.cleaned_data["hours"], "A module's hours must be more than 0.")


ModuleFormSet = inlineformset_factory(
    Submission, SubmissionModule, form=ModuleForm, extra=2, can_delete=True, max_num=40
)


class SelfAssessmentForm(UswdsFormMixin, forms.ModelForm):
    class Meta:
        model = SelfAssessment
        fields = ["location", "explanation"]
        labels = {
            "location": "Where (module and page)",
            "explanation": "How the curriculum addresses it",
        }
        widgets = {"explanation": forms.Textarea(attrs={"rows": 3})}


class MaterialUploadForm(UswdsFormMixin, forms.Form):
    file = forms.FileField(
        label="Curriculum file",
        help_text="PDF, Word (.docx), PowerPoint (.pptx), Excel (.xlsx) or MP4 video.",
    )


class CertifyForm(UswdsFormMixin, forms.Form):
    certify = forms.BooleanField(
        label="I certify that the information and materials in this submission are accurate "
        "and that I am authorized to submit them for review."
    )
    certified_by_name = forms.CharField(max_length=255, label="Your full name")


class PersonForm(UswdsFormMixin, forms.ModelForm):
    class Meta:
        model = get_user_model()
        fields = ["first_name", "last_name"]


class AppealForm(UswdsFormMixin, forms.Form):
    grounds = forms.CharField(
        label="Grounds of the appeal",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Say what in the decision you believe is wrong, and why: a standard "
        "misjudged, material overlooked, a fact misunderstood.",
    )
    file = forms.FileField(
        label="Supporting file (optional)",
        required=False,
        help_text="One file: PDF, Word (.docx), PowerPoint (.pptx), Excel (.xlsx) or MP4 "
        "video. It replaces any file given before.",
    )
