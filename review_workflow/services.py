"""Writes for submissions: drafts, materials and lifecycle transitions, each in a transaction.

A transition runs the model's @transition method (which checks where it may start and who may
run it), then records the audit event, takes the version snapshot and queues the emails, all
in one transaction: either everything happens, or nothing does.
"""

import hashlib
import logging
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django_fsm import (
    ConcurrentTransition,
    TransitionNotAllowed,
    can_proceed,
    has_transition_perm,
)

from .files import validate_upload
from .models import (
    AuditEvent,
    Material,
    Organization,
    StandardsVersion,
    Submission,
    SubmissionVersion,
)
from .snapshots import submission_snapshot
from .states import Status
from .validation import submission_completeness_errors

logger = logging.getLogger(__name__)


STALE_MESSAGE = (
    "This submission was changed by someone else, or is no longer in a state that "
    "allows this. Reload the page to see where it stands."
)


class TransitionRefused(Exception):
    """A transition that may not run now: `status` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class TransitionSpec:
    method: str
    label: str
    note_required: str = ""  # what to ask for when a note is required
    button: bool = False  # offered as a button on the coordinator's submission file
    notify_provider: bool = True  # False where a decision letter says it instead


TRANSITIONS = {
    spec.method: spec
    for spec in [
        TransitionSpec("submit", "Submit for review"),
        TransitionSpec("start_screening", "Start screening", button=True),
        TransitionSpec(
            "return_to_provider",
            "Return to provider",
            note_required="Write a note explaining what the provider must change.",
            button=True,
        ),
        TransitionSpec("accept_for_review", "Accept for review", button=True),
        TransitionSpec("withdraw", "Withdraw"),
        TransitionSpec("begin_review", "Start expert review"),
        TransitionSpec("open_reconciliation", "Start reconciliation"),
        TransitionSpec("approve", "Approve", notify_provider=False),
        TransitionSpec("request_revisions", "Request revisions", notify_provider=False),
        TransitionSpec("not_approve", "Do not approve", notify_provider=False),
        TransitionSpec("resubmit", "Submit the revised version"),
        TransitionSpec("expire", "Expire the approval"),
        TransitionSpec(
            "suspend",
            "Suspend the approval",
            note_required="Give the reason for the suspension; the provider will see it.",
            button=True,
        ),
        TransitionSpec(
            "reinstate",
            "Reinstate the approval",
            note_required="Say why the approval is reinstated; the provider will see it.",
            button=True,
        ),
        TransitionSpec(
            "revoke",
            "Revoke the approval",
            note_required="Give the reason for the revocation; the provider will see it.",
            button=True,
        ),
    ]
}


def submission_create(*, organization: Organization, user, title: str) -> Submission:
    """Start a draft submission against the standards version in force."""
    standards = StandardsVersion.current()
    if standards is None:
        raise ValidationError("No standards version is current; submissions cannot start yet.")
    with transaction.atomic():
        submission = Submission.objects.create(
            organization=organization, created_by=user, title=title, standards_version=standards
        )
        AuditEvent.objects.create(
            submission=submission,
            actor=user,
            action="create",
            from_status="",
            to_status=Status.DRAFT,
        )
    return submission


def material_add(*, submission: Submission, user, uploaded) -> Material:
    """Store an uploaded file privately after checking its name, size and content."""
    submission.refresh_from_db(fields=["status"])
    if not submission.is_editable_by_provider:
        raise ValidationError("Materials can only be added while the submission is a draft.")
    used = submission.materials.aggregate(total=Sum("size"))["total"] or 0
    kind = validate_upload(
        uploaded,
        max_bytes=settings.SUBMISSION_FILE_MAX_BYTES,
        room_left=settings.SUBMISSION_TOTAL_MAX_BYTES - used,
    )
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    material = Material(
        submission=submission,
        token=secrets.token_urlsafe(32),
        original_name=uploaded.name,
        kind=kind,
        size=uploaded.size,
        sha256=digest.hexdigest(),
        uploaded_by=user,
    )
    with transaction.atomic():
        material.file.save(material.token, uploaded, save=False)
        material.save()
        AuditEvent.objects.create(
            submission=submission,
            actor=user,
            action="material_added",
            from_status=submission.status,
            to_status=submission.status,
            note=material.original_name,
            version_number=submission.version_number,
        )
    return material


def material_remove(*, material: Material, user) -> None:
    """Remove a material not yet part of a submitted version."""
    material.refresh_from_db(fields=["locked"])
    material.submission.refresh_from_db(fields=["status"])
    if material.locked or not material.submission.is_editable_by_provider:
        raise ValidationError("This file is part of a submitted version and cannot be removed.")
    with transaction.atomic():
        AuditEvent.objects.create(
            submission=material.submission,
            actor=user,
            action="material_removed",
            from_status=material.submission.status,
            to_status=material.submission.status,
            note=material.original_name,
            version_number=material.submission.version_number,
        )
        material.delete()
    material.file.delete(save=False)


def submission_transition(
    *, submission_id: int, action: str, user, note: str = "", expected_status: str = ""
) -> Submission:
    """Run one lifecycle transition with its checks, audit event, version and emails.

    `expected_status` is the status the user saw: if the submission has moved on since, the
    transition is refused as stale. Raises TransitionRefused (403 when the user may not, 409
    when the submission is not in a state that allows it or was changed meanwhile); nothing is
    changed in either case.
    """
    spec = TRANSITIONS.get(action)
    if spec is None:
        raise TransitionRefused(f"Unknown action {action!r}.", 400)
    try:
        with transaction.atomic():
            submission = Submission.objects.select_for_update().get(pk=submission_id)
            if expected_status and submission.status != expected_status:
                raise ConcurrentTransition(
                    f"expected {expected_status}, found {submission.status}"
                )
            _run_transition(submission, spec, user, note.strip())
            return submission
    except (TransitionNotAllowed, ConcurrentTransition) as error:
        logger.warning("Refused %s on submission %s by %s: %s", action, submission_id, user, error)
        raise TransitionRefused(STALE_MESSAGE, 409) from error


def run_transition(submission: Submission, action: str, user, note: str = "") -> AuditEvent:
    """Run a transition on a submission already locked by the caller's transaction."""
    return _run_transition(submission, TRANSITIONS[action], user, note)


def _run_transition(submission: Submission, spec: TransitionSpec, user, note: str):
    bound = getattr(submission, spec.method)
    if not can_proceed(bound, check_conditions=False):
        raise TransitionNotAllowed(f"{spec.method} is not allowed from {submission.status}")
    if not has_transition_perm(bound, user):
        logger.warning(
            "Refused %s on submission %s: %s lacks permission", spec.method, submission.pk, user
        )
        raise TransitionRefused("You are not allowed to do this.", 403)
    if spec.note_required and not note:
        raise TransitionRefused(spec.note_required, 400)
    if spec.method in {"submit", "resubmit"}:
        errors = submission_completeness_errors(submission)
        if errors:
            raise TransitionRefused("The submission is not complete: " + " ".join(errors), 400)
    from_status = submission.status
    bound()
    submission.status_changed_at = timezone.now()
    if spec.method in {"submit", "resubmit"}:
        _take_version(submission, user)
    if spec.method == "return_to_provider":
        submission.coordinator_notes = note
    submission.save()
    event = AuditEvent.objects.create(
        submission=submission,
        actor=user,
        action=spec.method,
        from_status=from_status,
        to_status=submission.status,
        note=note,
        version_number=submission.version_number,
    )
    _after_transition(submission, spec.method, user)
    if spec.notify_provider:
        _queue_emails(event)
    return event


def _after_transition(submission: Submission, method: str, user) -> None:
    """What a few transitions bring with them, in the same transaction."""
    from . import publication, reviewing

    if method == "resubmit":
        reviewing.next_round_start(submission, user)
    elif method in {"approve", "reinstate"}:
        publication.catalog_publish(submission, user)
    elif method in {"suspend", "revoke", "expire"}:
        publication.catalog_withdraw(submission, user)


def event_record(submission: Submission, user, action: str, note: str = "") -> AuditEvent:
    """Record a step that does not change the submission's state (assignments, reviews...)."""
    return AuditEvent.objects.create(
        submission=submission,
        actor=user,
        action=action,
        from_status=submission.status,
        to_status=submission.status,
        note=note,
        version_number=submission.version_number,
    )


def _take_version(submission: Submission, user) -> None:
    """Freeze the submission as its next numbered version and lock its materials."""
    submission.version_number += 1
    version = SubmissionVersion.objects.create(
        submission=submission,
        number=submission.version_number,
        snapshot=submission_snapshot(submission),
        created_by=user,
    )
    materials = list(submission.materials.all())
    version.materials.set(materials)
    submission.materials.update(locked=True)


def _queue_emails(event: AuditEvent) -> None:
    from .tasks import submission_event_emails

    transaction.on_commit(lambda: submission_event_emails.enqueue(event.pk))


def check_can_view(submission: Submission, user) -> None:
    """Raise PermissionDenied unless the user may see this submission."""
    from .selectors import submission_list_visible_to

    if not submission_list_visible_to(user=user).filter(pk=submission.pk).exists():
        raise PermissionDenied
