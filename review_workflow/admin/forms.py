"""Forms of the expert review, generated from the submission's standards version."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from pages.forms import BoundedModelMultipleChoiceField

from ..models import (
    AppealAssignment,
    Decision,
    ExpertiseArea,
    Organization,
    Rating,
    Recommendation,
)
from ..selectors.reviews import user_list_reviewer_candidates
from ..services.appeals import appeal_review_due_date
from ..services.panel import default_due_date
from .widgets import native_date_input


def person_label(user) -> str:
    """A person as staff recognise them: full name and email."""
    name = user.get_full_name() or user.get_username()
    return f"{name} <{user.email}>" if user.email else name


class ReviewerProfileForm(WagtailAdminModelForm):
    """A reviewer's profile; the person is chosen by name and email, never among providers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.fields["user"]
        user.queryset = user_list_reviewer_candidates()
        user.label_from_instance = person_label


REVIEW_TEXT_FIELDS = [
    "strengths",
    "required_changes",
    "provider_comments",
    "confidential_comments",
]


class ReviewForm(forms.Form):
    """A rating and a comment per standard, then the overall assessment.

    A draft may be incomplete; a submitted review must rate every standard, give the reason
    for each "not applicable", and recommend an outcome.
    """

    strengths = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    required_changes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="What the provider must change for the curriculum to be approved.",
    )
    provider_comments = forms.CharField(
        label="Comments for the provider",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    confidential_comments = forms.CharField(
        label="Confidential comments for the coordinator",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Never shown to the provider or to the other reviewers.",
    )
    recommendation = forms.ChoiceField(
        choices=[("", "Not chosen yet"), *Recommendation.choices], required=False
    )

    def __init__(self, *args, review, submitting=False, **kwargs):
        self.review = review
        self.submitting = submitting
        self.ratings = list(review.ratings.select_related("standard"))
        initial = {name: getattr(review, name) for name in REVIEW_TEXT_FIELDS}
        initial["recommendation"] = review.recommendation
        for rating in self.ratings:
            initial[f"rating_{rating.standard_id}"] = rating.rating
            initial[f"comment_{rating.standard_id}"] = rating.comment
        super().__init__(*args, initial=initial, **kwargs)
        for rating in self.ratings:
            standard = rating.standard
            self.fields[f"rating_{standard.pk}"] = forms.ChoiceField(
                label=f"{standard.code} rating",
                choices=Rating.choices,
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[f"comment_{standard.pk}"] = forms.CharField(
                label=f"{standard.code} comment",
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                help_text="Required when the standard is not applicable: say why.",
            )

    def standard_rows(self):
        """(standard, rating field, comment field) for the template, in the version's order."""
        return [
            (
                rating.standard,
                self[f"rating_{rating.standard_id}"],
                self[f"comment_{rating.standard_id}"],
            )
            for rating in self.ratings
        ]

    def clean(self):
        data = super().clean()
        if not self.submitting:
            return data
        for rating in self.ratings:
            key = rating.standard_id
            value = data.get(f"rating_{key}")
            if not value:
                self.add_error(f"rating_{key}", f"Rate {rating.standard.code} before submitting.")
            elif value == Rating.NOT_APPLICABLE and not data.get(f"comment_{key}", "").strip():
                self.add_error(
                    f"comment_{key}",
                    f"Say why {rating.standard.code} does not apply to this curriculum.",
                )
        if not data.get("recommendation"):
            self.add_error("recommendation", "Choose your overall recommendation.")
        needs_changes = {Recommendation.REVISE, Recommendation.CONDITIONS}
        if data.get("recommendation") in needs_changes and not data.get("required_changes"):
            self.add_error("required_changes", "List the changes your recommendation depends on.")
        return data

    def ratings_data(self) -> dict:
        return {
            rating.standard_id: (
                self.cleaned_data.get(f"rating_{rating.standard_id}", ""),
                self.cleaned_data.get(f"comment_{rating.standard_id}", "").strip(),
            )
            for rating in self.ratings
        }

    def fields_data(self) -> dict:
        data = {name: self.cleaned_data[name].strip() for name in REVIEW_TEXT_FIELDS}
        data["recommendation"] = self.cleaned_data["recommendation"]
        return data


class AssignmentResponseForm(forms.Form):
    answer = forms.ChoiceField(
        choices=[
            ("accept", "Accept the assignment"),
            ("decline", "Decline (unavailable)"),
            ("conflict", "Decline: I have a conflict of interest"),
        ],
        widget=forms.RadioSelect,
    )
    no_conflict = forms.BooleanField(
        required=False,
        label="I declare that I have no financial, professional or personal relationship with "
        "this provider or its curriculum that could affect my review.",
    )
    statement = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Statement",
        help_text="Required for a conflict of interest; optional when declining.",
    )


class AssignForm(forms.Form):
    reviewers = forms.MultipleChoiceField(widget=forms.CheckboxSelectMultiple)
    due_date = forms.DateField(widget=native_date_input())

    def __init__(self, *args, suggestions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_date"].initial = default_due_date()
        # Every suggested reviewer is a valid choice here: the assignment service gives the
        # precise reason when one may not be assigned (affiliation, capacity).
        self.fields["reviewers"].choices = [
            (str(s.profile.user_id), person_label(s.profile.user)) for s in suggestions
        ]


class AssignmentChangeForm(forms.Form):
    """A coordinator's change to one assignment: remove the reviewer, or move the due date."""

    assignment = forms.IntegerField()
    change = forms.ChoiceField(choices=[("remove", "Remove"), ("due_date", "Change due date")])
    reason = forms.CharField(required=False, max_length=500)
    due_date = forms.DateField(required=False, widget=native_date_input())

    def clean(self):
        data = super().clean()
        if data.get("change") == "due_date" and not data.get("due_date"):
            self.add_error("due_date", "Give the new due date.")
        return data


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(choices=Decision.Outcome.choices, widget=forms.RadioSelect)
    required_changes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text="Consolidated from the reviews; required for revisions.",
    )
    feedback = forms.CharField(
        label="Feedback for the provider",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text="Required when not approved. Never name reviewers.",
    )
    override_justification = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Only to approve while a required standard is not met in consensus; "
        "recorded in the audit trail.",
    )


class ReviewerInviteForm(forms.Form):
    """A new reviewer: who they are, what they know, whom they work for, how much they take."""

    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)
    email = forms.EmailField(
        help_text="The welcome email, with a link to choose a password, goes here."
    )
    expertise = BoundedModelMultipleChoiceField(
        ExpertiseArea.objects.order_by("name"), widget=forms.CheckboxSelectMultiple
    )
    affiliations = BoundedModelMultipleChoiceField(
        Organization.objects.order_by("name"),
        required=False,
        help_text="Organizations the reviewer works for or with: never assigned their curricula.",
    )
    capacity = forms.IntegerField(
        min_value=1,
        max_value=50,
        initial=3,
        help_text="How many open assignments the reviewer can carry at once.",
    )


class AppealAssignForm(forms.Form):
    reviewers = forms.MultipleChoiceField(widget=forms.CheckboxSelectMultiple)
    due_date = forms.DateField(widget=native_date_input())

    def __init__(self, *args, suggestions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_date"].initial = appeal_review_due_date()
        # Every listed reviewer is a valid choice here: the assignment service gives the
        # precise reason when one may not sit on the panel (original panel, affiliation).
        self.fields["reviewers"].choices = [
            (str(s.profile.user_id), person_label(s.profile.user)) for s in suggestions
        ]


class AppealFindingsForm(forms.Form):
    recommendation = forms.ChoiceField(
        choices=AppealAssignment.Recommendation.choices, widget=forms.RadioSelect
    )
    findings = forms.CharField(
        label="Your findings",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="The reasons for your recommendation, for the coordinator who decides the "
        "appeal.",
    )
