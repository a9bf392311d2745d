"""What a submission must contain before it can be submitted."""

from .models import Submission

REQUIRED_TEXT = {
    "summary": "a summary",
    "learning_objectives": "the learning objectives",
    "instructional_methods": "the instructional methods",
    "assessment_methods": "how learning is assessed",
    "instructor_qualifications": "the instructor qualifications",
    "evidence_of_effectiveness": "the evidence of effectiveness",
    "contact_name": "a contact name",
    "contact_email": "a contact email",
}


def submission_completeness_errors(submission: Submission) -> list[str]:
    """Plain-language reasons the submission cannot be submitted yet (empty when complete)."""
    errors = [
        f"Give {description}."
        for name, description in REQUIRED_TEXT.items()
        if not (getattr(submission, name) or "").strip()
    ]
    if not submission.total_hours:
        errors.append("Give the total hours.")
    if not submission.is_free and not submission.cost_description.strip():
        errors.append("Describe the cost, or mark the training as free.")
    for relation, description in [
        ("audiences", "an intended audience"),
        ("topic_areas", "a core topic area"),
        ("delivery_methods", "a delivery method"),
    ]:
        if not getattr(submission, relation).exists():
            errors.append(f"Choose at least {description}.")
    if not submission.offered_nationwide and not submission.states.exists():
        errors.append("Choose the states where it is offered, or nationwide.")
    if not submission.modules.exists():
        errors.append("Outline at least one module with its hours.")
    if not submission.materials.exists():
        errors.append("Upload the curriculum materials.")
    errors.extend(_self_assessment_errors(submission))
    if not (submission.certified_by_name.strip() and submission.certified_at):
        errors.append("Certify the submission with your name.")
    return errors


def _self_assessment_errors(submission: Submission) -> list[str]:
    answered = {
        entry.standard_id
        for entry in submission.self_assessments.all()
        if entry.location.strip() and entry.explanation.strip()
    }
    missing = [
        standard.code
        for standard in submission.standards_version.standards.all()
        if standard.pk not in answered
    ]
    if missing:
        return [f"Complete the self-assessment for {', '.join(missing)}."]
    return []
