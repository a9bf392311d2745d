"""Frozen copies of a submission's fields, and the differences between two of them."""

from decimal import Decimal

from ..models import Submission

SNAPSHOT_FIELDS = [
    "title", "summary", "total_hours", "max_class_size", "is_free", "cost_description",
    "offered_nationwide", "learning_objectives", "instructional_methods",
    "includes_scenario_exercises", "assessment_methods", "has_pre_post_tests",
    "has_follow_up_assessment", "instructor_qualifications", "evidence_of_effectiveness",
    "post_certified", "iadlest_ncp_certified", "other_certifications", "contact_name",
    "contact_email", "contact_phone", "certified_by_name",
]  # fmt: skip
SNAPSHOT_RELATIONS = {
    "audiences": "slug",
    "topic_areas": "slug",
    "delivery_methods": "slug",
    "states": "code",
}


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    return value


def submission_snapshot(submission: Submission) -> dict:
    """Every field a reviewer sees, as plain JSON values."""
    snapshot = {name: _plain(getattr(submission, name)) for name in SNAPSHOT_FIELDS}
    for name, key in SNAPSHOT_RELATIONS.items():
        snapshot[name] = sorted(getattr(submission, name).values_list(key, flat=True))
    snapshot["certified_at"] = (
        submission.certified_at.isoformat() if submission.certified_at else None
    )
    snapshot["modules"] = [
        {"title": module.title, "hours": str(module.hours)} for module in submission.modules.all()
    ]
    snapshot["self_assessment"] = {
        entry.standard.code: {"location": entry.location, "explanation": entry.explanation}
        for entry in submission.self_assessments.select_related("standard")
    }
    snapshot["materials"] = [
        {"name": material.original_name, "sha256": material.sha256, "size": material.size}
        for material in submission.materials.all()
    ]
    return snapshot


def snapshot_differences(older: dict, newer: dict) -> list[dict]:
    """Each field side by side, with `changed` set where the two versions differ."""
    names = list(dict.fromkeys([*older, *newer]))
    return [
        {
            "field": name,
            "older": older.get(name),
            "newer": newer.get(name),
            "changed": older.get(name) != newer.get(name),
        }
        for name in names
    ]
