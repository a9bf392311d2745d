"""Reviewer onboarding: an account, a profile and a welcome in one step."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from ..core.errors import Conflict
from ..core.permissions import REVIEWER
from ..models import ReviewerProfile
from ..notifications import reviewer_welcome_notify


def reviewer_invite(
    *,
    first_name: str,
    last_name: str,
    email: str,
    expertise,
    affiliations,
    capacity: int,
) -> ReviewerProfile:
    """Create the reviewer's account (no usable password until they choose one), their
    profile and role, and email them a link to set the password."""
    email = email.strip().lower()
    User = get_user_model()
    if User.objects.filter(email__iexact=email).exists():
        raise Conflict(
            "An account with this email address already exists: give it a reviewer profile "
            "under Reviewers instead."
        )
    with transaction.atomic():
        user = User(username=email, email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.save()
        user.groups.add(Group.objects.get(name=REVIEWER))
        profile = ReviewerProfile.objects.create(user=user, capacity=capacity)
        profile.expertise.set(expertise)
        profile.affiliations.set(affiliations)
        reviewer_welcome_notify(user)
    return profile
