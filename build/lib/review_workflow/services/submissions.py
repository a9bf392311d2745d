"""Writes of a submission's content: the draft and its materials, each in a transaction.

They refuse bad content with a ValidationError, as a form would."""

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum

from ..core.files import validate_upload
from ..models import Material, Organization, StandardsVersion, Submission
from .transitions import event_record


def submission_create(*, organization: Organization, user, title: str) -> Submission:
    """Start a draft submission against the standards version in force."""
    standards = StandardsVersion.current()
    if standards is None:
        raise ValidationError("No standards version is current; submissions cannot start yet.")
    with transaction.atomic():
        submission = Submission.objects.create(
            organization=organization, created_by=user, title=title, standards_version=standards
        )
        event_record(submission=submission, user=user, action="create", from_status="")
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
        event_record(
            submission=submission, user=user, action="material_added", note=material.original_name
        )
    return material


def material_remove(*, material: Material, user) -> None:
    """Remove a material not yet part of a submitted version."""
    material.refresh_from_db(fields=["locked"])
    material.submission.refresh_from_db(fields=["status"])
    if material.locked or not material.submission.is_editable_by_provider:
        raise ValidationError("This file is part of a submitted version and cannot be removed.")
    with transaction.atomic():
        event_record(
            submission=material.submission,
            user=user,
            action="material_removed",
            note=material.original_name,
        )
        material.delete()
    material.file.delete(save=False)
