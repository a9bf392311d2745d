from .audit import AuditEvent
from .emails import EmailTemplate
from .organizations import Organization, OrganizationMember
from .standards import Standard, StandardsVersion
from .submissions import (
    Material,
    SelfAssessment,
    Submission,
    SubmissionModule,
    SubmissionVersion,
)

__all__ = [
    "AuditEvent",
    "EmailTemplate",
    "Material",
    "Organization",
    "OrganizationMember",
    "SelfAssessment",
    "Standard",
    "StandardsVersion",
    "Submission",
    "SubmissionModule",
    "SubmissionVersion",
]
