"""Reads for submissions; visibility is decided here, so every screen inherits it."""

from django.db.models import QuerySet

from .models import Material, Submission
from .permissions import can_view_any_submission, user_organization_id


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


def material_visible_to(*, user, token: str) -> Material | None:
    """The material behind `token`, if the user may download it; None otherwise."""
    visible = submission_list_visible_to(user=user)
    return Material.objects.filter(token=token, submission__in=visible).first()
