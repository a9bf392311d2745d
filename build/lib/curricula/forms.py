"""Admin form rules for catalog entries that span several fields."""

from wagtail.admin.forms import WagtailAdminPageForm

# On an entry a review decision created, these come from the decision and are not edited.
DECISION_FIELDS = ("approval_date", "expiry_date", "standards_version")


class CurriculumPageForm(WagtailAdminPageForm):
    """Checks the offering area, the cost and the approval dates agree with each other."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if getattr(self.instance, "decision_managed", False):
            for name in DECISION_FIELDS:
                if name in self.fields:
                    # A disabled field keeps its saved value whatever is posted.
                    self.fields[name].disabled = True
                    self.fields[name].help_text = "Set by the review's decision."

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("offered_nationwide") and not cleaned.get("states"):
            self.add_error("states", "Choose the states where it is offered, or tick nationwide.")
        if not cleaned.get("is_free") and not (cleaned.get("cost_description") or "").strip():
            self.add_error("cost_description", "Describe the fee, or tick free of charge.")
        approval, expiry = cleaned.get("approval_date"), cleaned.get("expiry_date")
        if approval and expiry and expiry <= approval:
            self.add_error("expiry_date", "The expiry date must come after the approval date.")
        return cleaned
