"""Public approval records: one for each approval, made by the approve transition's effect."""

from django.utils import timezone

from ..models import ApprovalRecord, Submission


def approval_record_create(*, submission: Submission) -> ApprovalRecord:
    """Record the approval of the submission's latest version under a new public code."""
    return ApprovalRecord.objects.create(
        submission=submission,
        version=submission.versions.get(number=submission.version_number),
        approved_at=submission.approved_at or timezone.now(),
        expires_on=submission.expires_on,
    )
