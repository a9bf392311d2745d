"""Recertification: a new submission that starts as a copy of the approved one."""

import secrets

from django.core.files.base import ContentFile
from django.db import transaction

from ..core.errors import Conflict
from ..core.states import ONCE_APPROVED, Status
from ..models import Material, StandardsVersion, Submission
from .snapshots import SNAPSHOT_FIELDS, SNAPSHOT_RELATIONS
from .transitions import event_record

COPIED_FIELDS = [*SNAPSHOT_FIELDS, "materials_link"]
NOT_COPIED = {"certified_by_name"}  # the person certifies the new submission afresh


def can_recertify(submission: Submission) -> bool:
    """Approved or expired, and no recertification of it under way."""
    return (
        submission.status in ONCE_APPROVED
        and not submission.recertifications.exclude(status=Status.WITHDRAWN).exists()
    )


def recertification_start(*, submission: Submission, user) -> Submission:
    """A draft copying the approved submission: fields, modules, materials and (against the
    same standards version) the self-assessment. The provider updates it and submits it."""
    if not can_recertify(submission):
        raise Conflict(
            "Only an approved or expired curriculum with no recertification under way can be "
            "recertified."
        )
    standards = StandardsVersion.current()
    if standards is None:
        raise Conflict("No standards version is current.")
    with transaction.atomic():
        copy = Submission.objects.create(
            organization=submission.organization,
            created_by=user,
            standards_version=standards,
            recertifies=submission,
            **{
                name: getattr(submission, name) for name in COPIED_FIELDS if name not in NOT_COPIED
            },
        )
        for name in SNAPSHOT_RELATIONS:
            getattr(copy, name).set(getattr(submission, name).all())
        for module in submission.modules.all():
            copy.modules.create(position=module.position, title=module.title, hours=module.hours)
        if standards.pk == submission.standards_version_id:
            for entry in submission.self_assessments.all():
                copy.self_assessments.create(
                    standard=entry.standard, location=entry.location, explanation=entry.explanation
                )
        for material in submission.materials.all():
            _material_copy(material, copy, user)
        event_record(
            submission=copy,
            user=user,
            action="create",
            note=f"Recertification of submission {submission.pk}",
        )
    return copy


def _material_copy(material: Material, submission: Submission, user) -> None:
    token = secrets.token_urlsafe(32)
    copy = Material(
        submission=submission,
        token=token,
        original_name=material.original_name,
        kind=material.kind,
        size=material.size,
        sha256=material.sha256,
        uploaded_by=user,
    )
    with material.file.open("rb") as source:
        copy.file.save(token, ContentFile(source.read()), save=False)
    copy.save()
