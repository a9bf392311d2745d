"""Two frozen versions of a submission compared field by field, labelled and formatted for
people: what changed and what did not, with the self-assessment standard by standard."""

from dataclasses import dataclass

from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from pages.models import Audience, DeliveryMethod, TopicArea, USState

# Each snapshot field, in the form's order, with the label the provider saw.
FIELD_LABELS = {
    "title": "Title",
    "summary": "Summary",
    "audiences": "Intended audiences",
    "topic_areas": "Core topic areas",
    "delivery_methods": "How it is delivered",
    "total_hours": "Total hours of training",
    "max_class_size": "Largest number of participants in one class",
    "is_free": "The training is free of charge",
    "cost_description": "Cost, if it is not free",
    "offered_nationwide": "The training is offered nationwide",
    "states": "States where it is offered",
    "modules": "Modules",
    "learning_objectives": "Learning objectives",
    "instructional_methods": "Instructional methods",
    "includes_scenario_exercises": "Includes scenario-based exercises",
    "assessment_methods": "How learning is assessed",
    "has_pre_post_tests": "Pre- and post-training tests",
    "has_follow_up_assessment": "Follow-up assessment after training",
    "instructor_qualifications": "Instructor qualifications",
    "evidence_of_effectiveness": "Evidence of effectiveness",
    "post_certified": "Certified by a state POST",
    "iadlest_ncp_certified": "IADLEST National Certification",
    "other_certifications": "Other certifications",
    "contact_name": "Contact name",
    "contact_email": "Contact email",
    "contact_phone": "Contact phone",
    "materials": "Materials",
    "certified_by_name": "Certified by",
    "certified_at": "Certified on",
}
SELF_ASSESSMENT = "self_assessment"
# Relations are frozen by slug or code; they are shown by name.
RELATIONS = {
    "audiences": (Audience, "slug"),
    "topic_areas": (TopicArea, "slug"),
    "delivery_methods": (DeliveryMethod, "slug"),
    "states": (USState, "code"),
}


@dataclass(frozen=True)
class ComparedField:
    label: str
    older: str
    newer: str

    @property
    def changed(self) -> bool:
        return self.older != self.newer


def version_comparison(older: dict, newer: dict) -> list[ComparedField]:
    """Every field of the two snapshots, then each standard's self-assessment, formatted."""
    names = [name for name in FIELD_LABELS if name in older or name in newer]
    names += [
        name
        for name in dict.fromkeys([*older, *newer])
        if name not in FIELD_LABELS and name != SELF_ASSESSMENT
    ]
    rows = [
        ComparedField(
            label=FIELD_LABELS.get(name, name.replace("_", " ").capitalize()),
            older=_formatted(name, older.get(name)),
            newer=_formatted(name, newer.get(name)),
        )
        for name in names
    ]
    return rows + _self_assessment_rows(
        older.get(SELF_ASSESSMENT) or {}, newer.get(SELF_ASSESSMENT) or {}
    )


def _self_assessment_rows(older: dict, newer: dict) -> list[ComparedField]:
    return [
        ComparedField(
            label=f"Self-assessment: {code}",
            older=_assessment(older.get(code)),
            newer=_assessment(newer.get(code)),
        )
        for code in sorted({*older, *newer})
    ]


def _assessment(entry: dict | None) -> str:
    if not entry:
        return "—"
    return f"Where: {entry.get('location') or '—'}\nHow: {entry.get('explanation') or '—'}"


def _formatted(name: str, value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if name == "modules":
        return "\n".join(f"{module['title']} ({module['hours']} h)" for module in value)
    if name == "materials":
        return "\n".join(f"{item['name']} ({filesizeformat(item['size'])})" for item in value)
    if name == "certified_at":
        moment = parse_datetime(value)
        return timezone.localtime(moment).strftime("%B %-d, %Y, %H:%M") if moment else value
    if name in RELATIONS:
        model, key = RELATIONS[name]
        names = dict(model.objects.filter(**{f"{key}__in": value}).values_list(key, "name"))
        return ", ".join(names.get(item, item) for item in value)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)
