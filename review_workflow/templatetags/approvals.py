"""The approval box on the provider's submission page."""

from django import template

from ..models import ApprovalRecord
from ..selectors.approvals import approval_record_latest, approval_standing

register = template.Library()


@register.inclusion_tag("portal/approval_summary.html")
def approval_summary(submission):
    """The submission's latest approval, its public record and, while active, its certificate."""
    record = approval_record_latest(submission=submission)
    standing = approval_standing(record=record) if record else ""
    return {
        "submission": submission,
        "record": record,
        "standing": standing,
        "active": standing == ApprovalRecord.Standing.ACTIVE,
    }
