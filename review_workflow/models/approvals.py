"""The public record of an approval, which anyone holding its code can check."""

import secrets

from django.db import models

from .submissions import Submission, SubmissionVersion


def verification_code_new() -> str:
    """An unguessable code (128 random bits) for a public approval record."""
    return secrets.token_urlsafe(16)


class ApprovalRecord(models.Model):
    """One approval of one submission version, verifiable at /verify/<code>/."""

    class Standing(models.TextChoices):
        ACTIVE = "active", "Active"
        EXPIRED = "expired", "Expired"
        SUSPENDED = "suspended", "Suspended"
        REVOKED = "revoked", "Revoked"
        SUPERSEDED = "superseded", "Superseded"

    code = models.CharField(
        max_length=32, unique=True, editable=False, default=verification_code_new
    )
    submission = models.ForeignKey(
        Submission, on_delete=models.PROTECT, related_name="approval_records"
    )
    version = models.ForeignKey(SubmissionVersion, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField()
    expires_on = models.DateField()

    class Meta:
        ordering = ["-approved_at", "-pk"]

    def __str__(self) -> str:
        return f"Approval of {self.submission} v{self.version.number}"
