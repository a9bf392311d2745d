"""Form helpers shared by the public-site forms."""

from django import forms

_WIDGET_CLASSES = {
    forms.Textarea: "usa-textarea",
    forms.Select: "usa-select",
    forms.SelectMultiple: "usa-select",
}


class UswdsFormMixin:
    """Gives each widget its USWDS class and links it to its hint and error messages."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
                continue
            css = next(
                (css for kind, css in _WIDGET_CLASSES.items() if isinstance(widget, kind)),
                "usa-input",
            )
            widget.attrs.setdefault("class", css)
            if field.help_text:
                widget.attrs["aria-describedby"] = f"id_{self.add_prefix(name)}-hint"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            field = self.fields.get(name)
            if field is None or isinstance(field.widget, forms.CheckboxSelectMultiple):
                continue
            error_id = f"id_{self.add_prefix(name)}-error"
            hint = field.widget.attrs.get("aria-describedby", "")
            field.widget.attrs["aria-describedby"] = f"{hint} {error_id}".strip()
            field.widget.attrs["aria-invalid"] = "true"


class HoneypotMixin(forms.Form):
    """A field people never see (`includes/honeypot.html`): a bot that fills in every field
    gives itself away, and the view answers it as it answers everyone, doing nothing."""

    website = forms.CharField(required=False, label="Leave this field empty")

    @property
    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


# A 64-bit signed integer: the widest id any supported database stores. A larger number
# would reach the database and fail there (SQLite raises OverflowError) instead of being
# refused here as an unknown choice.
_ID_MIN, _ID_MAX = -(2**63), 2**63 - 1


def _id_out_of_range(field, value) -> bool:
    meta = field.queryset.model._meta
    key_field = meta.get_field(field.to_field_name) if field.to_field_name else meta.pk
    while key_field.is_relation:  # a page type's key is its link to Page, whose id is stored
        key_field = key_field.target_field
    if key_field.get_internal_type() not in _INTEGER_FIELDS:
        return False
    try:
        number = int(str(value).strip())
    except ValueError:
        return False  # Django refuses it as "not a valid value" itself
    return not _ID_MIN <= number <= _ID_MAX


_INTEGER_FIELDS = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
}


class BoundedModelChoiceField(forms.ModelChoiceField):
    """A model choice that refuses an id too large for the database with the usual message."""

    def to_python(self, value):
        if value not in self.empty_values and _id_out_of_range(self, value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several model choices, refusing ids too large for the database with the usual message."""

    def _check_values(self, value):
        for pk in value if isinstance(value, list | tuple) else ():
            if _id_out_of_range(self, pk):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)
