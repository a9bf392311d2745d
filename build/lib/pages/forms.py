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
