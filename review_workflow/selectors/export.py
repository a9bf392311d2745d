"""A submission's complete record for coordinators, as JSON-ready data and as a PDF.

The record is a dict of plain JSON values (format "submission-record", version 1). Times are
ISO 8601 in UTC (`2025-03-04T19:05:00+00:00`), dates ISO 8601 (`2026-03-04`), absent ones
null; people are their full name (or username when they have none). Lists are oldest first.

- `format`, `format_version`, `exported_at`
- `submission`: `id`, `title`, `organization`, `status`, `status_label`, `version_number`,
  `review_round`, `standards_version`, `created_at`, `approved_at`, `expires_on`,
  `recertifies` (the id of the submission it recertifies, or null)
- `events`: every audit event: `at`, `actor` (null for the platform's scheduled work),
  `action`, `action_label`, `from_status`, `to_status`, `version_number`, `note`
- `versions`: `number`, `created_at`, `created_by`, `snapshot` (the fields as submitted)
- `assignments`: `round`, `reviewer`, `status`, `status_label`, `assigned_at`, `due_date`,
  `responded_at`, `conflict_statement`, `review` (null until the reviewer starts one):
  `recommendation`, `recommendation_label`, `strengths`, `required_changes`,
  `provider_comments`, `confidential_comments`, `submitted_at` (null for a draft), `ratings`
- `consensus`: per round: `round`, `ratings`
- `decisions`: `round`, `outcome`, `outcome_label`, `stage`, `stage_label`,
  `required_changes`, `feedback`, `override_justification`, `drafted_by`, `drafted_at`,
  `signed_off_by`, `finalised_at`, `letter` (`subject`, `body`)
- `appeals` (lodged ones): `appealed_status`, `round`, `status`, `status_label`, `grounds`,
  `file_name`, `lodged_at`, `decided_at`, `decided_by`, `outcome_reasons`, `letter`, and the
  `panel`: `reviewer`, `status`, `due_date`, `responded_at`, `conflict_statement`,
  `recommendation`, `findings`, `submitted_at`

A rating is `standard` (its code), `title`, `rating`, `rating_label`, and `comment` (a
reviewer's) or `note` (the consensus's). The record holds reviewers' names and confidential
comments: only coordinators may export it.
"""

import datetime
import unicodedata
from itertools import groupby
from pathlib import Path

from django.utils import timezone
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from ..models import Submission

FORMAT = "submission-record"
FORMAT_VERSION = 1
DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")


# --- The record --------------------------------------------------------------------------


def submission_record(*, submission: Submission) -> dict:
    """Everything that happened to a submission, as plain JSON values (see the module doc)."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": _iso(timezone.now()),
        "submission": _submission_fields(submission),
        "events": [_event(event) for event in submission.audit_events.select_related("actor")],
        "versions": [
            _version(version) for version in submission.versions.select_related("created_by")
        ],
        "assignments": [
            _assignment(assignment)
            for assignment in submission.assignments.select_related(
                "reviewer", "review"
            ).prefetch_related("review__ratings__standard")
        ],
        "consensus": _consensus(submission),
        "decisions": [
            _decision(decision)
            for decision in submission.decisions.select_related("drafted_by", "signed_off_by")
        ],
        "appeals": [
            _appeal(appeal)
            for appeal in submission.appeals.exclude(status="draft")
            .select_related("decided_by")
            .prefetch_related("assignments__reviewer")
            .order_by("lodged_at", "pk")
        ],
    }


def _appeal(appeal) -> dict:
    return {
        "appealed_status": appeal.appealed_status,
        "round": appeal.round,
        "status": appeal.status,
        "status_label": appeal.get_status_display(),
        "grounds": appeal.grounds,
        "file_name": appeal.file_name or None,
        "lodged_at": _iso(appeal.lodged_at),
        "decided_at": _iso(appeal.decided_at),
        "decided_by": _person(appeal.decided_by),
        "outcome_reasons": appeal.outcome_reasons,
        "letter": {"subject": appeal.letter_subject, "body": appeal.letter_body},
        "panel": [
            {
                "reviewer": _person(place.reviewer),
                "status": place.status,
                "due_date": _iso(place.due_date),
                "responded_at": _iso(place.responded_at),
                "conflict_statement": place.conflict_statement,
                "recommendation": place.recommendation or None,
                "findings": place.findings,
                "submitted_at": _iso(place.submitted_at),
            }
            for place in appeal.assignments.all()
        ],
    }


def _iso(value: datetime.date | datetime.datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    return value.isoformat()


def _person(user) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or user.username


def _submission_fields(submission: Submission) -> dict:
    return {
        "id": submission.pk,
        "title": submission.title,
        "organization": str(submission.organization),
        "status": submission.status,
        "status_label": submission.get_status_display(),
        "version_number": submission.version_number,
        "review_round": submission.review_round,
        "standards_version": str(submission.standards_version),
        "created_at": _iso(submission.created_at),
        "approved_at": _iso(submission.approved_at),
        "expires_on": _iso(submission.expires_on),
        "recertifies": submission.recertifies_id,
    }


def _event(event) -> dict:
    return {
        "at": _iso(event.at),
        "actor": _person(event.actor),
        "action": event.action,
        "action_label": event.action_label,
        "from_status": event.from_status,
        "to_status": event.to_status,
        "version_number": event.version_number,
        "note": event.note,
    }


def _version(version) -> dict:
    return {
        "number": version.number,
        "created_at": _iso(version.created_at),
        "created_by": _person(version.created_by),
        "snapshot": version.snapshot,
    }


def _assignment(assignment) -> dict:
    review = getattr(assignment, "review", None)
    return {
        "round": assignment.round,
        "reviewer": _person(assignment.reviewer),
        "status": assignment.status,
        "status_label": assignment.get_status_display(),
        "assigned_at": _iso(assignment.assigned_at),
        "due_date": _iso(assignment.due_date),
        "responded_at": _iso(assignment.responded_at),
        "conflict_statement": assignment.conflict_statement,
        "review": _review(review) if review else None,
    }


def _review(review) -> dict:
    return {
        "recommendation": review.recommendation,
        "recommendation_label": review.get_recommendation_display(),
        "strengths": review.strengths,
        "required_changes": review.required_changes,
        "provider_comments": review.provider_comments,
        "confidential_comments": review.confidential_comments,
        "submitted_at": _iso(review.submitted_at),
        "ratings": [_rating(rating, comment=rating.comment) for rating in review.ratings.all()],
    }


def _rating(rating, **remark) -> dict:
    return {
        "standard": rating.standard.code,
        "title": rating.standard.title,
        "rating": rating.rating,
        "rating_label": rating.get_rating_display(),
        **remark,
    }


def _consensus(submission: Submission) -> list[dict]:
    ratings = submission.consensus.select_related("standard").order_by(
        "round", "standard__sort_order", "pk"
    )
    return [
        {"round": round_number, "ratings": [_rating(r, note=r.note) for r in in_round]}
        for round_number, in_round in groupby(ratings, key=lambda rating: rating.round)
    ]


def _decision(decision) -> dict:
    return {
        "round": decision.round,
        "outcome": decision.outcome,
        "outcome_label": decision.get_outcome_display(),
        "stage": decision.stage,
        "stage_label": decision.get_stage_display(),
        "required_changes": decision.required_changes,
        "feedback": decision.feedback,
        "override_justification": decision.override_justification,
        "drafted_by": _person(decision.drafted_by),
        "drafted_at": _iso(decision.drafted_at),
        "signed_off_by": _person(decision.signed_off_by),
        "finalised_at": _iso(decision.finalised_at),
        "letter": {"subject": decision.letter_subject, "body": decision.letter_body},
    }


# --- The PDF -----------------------------------------------------------------------------


def submission_record_pdf(
    record: dict, *, compress: bool = True, font_dir: Path = DEJAVU_DIR
) -> bytes:
    """The record laid out for reading: the same content as the JSON, section by section.

    DejaVu Sans from `font_dir` when it is installed, so any text prints; otherwise the
    built-in Helvetica, with text outside its character set replaced.
    """
    pdf = RecordPdf(font_dir=font_dir, heading=f"Submission {record['submission']['id']}")
    pdf.set_compression(compress)
    pdf.set_title(pdf.clean(f"Submission record: {record['submission']['title']}"))
    pdf.add_page()
    _pdf_summary(pdf, record)
    _pdf_events(pdf, record["events"])
    _pdf_versions(pdf, record["versions"])
    _pdf_assignments(pdf, record["assignments"])
    _pdf_consensus(pdf, record["consensus"])
    _pdf_decisions(pdf, record["decisions"])
    return bytes(pdf.output())


# Helvetica's characters are Windows-1252 (its PDF encoding is WinAnsi): this keeps curly
# quotes and dashes, which Latin-1 lacks; these few others get a close equivalent.
CP1252_FALLBACKS = {"→": "->", "←": "<-", "≤": "<=", "≥": ">=", "✓": "v", "\u2212": "-"}


class RecordPdf(FPDF):
    """An A4 document with a running footer and a few text helpers that pick the font."""

    def __init__(self, *, font_dir: Path, heading: str):
        super().__init__(format="A4")
        self.heading = heading
        self.unicode_font = _add_dejavu(self, font_dir)
        self.family = "DejaVu" if self.unicode_font else "Helvetica"
        self.core_fonts_encoding = "cp1252"
        self.set_auto_page_break(auto=True, margin=15)
        self.set_font(self.family, size=10)

    def clean(self, text) -> str:
        text = str(text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
        if self.unicode_font:
            return text
        return "".join(_cp1252_char(char) for char in text)

    def footer(self):
        self.set_y(-12)
        self.set_font(self.family, size=8)
        self.cell(0, 5, self.clean(f"{self.heading} · page {self.page_no()}"), align="C")

    def title_line(self, text: str):
        self._block(text, style="B", size=16, height=8)
        self.ln(2)

    def section(self, text: str):
        self.ln(4)
        self._block(text, style="B", size=13, height=7)
        self.ln(1)

    def subsection(self, text: str):
        self.ln(2)
        self._block(text, style="B", size=11, height=6)

    def text_line(self, text: str):
        self._block(text, style="", size=10, height=5)

    def field(self, label: str, value):
        """`label: value`, the label in bold; empty values are left out."""
        if value in (None, "", [], {}):
            return
        text = _plain(value)
        self.set_font(self.family, "B", 10)
        self.write(5, self.clean(f"{label}: "))
        if "\n" in text:
            self.ln(5)  # letters, notes and lists read better starting on their own line
        self.set_font(self.family, size=10)
        self.write(5, self.clean(text))
        self.ln(6)

    def _block(self, text: str, *, style: str, size: int, height: float):
        self.set_font(self.family, style, size)
        self.multi_cell(
            0, height, self.clean(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )


def _add_dejavu(pdf: FPDF, font_dir: Path) -> bool:
    regular, bold = font_dir / "DejaVuSans.ttf", font_dir / "DejaVuSans-Bold.ttf"
    if not (regular.is_file() and bold.is_file()):
        return False
    pdf.add_font("DejaVu", "", regular)
    pdf.add_font("DejaVu", "B", bold)
    return True


def _cp1252_char(char: str) -> str:
    if char == "\n" or _encodes(char, "cp1252"):
        return char
    if char in CP1252_FALLBACKS:
        return CP1252_FALLBACKS[char]
    # Letters with unusual accents keep their base letter (ő -> o); the rest become "?".
    base = unicodedata.normalize("NFKD", char).encode("cp1252", "ignore").decode("cp1252")
    return base or "?"


def _encodes(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def _plain(value) -> str:
    """A snapshot or record value as text: structures one entry per line."""
    if isinstance(value, dict):
        return "\n".join(f"{key}: {_inline(item)}" for key, item in value.items())
    if isinstance(value, list) and any(isinstance(item, dict | list) for item in value):
        return "\n".join(_inline(item) for item in value)
    return _inline(value)


def _inline(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_inline(item)}" for key, item in value.items())
    if isinstance(value, list):
        return ", ".join(_inline(item) for item in value)
    return str(value)


def _when(iso: str | None) -> str:
    """A time from the record in local time, for people to read."""
    if iso is None:
        return ""
    return timezone.localtime(datetime.datetime.fromisoformat(iso)).strftime("%Y-%m-%d %H:%M %Z")


def _pdf_summary(pdf: RecordPdf, record: dict):
    submission = record["submission"]
    pdf.title_line(submission["title"])
    pdf.field("Submission", submission["id"])
    pdf.field("Organization", submission["organization"])
    pdf.field("Status", submission["status_label"])
    pdf.field("Latest version", submission["version_number"])
    pdf.field("Review round", submission["review_round"])
    pdf.field("Standards", submission["standards_version"])
    pdf.field("Started", _when(submission["created_at"]))
    pdf.field("Approved", _when(submission["approved_at"]))
    pdf.field("Approval expires", submission["expires_on"])
    pdf.field("Recertifies submission", submission["recertifies"])
    pdf.field("Exported", _when(record["exported_at"]))
    pdf.text_line("Confidential: contains reviewers' names and confidential comments.")


def _pdf_events(pdf: RecordPdf, events: list[dict]):
    pdf.section("Audit trail")
    if not events:
        pdf.text_line("None.")
    for event in events:
        who = event["actor"] or "The platform (scheduled task)"
        pdf.subsection(f"{_when(event['at'])} · {event['action_label']}")
        pdf.field("By", who)
        if event["from_status"] != event["to_status"]:
            pdf.field("State", f"{event['from_status'] or '(new)'} → {event['to_status']}")
        pdf.field("Version", event["version_number"])
        pdf.field("Note", event["note"])


def _pdf_versions(pdf: RecordPdf, versions: list[dict]):
    pdf.section("Versions")
    if not versions:
        pdf.text_line("Not submitted yet.")
    for version in versions:
        pdf.subsection(
            f"Version {version['number']}, {_when(version['created_at'])}, "
            f"by {version['created_by']}"
        )
        for name, value in version["snapshot"].items():
            pdf.field(name.replace("_", " ").capitalize(), value)


def _pdf_assignments(pdf: RecordPdf, assignments: list[dict]):
    pdf.section("Reviewers and reviews")
    if not assignments:
        pdf.text_line("None.")
    for assignment in assignments:
        pdf.subsection(f"Round {assignment['round']}: {assignment['reviewer']}")
        pdf.field("Assignment", assignment["status_label"])
        pdf.field("Assigned", _when(assignment["assigned_at"]))
        pdf.field("Due", assignment["due_date"])
        pdf.field("Answered", _when(assignment["responded_at"]))
        pdf.field("Conflict statement", assignment["conflict_statement"])
        if assignment["review"]:
            _pdf_review(pdf, assignment["review"])


def _pdf_review(pdf: RecordPdf, review: dict):
    pdf.field("Review submitted", _when(review["submitted_at"]) or "not yet (draft)")
    pdf.field("Recommendation", review["recommendation_label"])
    pdf.field("Strengths", review["strengths"])
    pdf.field("Required changes", review["required_changes"])
    pdf.field("Comments for the provider", review["provider_comments"])
    pdf.field("Confidential comments", review["confidential_comments"])
    for rating in review["ratings"]:
        pdf.field(rating["standard"], _rating_text(rating, rating["comment"]))


def _rating_text(rating: dict, remark: str) -> str:
    text = f"{rating['title']}: {rating['rating_label'] or 'not rated'}"
    return f"{text}. {remark}" if remark else text


def _pdf_consensus(pdf: RecordPdf, consensus: list[dict]):
    pdf.section("Consensus")
    if not consensus:
        pdf.text_line("None.")
    for in_round in consensus:
        pdf.subsection(f"Round {in_round['round']}")
        for rating in in_round["ratings"]:
            pdf.field(rating["standard"], _rating_text(rating, rating["note"]))


def _pdf_decisions(pdf: RecordPdf, decisions: list[dict]):
    pdf.section("Decisions")
    if not decisions:
        pdf.text_line("None.")
    for decision in decisions:
        pdf.subsection(f"Round {decision['round']}: {decision['outcome_label']}")
        pdf.field("Stage", decision["stage_label"])
        pdf.field("Drafted by", decision["drafted_by"])
        pdf.field("Signed off by", decision["signed_off_by"])
        pdf.field("Final", _when(decision["finalised_at"]))
        pdf.field("Required changes", decision["required_changes"])
        pdf.field("Feedback", decision["feedback"])
        pdf.field("Override justification", decision["override_justification"])
        pdf.field("Letter subject", decision["letter"]["subject"])
        pdf.field("Letter", decision["letter"]["body"])
