"""Reads of public approval records: what a verification page and a certificate show."""

import datetime
import io

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from ..core.states import Status
from ..models import ApprovalRecord, Submission
from .export import DEJAVU_DIR, RecordPdf

Standing = ApprovalRecord.Standing

# The submission's state after an approval says where that approval stands.
STANDING_BY_STATUS = {
    Status.EXPIRED: Standing.EXPIRED,
    Status.SUSPENDED: Standing.SUSPENDED,
    Status.REVOKED: Standing.REVOKED,
    Status.SUPERSEDED: Standing.SUPERSEDED,
}


def approval_record_by_code(*, code: str) -> ApprovalRecord | None:
    """The approval record behind a verification code, or None."""
    return (
        ApprovalRecord.objects.select_related(
            "submission__organization", "submission__standards_version", "version"
        )
        .filter(code=code)
        .first()
    )


def approval_record_latest(*, submission: Submission) -> ApprovalRecord | None:
    """The submission's most recent approval, or None if it was never approved."""
    return submission.approval_records.select_related("version").first()


def approval_standing(*, record: ApprovalRecord, today: datetime.date | None = None) -> str:
    """Where the approval stands now: active, expired, suspended, revoked or superseded."""
    today = today or timezone.localdate()
    submission = record.submission
    latest = approval_record_latest(submission=submission)
    if latest is not None and latest.pk != record.pk:
        return Standing.SUPERSEDED
    if submission.status == Status.APPROVED:
        return Standing.ACTIVE if record.expires_on >= today else Standing.EXPIRED
    # Anything else after an approval (an appeal, say) means it is not in force.
    return STANDING_BY_STATUS.get(submission.status, Standing.SUSPENDED)


def verification_url(*, record: ApprovalRecord) -> str:
    """The public address of the record, as printed on the certificate."""
    path = reverse("verification:record", args=[record.code])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def approval_certificate_pdf(*, record: ApprovalRecord, font_dir=DEJAVU_DIR) -> bytes:
    """A one-page certificate with the record's address as text and as a QR code."""
    submission, url = record.submission, verification_url(record=record)
    pdf = RecordPdf(font_dir=font_dir, heading="Certificate of approval")
    pdf.set_title(pdf.clean(f"Certificate of approval: {submission.title}"))
    pdf.add_page()
    pdf.title_line("Certificate of approval")
    pdf.text_line(
        "This curriculum was reviewed against the national de-escalation training standards "
        "and approved."
    )
    pdf.ln(4)
    pdf.field("Curriculum", submission.title)
    pdf.field("Provider", submission.organization.name)
    pdf.field("Approved version", f"{record.version.number} of {_day(record.version.created_at)}")
    pdf.field("Standards", submission.standards_version.name)
    pdf.field("Approved on", _day(record.approved_at))
    pdf.field("Valid until", record.expires_on.isoformat())
    pdf.section("Check that this approval is real and current")
    pdf.text_line(f"Scan the code or open {url}")
    pdf.image(_qr_png(url), x=pdf.l_margin, y=pdf.get_y() + 4, w=50, h=50)
    return bytes(pdf.output())


def _qr_png(url: str) -> io.BytesIO:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=8, border=4)
    buffer.seek(0)
    return buffer


def _day(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).date().isoformat()
