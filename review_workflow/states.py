"""The submission lifecycle in one place: its states, and who may move a submission between them.

Later stages of the review (in review, revisions requested, approved, not approved, expired)
add their states here and their transitions on `Submission`.
"""

from django.db import models


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    SCREENING = "screening", "In screening"
    RETURNED = "returned", "Returned to provider"
    ACCEPTED_FOR_REVIEW = "accepted_for_review", "Accepted for review"
    WITHDRAWN = "withdrawn", "Withdrawn"


# States a provider may edit in, and withdraw from (no decision has been made yet).
PROVIDER_EDITABLE = [Status.DRAFT, Status.RETURNED]
BEFORE_DECISION = [
    Status.DRAFT,
    Status.SUBMITTED,
    Status.SCREENING,
    Status.RETURNED,
    Status.ACCEPTED_FOR_REVIEW,
]

# What the provider is expected to do next, shown on their dashboard.
PROVIDER_NEXT_STEP = {
    Status.DRAFT: "Complete the form and submit it for review.",
    Status.SUBMITTED: "Nothing for now: a coordinator will screen your submission.",
    Status.SCREENING: "Nothing for now: a coordinator is screening your submission.",
    Status.RETURNED: "Read the coordinator's notes, update your submission and submit it again.",
    Status.ACCEPTED_FOR_REVIEW: "Nothing for now: expert reviewers will be assigned.",
    Status.WITHDRAWN: "Nothing: this submission was withdrawn.",
}
