"""Reads for submissions; visibility is decided here, so every screen inherits it."""

from django.db.models import QuerySet

from ..core.permissions import can_view_any_submission, user_organization_id
from ..core.states import APPEAL_OPEN, UNDER_REVIEW
from ..models import Assignment, Material, Submission


def submission_list_visible_to(*, user) -> QuerySet[Submission]:
    """Coordinators and administrators see every submission; providers their organization's."""
    if not user.is_authenticated:
        return Submission.objects.none()
    if can_view_any_submission(user):
        return Submission.objects.all()
    organization_id = user_organization_id(user)
    if organization_id is None:
        return Submission.objects.none()
    return Submission.objects.filter(organization_id=organization_id)


def submission_list_under_review_by(*, user) -> QuerySet[Submission]:
    """Submissions the user is reviewing: only once they accepted and declared no conflict,
    and only while the review lasts."""
    if not user.is_authenticated or not user.is_active:
        return Submission.objects.none()
    return Submission.objects.filter(
        status__in=UNDER_REVIEW,
        assignments__reviewer=user,
        assignments__status__in=[Assignment.Status.ACCEPTED, Assignment.Status.SUBMITTED],
    ).distinct()


def submission_list_under_appeal_by(*, user) -> QuerySet[Submission]:
    """Submissions whose open appeal the user sits on, once they declared no conflict."""
    if not user.is_authenticated or not user.is_active:
        return Submission.objects.none()
    return Submission.objects.filter(
        appeals__status__in=APPEAL_OPEN,
        appeals__assignments__reviewer=user,
        appeals__assignments__status__in=["accepted", "submitted"],
    ).distinct()


def material_visible_to(*, user, token: str) -> Material | None:
    """The material behind `token`, if the user may download it; None otherwise."""
    material = Material.objects.filter(token=token).first()
    if material is None:
        return None
    for visible in (
        submission_list_visible_to,
        submission_list_under_review_by,
        submission_list_under_appeal_by,
    ):
        if visible(user=user).filter(pk=material.submission_id).exists():
            return material
    return None
