"""The public's comment form on a draft version of the standards."""

from django import forms

from pages.forms import BoundedModelChoiceField, HoneypotMixin, UswdsFormMixin

from ..models import CommenterRole, Standard
from ..models.comments import COMMENT_MAX_LENGTH, NAME_MAX_LENGTH


class StandardChoiceField(BoundedModelChoiceField):
    def label_from_instance(self, obj: Standard) -> str:
        return f"{obj.code}: {obj.title}"


class StandardsCommentForm(UswdsFormMixin, HoneypotMixin):
    """A comment on one standard of the draft, or on the whole draft, and who sends it."""

    standard = StandardChoiceField(
        Standard.objects.none(),
        required=False,
        empty_label="The whole draft",
        label="What your comment is about",
        error_messages={
            "invalid_choice": "Choose one of this draft's standards, or the whole draft."
        },
    )
    comment = forms.CharField(
        label="Your comment",
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=f"Up to {COMMENT_MAX_LENGTH:,} characters. Do not include personal "
        "information about yourself or anyone else.",
        error_messages={"required": "Write your comment."},
    )
    name = forms.CharField(
        label="Your name",
        max_length=NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": "Give your name."},
    )
    organization = forms.CharField(
        label="Organization",
        max_length=NAME_MAX_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        help_text="The agency, academy or group you comment for; leave it empty if you comment "
        "for yourself.",
    )
    role = forms.ChoiceField(
        label="Which describes you best",
        choices=[("", "- Select -"), *CommenterRole.choices],
        error_messages={
            "required": "Choose the description that fits you best.",
            "invalid_choice": "Choose the description that fits you best.",
        },
    )

    field_order = ["standard", "comment", "name", "organization", "role", "website"]

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["standard"].queryset = version.standards.all()
