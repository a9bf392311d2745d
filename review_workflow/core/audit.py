"""The actions an audit event can record, and which of them providers never see."""

from django.db import models


class AuditAction(models.TextChoices):
    CREATE = "create", "Draft started"
    MATERIAL_ADDED = "material_added", "File uploaded"
    MATERIAL_REMOVED = "material_removed", "File removed"
    SUBMIT = "submit", "Submitted"
    START_SCREENING = "start_screening", "Screening started"
    RETURN_TO_PROVIDER = "return_to_provider", "Returned to provider"
    ACCEPT_FOR_REVIEW = "accept_for_review", "Accepted for review"
    WITHDRAW = "withdraw", "Withdrawn"
    BEGIN_REVIEW = "begin_review", "Expert review started"
    OPEN_RECONCILIATION = "open_reconciliation", "All reviews in: reconciliation started"
    APPROVE = "approve", "Approved"
    REQUEST_REVISIONS = "request_revisions", "Revisions requested"
    NOT_APPROVE = "not_approve", "Not approved"
    RESUBMIT = "resubmit", "Revised version submitted"
    EXPIRE = "expire", "Approval expired"
    SUSPEND = "suspend", "Approval suspended"
    REINSTATE = "reinstate", "Approval reinstated"
    REVOKE = "revoke", "Approval revoked"
    SUPERSEDE = "supersede", "Approval superseded by a recertification"
    REVIEWER_ASSIGNED = "reviewer_assigned", "Reviewer assigned"
    ASSIGNMENT_ACCEPTED = "assignment_accepted", "Reviewer accepted and declared no conflict"
    ASSIGNMENT_DECLINED = "assignment_declined", "Reviewer declined"
    ASSIGNMENT_CONFLICT = "assignment_conflict", "Reviewer declared a conflict of interest"
    ASSIGNMENT_REMOVED = "assignment_removed", "Reviewer removed from the panel"
    ASSIGNMENT_DUE_DATE_CHANGED = "assignment_due_date_changed", "Review due date changed"
    REVIEW_SUBMITTED = "review_submitted", "Review submitted"
    CONSENSUS_RECORDED = "consensus_recorded", "Consensus recorded"
    DECISION_DRAFTED = "decision_drafted", "Decision drafted"
    DECISION_OVERRIDE = "decision_override", "Approval rule overridden"
    DECISION_SIGN_OFF_REQUESTED = "decision_sign_off_requested", "Decision sent for sign-off"
    DECISION_SIGNED_OFF = "decision_signed_off", "Decision signed off"
    PUBLISHED = "published", "Published in the catalog"
    UNPUBLISHED = "unpublished", "Taken out of the catalog"
    EXPIRY_WARNING = "expiry_warning", "Expiry warning sent"
    APPEAL_LODGE = "appeal_lodge", "Decision appealed"
    APPEAL_BEGIN_REVIEW = "appeal_begin_review", "Appeal review started"
    APPEAL_UPHOLD = "appeal_uphold", "Appeal decided: decision upheld"
    APPEAL_OVERTURN = "appeal_overturn", "Appeal decided: decision overturned"
    RECONSIDER = "reconsider", "Decision reopened after a successful appeal"
    APPEAL_REVIEWER_ASSIGNED = "appeal_reviewer_assigned", "Appeal reviewer assigned"
    APPEAL_ASSIGNMENT_ACCEPTED = (
        "appeal_assignment_accepted",
        "Appeal reviewer accepted and declared no conflict",
    )
    APPEAL_ASSIGNMENT_DECLINED = "appeal_assignment_declined", "Appeal reviewer declined"
    APPEAL_ASSIGNMENT_CONFLICT = (
        "appeal_assignment_conflict",
        "Appeal reviewer declared a conflict of interest",
    )
    APPEAL_FINDINGS_SUBMITTED = "appeal_findings_submitted", "Appeal reviewer's findings submitted"
    APPEAL_ASSIGNMENT_REMOVED = "appeal_assignment_removed", "Appeal reviewer removed"
    APPEAL_ASSIGNMENT_DUE_DATE_CHANGED = (
        "appeal_assignment_due_date_changed",
        "Appeal findings due date changed",
    )


# The review team's own steps: recorded for the team, never shown to providers (they would
# name reviewers or carry confidential notes).
INTERNAL_ACTIONS = frozenset(
    {
        AuditAction.REVIEWER_ASSIGNED,
        AuditAction.ASSIGNMENT_ACCEPTED,
        AuditAction.ASSIGNMENT_DECLINED,
        AuditAction.ASSIGNMENT_CONFLICT,
        AuditAction.ASSIGNMENT_REMOVED,
        AuditAction.ASSIGNMENT_DUE_DATE_CHANGED,
        AuditAction.REVIEW_SUBMITTED,
        AuditAction.CONSENSUS_RECORDED,
        AuditAction.DECISION_DRAFTED,
        AuditAction.DECISION_OVERRIDE,
        AuditAction.DECISION_SIGN_OFF_REQUESTED,
        AuditAction.DECISION_SIGNED_OFF,
        AuditAction.APPEAL_REVIEWER_ASSIGNED,
        AuditAction.APPEAL_ASSIGNMENT_ACCEPTED,
        AuditAction.APPEAL_ASSIGNMENT_DECLINED,
        AuditAction.APPEAL_ASSIGNMENT_CONFLICT,
        AuditAction.APPEAL_FINDINGS_SUBMITTED,
        AuditAction.APPEAL_ASSIGNMENT_REMOVED,
        AuditAction.APPEAL_ASSIGNMENT_DUE_DATE_CHANGED,
    }
)
