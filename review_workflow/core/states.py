"""The submission lifecycle in one place: its states, and what a provider may do in each."""

from django.db import models


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    SCREENING = "screening", "In screening"
    RETURNED = "returned", "Returned to provider"
    ACCEPTED_FOR_REVIEW = "accepted_for_review", "Accepted for review"
    IN_REVIEW = "in_review", "In expert review"
    RECONCILIATION = "reconciliation", "In reconciliation"
    REVISIONS_REQUESTED = "revisions_requested", "Revisions requested"
    APPROVED = "approved", "Approved"
    NOT_APPROVED = "not_approved", "Not approved"
    EXPIRED = "expired", "Approval expired"
    SUSPENDED = "suspended", "Approval suspended"
    REVOKED = "revoked", "Approval revoked"
    SUPERSEDED = "superseded", "Superseded by a recertification"
    WITHDRAWN = "withdrawn", "Withdrawn"


# States a provider may edit in (no reviewer is looking at the submission then).
PROVIDER_EDITABLE = [Status.DRAFT, Status.RETURNED, Status.REVISIONS_REQUESTED]
# States a provider may withdraw from: no decision has been made yet.
BEFORE_DECISION = [
    Status.DRAFT,
    Status.SUBMITTED,
    Status.SCREENING,
    Status.RETURNED,
    Status.ACCEPTED_FOR_REVIEW,
    Status.IN_REVIEW,
    Status.RECONCILIATION,
    Status.REVISIONS_REQUESTED,
]
# States in which expert reviewers work on the submission.
UNDER_REVIEW = [Status.IN_REVIEW, Status.RECONCILIATION]
# A curriculum in one of these states has been approved at some point and may be recertified.
ONCE_APPROVED = [Status.APPROVED, Status.EXPIRED]

# What the provider is expected to do next, shown on their dashboard.
PROVIDER_NEXT_STEP = {
    Status.DRAFT: "Complete the form and submit it for review.",
    Status.SUBMITTED: "Nothing for now: a coordinator will screen your submission.",
    Status.SCREENING: "Nothing for now: a coordinator is screening your submission.",
    Status.RETURNED: "Read the coordinator's notes, update your submission and submit it again.",
    Status.ACCEPTED_FOR_REVIEW: "Nothing for now: expert reviewers will be assigned.",
    Status.IN_REVIEW: "Nothing for now: expert reviewers are assessing your curriculum.",
    Status.RECONCILIATION: "Nothing for now: the reviews are being reconciled into a decision.",
    Status.REVISIONS_REQUESTED: "Read the decision letter, make the required changes and "
    "submit the revised curriculum.",
    Status.APPROVED: "Nothing: your curriculum is approved and listed in the catalog.",
    Status.NOT_APPROVED: "Read the decision letter for the reviewers' feedback.",
    Status.EXPIRED: "Start a recertification to return to the catalog.",
    Status.SUSPENDED: "Read the coordinator's reason; the curriculum is out of the catalog.",
    Status.REVOKED: "Read the coordinator's reason; the approval is withdrawn.",
    Status.WITHDRAWN: "Nothing: this submission was withdrawn.",
    Status.SUPERSEDED: "Nothing: the recertification of this curriculum is its approval now.",
}


class AppealStatus(models.TextChoices):
    """Where an appeal of a decision stands (the submission keeps its own state meanwhile)."""

    DRAFT = "draft", "Being prepared"
    APPEALED = "appealed", "Appealed"
    IN_REVIEW = "appeal_review", "In appeal review"
    UPHELD = "upheld", "Decision upheld"
    OVERTURNED = "overturned", "Decision overturned"


# Decisions a provider may appeal: the submission's state after each of them.
APPEALABLE = [Status.NOT_APPROVED, Status.SUSPENDED, Status.REVOKED]
# The transition that made each appealable decision.
APPEALABLE_ACTIONS = {
    Status.NOT_APPROVED: "not_approve",
    Status.SUSPENDED: "suspend",
    Status.REVOKED: "revoke",
}
# An appeal still to be decided.
APPEAL_OPEN = [AppealStatus.APPEALED, AppealStatus.IN_REVIEW]
APPEAL_DECIDED = [AppealStatus.UPHELD, AppealStatus.OVERTURNED]

# What the provider is expected to do while an appeal is in each state.
APPEAL_NEXT_STEP = {
    AppealStatus.DRAFT: "Check your appeal and lodge it before the deadline.",
    AppealStatus.APPEALED: "Nothing for now: an appeal panel is being formed.",
    AppealStatus.IN_REVIEW: "Nothing for now: an independent panel is reviewing your appeal.",
    AppealStatus.UPHELD: "Read the appeal letter: the decision stands.",
    AppealStatus.OVERTURNED: "Nothing for now: the decision is being taken again.",
}
