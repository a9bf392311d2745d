"""Import subscribers from CSV, all or nothing, with the consent source recorded."""

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from pages.models import TopicArea

from .models import Subscriber
from .tasks import send_confirmation_email

COLUMNS = ["email", "topics", "project_announcements", "previously_confirmed", "evidence"]
YES, NO = {"yes", "y", "true", "1"}, {"no", "n", "false", "0", ""}


class SubscriberImportFailed(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class SubscriberImportReport:
    created: int = 0
    confirmed: int = 0
    skipped_existing: int = 0


def _flag(value: str, line: int, column: str, problems: list[str]) -> bool:
    lowered = (value or "").strip().lower()
    if lowered in YES:
        return True
    if lowered not in NO:
        problems.append(f"line {line}: {column}: {value!r} is not yes or no")
    return False


def _parse(data: bytes) -> list[dict]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SubscriberImportFailed(["the file is not UTF-8 text"]) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [column for column in COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise SubscriberImportFailed([f"line 1: header: missing column {c!r}" for c in missing])
    topics = {}
    for topic in TopicArea.objects.all():
        topics[topic.slug.lower()] = topic
        topics[topic.name.lower()] = topic
    problems, rows, seen = [], [], {}
    for row in reader:
        line = reader.line_num
        email = (row.get("email") or "").strip().lower()
        try:
            validate_email(email)
        except ValidationError:
            problems.append(f"line {line}: email: {email!r} is not a valid email address")
        if email in seen:
            problems.append(f"line {line}: email: repeats line {seen[email]}")
        seen.setdefault(email, line)
        chosen = []
        for name in [
            part.strip() for part in (row.get("topics") or "").split(";") if part.strip()
        ]:
            if name.lower() in topics:
                chosen.append(topics[name.lower()])
            else:
                problems.append(f"line {line}: topics: unknown topic {name!r}")
        confirmed = _flag(row.get("previously_confirmed"), line, "previously_confirmed", problems)
        evidence = (row.get("evidence") or "").strip()
        if confirmed and not evidence:
            problems.append(f"line {line}: evidence: required when previously_confirmed is yes")
        rows.append(
            {
                "email": email,
                "topics": chosen,
                "announcements": _flag(
                    row.get("project_announcements") or "yes",
                    line,
                    "project_announcements",
                    problems,
                ),
                "confirmed": confirmed,
            }
        )
    if not rows:
        problems.append("line 2: file: there are no rows to import")
    if problems:
        raise SubscriberImportFailed(problems)
    return rows


def subscribers_import(*, data: bytes, consent_source: str) -> SubscriberImportReport:
    """Create the new addresses: confirmed where evidence says so, else pending (and mailed)."""
    if not consent_source.strip():
        raise SubscriberImportFailed(["consent source: say where these addresses came from"])
    rows = _parse(data)
    report = SubscriberImportReport()
    existing = set(
        Subscriber.objects.filter(email__in=[row["email"] for row in rows]).values_list(
            "email", flat=True
        )
    )
    to_confirm = []
    with transaction.atomic():
        for row in rows:
            if row["email"] in existing:
                report.skipped_existing += 1  # never overwrite a person's own choices
                continue
            subscriber = Subscriber.objects.create(
                email=row["email"],
                source=Subscriber.Source.IMPORT,
                consent_source=consent_source.strip()[:255],
                project_announcements=row["announcements"],
                status=Subscriber.Status.CONFIRMED
                if row["confirmed"]
                else Subscriber.Status.PENDING,
                confirmed_at=timezone.now() if row["confirmed"] else None,
            )
            subscriber.topics.set(row["topics"])
            report.created += 1
            report.confirmed += int(row["confirmed"])
            if not row["confirmed"]:
                to_confirm.append(subscriber.pk)
        transaction.on_commit(lambda: [send_confirmation_email.enqueue(pk) for pk in to_confirm])
    return report
