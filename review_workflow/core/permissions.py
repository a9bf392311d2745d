"""Roles and the permission checks the lifecycle transitions declare."""

PROVIDER = "Provider"
REVIEWER = "Reviewer"
COORDINATOR = "Review coordinator"
COMMUNICATIONS_EDITOR = "Communications editor"
ADMINISTRATOR = "Administrator"
ROLES = [PROVIDER, REVIEWER, COORDINATOR, COMMUNICATIONS_EDITOR, ADMINISTRATOR]


def user_organization_id(user) -> int | None:
    """The organization a provider account acts for, if any."""
    membership = getattr(user, "provider_membership", None) if user.is_authenticated else None
    return membership.organization_id if membership else None


def is_organization_member(submission, user) -> bool:
    """True when the user acts for the organization that owns the submission."""
    return user.is_active and user_organization_id(user) == submission.organization_id


def is_coordinator(submission, user) -> bool:
    """True for review coordinators (and administrators, who hold the same permission)."""
    return user.is_active and user.has_perm("review_workflow.screen_submission")


def is_system_or_coordinator(submission, user) -> bool:
    """Scheduled work runs as no one (`None`); people need the coordinator's permission."""
    return user is None or is_coordinator(submission, user)


def is_panel_member_or_coordinator(submission, user) -> bool:
    """A reviewer on the current round's panel (whose review may complete it), or a
    coordinator (whose removal of the last missing reviewer may)."""
    if is_coordinator(submission, user):
        return True
    return (
        user.is_active
        and submission.assignments.filter(
            reviewer=user, round=submission.review_round, status="submitted"
        ).exists()
    )


def is_reviewer(user) -> bool:
    return user.is_active and getattr(user, "reviewer_profile", None) is not None


def can_view_any_submission(user) -> bool:
    return user.is_active and user.has_perm("review_workflow.view_any_submission")


def is_appellant(appeal, user) -> bool:
    """True when the user acts for the organization whose decision is appealed."""
    return is_organization_member(appeal.submission, user)


def is_appeal_panel_member_or_coordinator(appeal, user) -> bool:
    """A reviewer on the appeal's panel who has declared no conflict (whose acceptance may
    complete it), or a coordinator."""
    if is_coordinator(appeal.submission, user):
        return True
    return (
        user.is_active
        and appeal.assignments.filter(reviewer=user, status__in=["accepted", "submitted"]).exists()
    )


def can_open_comment_period(user) -> bool:
    """Opening or moving a public comment period is part of editing the standards."""
    return user.is_active and user.has_perm("review_workflow.change_standardsversion")


def can_view_comments(user) -> bool:
    return user.is_active and user.has_perm("review_workflow.view_standardscomment")


def can_moderate_comments(user) -> bool:
    """Review coordinators (and administrators) moderate and answer public comments."""
    return user.is_active and user.has_perm("review_workflow.change_standardscomment")


def is_comment_moderator(comment, user) -> bool:
    """The permission a public comment's moderation transitions declare."""
    return can_moderate_comments(user)
