"""What an uploaded file really is, judged by its content rather than its name."""

import re
import unicodedata
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError

# Each accepted kind: the extensions it may carry, and how its content is recognised.
KINDS = {
    "pdf": {".pdf"},
    "docx": {".docx"},
    "pptx": {".pptx"},
    "xlsx": {".xlsx"},
    "mp4": {".mp4", ".m4v"},
}
OOXML_PARTS = {
    "docx": "word/document.xml",
    "pptx": "ppt/presentation.xml",
    "xlsx": "xl/workbook.xml",
}
MP4_BRANDS = {b"isom", b"iso2", b"mp41", b"mp42", b"avc1", b"M4V ", b"dash", b"iso5", b"iso6"}
ACCEPTED_DESCRIPTION = "PDF, Word (.docx), PowerPoint (.pptx), Excel (.xlsx) or MP4 video"
MAX_NAME_LENGTH = 180
OFFICE_MAX_PARTS = 10_000
# Letters, digits, spaces and a few punctuation marks; no path separators or control characters.
SAFE_NAME = re.compile(r"^[\w][\w .,()\-+&']*\.[A-Za-z0-9]{2,5}$")


def detect_kind(uploaded) -> str | None:
    """The kind of file the content is (one of KINDS), or None if it is none of them."""
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head[4:8] == b"ftyp" and head[8:12] in MP4_BRANDS:
        return "mp4"
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(uploaded)
    return None


def _office_kind(uploaded) -> str | None:
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return None
    finally:
        uploaded.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    return next((kind for kind, part in OOXML_PARTS.items() if part in names), None)


def clean_file_name(name: str) -> str:
    """The provider's file name, refused if it could be used to attack a path or a screen."""
    normalized = unicodedata.normalize("NFC", name or "")
    if (
        not normalized
        or len(normalized) > MAX_NAME_LENGTH
        or any(part in normalized for part in ("/", "\\", "..", "\x00"))
        or any(unicodedata.category(char).startswith("C") for char in normalized)
        or not SAFE_NAME.match(normalized)
    ):
        raise ValidationError(
            "The file name is not allowed. Use letters, numbers, spaces, dots, hyphens and "
            f"underscores only (at most {MAX_NAME_LENGTH} characters), for example "
            "module-1-handout.pdf.",
            code="file_name",
        )
    return normalized


def validate_upload(uploaded, *, max_bytes: int, room_left: int) -> str:
    """Check name, size and content; return the detected kind or raise a clear error."""
    name = clean_file_name(uploaded.name)
    if uploaded.size > max_bytes:
        raise ValidationError(
            f"{name} is {_mb(uploaded.size)}; each file may be at most {_mb(max_bytes)}.",
            code="file_size",
        )
    if uploaded.size > room_left:
        raise ValidationError(
            f"{name} would take this submission past its total limit; "
            f"{_mb(max(room_left, 0))} is left.",
            code="total_size",
        )
    kind = detect_kind(uploaded)
    extension = "." + name.rsplit(".", 1)[-1].lower()
    if kind is None:
        raise ValidationError(
            f"{name} is not a {ACCEPTED_DESCRIPTION} file (judged by its content, not its name).",
            code="file_type",
        )
    if kind in OOXML_PARTS:
        office_archive_check(
            uploaded,
            name=name,
            max_unpacked=settings.SUBMISSION_OFFICE_MAX_UNPACKED_BYTES,
            max_ratio=settings.SUBMISSION_OFFICE_MAX_RATIO,
        )
    if extension not in KINDS[kind]:
        raise ValidationError(
            f"{name} is named {extension} but its content is {kind.upper()}; rename it or "
            "upload the right file.",
            code="file_type",
        )
    return kind


def office_archive_check(uploaded, *, name: str, max_unpacked: int, max_ratio: int) -> None:
    """Refuse an Office file (a zip) that would inflate past the limits: a zip bomb."""
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            members = archive.infolist()
            _declared_sizes_check(
                members, name=name, max_unpacked=max_unpacked, max_ratio=max_ratio
            )
            # The sizes in the directory can lie: inflate every part, counting, to be sure.
            unpacked = 0
            for member in members:
                with archive.open(member) as part:
                    while chunk := part.read(1024 * 1024):
                        unpacked += len(chunk)
                        if unpacked > max_unpacked:
                            raise _too_large(name, max_unpacked)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as error:
        raise ValidationError(
            f"{name} is a damaged or encrypted Office file and cannot be read.", code="file_type"
        ) from error
    finally:
        uploaded.seek(0)


def _declared_sizes_check(members, *, name: str, max_unpacked: int, max_ratio: int) -> None:
    if len(members) > OFFICE_MAX_PARTS:
        raise ValidationError(
            f"{name} holds more than {OFFICE_MAX_PARTS} parts; no real document does.",
            code="file_archive",
        )
    unpacked = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members)
    if unpacked > max_unpacked:
        raise _too_large(name, max_unpacked)
    if unpacked > max_ratio * max(packed, 1):
        raise ValidationError(
            f"{name} expands more than {max_ratio} times when opened, which suggests a "
            "damaged or malicious file. Save it again from Office and upload the new copy.",
            code="file_archive",
        )


def _too_large(name: str, max_unpacked: int) -> ValidationError:
    return ValidationError(
        f"{name} would take more than {_mb(max_unpacked)} once opened. "
        "Split it into smaller files or compress its images.",
        code="file_archive",
    )


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
