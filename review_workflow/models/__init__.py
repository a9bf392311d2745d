from .appeals import Appeal, AppealAssignment
from .approvals import ApprovalRecord
from .audit import AuditEvent
from .comments import CommenterRole, CommentEvent, CommentPeriod, StandardsComment
from .decisions import ConsensusRating, Decision
from .emails import EmailTemplate
from .organizations import Organization, OrganizationMember
from .reviews import (
    Assignment,
    ExpertiseArea,
    Rating,
    Recommendation,
    Review,
    ReviewerProfile,
    StandardRating,
)
from .standards import Standard, StandardsVersion
from .submissions import (
    Material,
    SelfAssessment,
    Submission,
    SubmissionModule,
    SubmissionVersion,
)

__all__ = [
    "Appeal",
    "AppealAssignment",
    "ApprovalRecord",
    "Assignment",
    "AuditEvent",
    "CommentEvent",
    "CommentPeriod",
    "CommenterRole",
    "ConsensusRating",
    "Decision",
    "EmailTemplate",
    "ExpertiseArea",
    "Material",
    "Organization",
    "OrganizationMember",
    "Rating",
    "Recommendation",
    "Review",
    "ReviewerProfile",
    "SelfAssessment",
    "Standard",
    "StandardRating",
    "StandardsComment",
    "StandardsVersion",
    "Submission",
    "SubmissionModule",
    "SubmissionVersion",
]
