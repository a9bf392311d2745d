"""Public comment on draft standards: opening a period, taking comments, moderating and
answering them, publishing the summary.

Every write by the review team runs in one transaction with its audit event (`CommentEvent`)
and raises a WorkflowError when it may not happen; nothing changes then. Comments from the
public are limited per client in the shared cache, as the mailing list's sign-ups are.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django_fsm import can_proceed

from accounts.limits import Limit

from ..core.errors import Conflict, Invalid, NotFound, NotPermitted
from ..core.permissions import can_moderate_comments, can_open_comment_period
from ..models import CommentEvent, CommentPeriod, StandardsComment, StandardsVersion
from ..models.comments import COMMENT_MAX_LENGTH, NAME_MAX_LENGTH, CommenterRole, long_date

# A person may comment on several standards in one sitting; a script sends many more.
COMMENTS_PER_CLIENT_BURST = Limit("standards-comment-burst", attempts=10, window=10 * 60)
COMMENTS_PER_CLIENT_DAY = Limit("standards-comment-day", attempts=40, window=24 * 60 * 60)
RESPONSE_MAX_LENGTH = 10_000
SUMMARY_MAX_LENGTH = 50_000
MODERATION_DECISIONS = {
    "approve": CommentEvent.Action.APPROVED,
    "reject": CommentEvent.Action.REJECTED,
}


class TooManyComments(Exception):
    """Too many comments from this client in the last ten minutes or the last day."""


def _period_dates(period: CommentPeriod) -> str:
    return f"{long_date(period.opens_on)} to {long_date(period.closes_on)}"


def comment_period_open(
    *, version_id: int, user, opens_on: datetime.date, closes_on: datetime.date
) -> CommentPeriod:
    """Open a draft version for public comment between two days (both included), or move the
    days of its period while it is still a draft."""
    if not can_open_comment_period(user):
        raise NotPermitted("Only review coordinators can open a comment period.")
    if closes_on <= opens_on:
        raise Invalid("The comment period must end after the day it opens.")
    if closes_on < timezone.localdate():
        raise Invalid("The last day of the comment period cannot be in the past.")
    with transaction.atomic():
        version = StandardsVersion.objects.select_for_update().filter(pk=version_id).first()
        if version is None:
            raise NotFound("No such version of the standards.")
        if version.status != StandardsVersion.Status.DRAFT:
            raise Conflict("Only a draft version of the standards can be opened for comment.")
        period = CommentPeriod.objects.filter(version=version).first()
        if period is None:
            period = CommentPeriod.objects.create(
                version=version, opens_on=opens_on, closes_on=closes_on, opened_by=user
            )
            _record(period, user, CommentEvent.Action.PERIOD_OPENED, _period_dates(period))
            return period
        if (period.opens_on, period.closes_on) == (opens_on, closes_on):
            return period
        was = _period_dates(period)
        period.opens_on, period.closes_on = opens_on, closes_on
        period.save(update_fields=["opens_on", "closes_on"])
        _record(
            period,
            user,
            CommentEvent.Action.PERIOD_CHANGED,
            f"Was {was}; now {_period_dates(period)}.",
        )
        return period


def comment_submit(
    *,
    version_id: int,
    standard_id: int | None,
    name: str,
    organization: str,
    role: str,
    comment: str,
    client: str,
) -> StandardsComment:
    """Take a comment from the public while the draft's period is open; it waits for
    moderation. Raises TooManyComments past the limits for this client."""
    name, organization, comment = name.strip(), organization.strip(), comment.strip()
    if not name or not comment:
        raise Invalid("Give your name and your comment.")
    if len(name) > NAME_MAX_LENGTH or len(organization) > NAME_MAX_LENGTH:
        raise Invalid(f"Names are at most {NAME_MAX_LENGTH} characters.")
    if len(comment) > COMMENT_MAX_LENGTH:
        raise Invalid(f"A comment is at most {COMMENT_MAX_LENGTH:,} characters.")
    if role not in CommenterRole.values:
        raise Invalid("Choose the description that fits you best.")
    if COMMENTS_PER_CLIENT_BURST.exceeded(client) or COMMENTS_PER_CLIENT_DAY.exceeded(client):
        raise TooManyComments
    with transaction.atomic():
        period = (
            CommentPeriod.objects.select_for_update()
            .select_related("version")
            .filter(version__pk=version_id)
            .first()
        )
        if period is None or not period.has_started():
            raise NotFound("No such draft is open for comment.")
        if not period.is_open():
            raise Conflict(period.closed_message())
        standard = None
        if standard_id is not None:
            standard = period.version.standards.filter(pk=standard_id).first()
            if standard is None:
                raise Invalid("Choose one of this draft's standards, or the whole draft.")
        COMMENTS_PER_CLIENT_BURST.hit(client)
        COMMENTS_PER_CLIENT_DAY.hit(client)
        return StandardsComment.objects.create(
            period=period,
            standard=standard,
            standard_code=standard.code if standard else "",
            standard_title=standard.title if standard else "",
            name=name,
            organization=organization,
            role=role,
            comment=comment,
        )


def _locked_comment(comment_id: int) -> StandardsComment:
    comment = (
        StandardsComment.objects.select_for_update()
        .select_related("period__version")
        .filter(pk=comment_id)
        .first()
    )
    if comment is None:
        raise NotFound("No such comment.")
    return comment


def comment_moderate(*, comment_id: int, user, decision: str, note: str = "") -> StandardsComment:
    """Publish a comment ("approve") or keep it from the public ("reject", with the reason,
    which only the review team sees). A decision may be reversed until the summary is out."""
    if not can_moderate_comments(user):
        raise NotPermitted("Only review coordinators can moderate comments.")
    if decision not in MODERATION_DECISIONS:
        raise Invalid("Choose whether to publish the comment.")
    note = note.strip()
    if decision == "reject" and not note:
        raise Invalid("Say why the comment is not published.")
    with transaction.atomic():
        comment = _locked_comment(comment_id)
        transition = getattr(comment, decision)
        if comment.period.summary_published:
            raise Conflict("The summary is published: moderation is closed.")
        if not can_proceed(transition):
            raise Conflict(
                f"The comment is already {comment.get_status_display().lower()}. "
                "Reload the page to see where it stands."
            )
        transition()
        comment.moderated_by = user
        comment.moderated_at = timezone.now()
        comment.moderation_note = note if decision == "reject" else ""
        comment.save()
        _record(comment.period, user, MODERATION_DECISIONS[decision], note, comment=comment)
    return comment


def comment_answer(*, comment_id: int, user, response: str) -> StandardsComment:
    """Write, or rewrite, the review team's response to a published comment; every version
    stays in the audit trail."""
    if not can_moderate_comments(user):
        raise NotPermitted("Only review coordinators can answer comments.")
    response = response.strip()
    if not response:
        raise Invalid("Write the response.")
    if len(response) > RESPONSE_MAX_LENGTH:
        raise Invalid(f"A response is at most {RESPONSE_MAX_LENGTH:,} characters.")
    with transaction.atomic():
        comment = _locked_comment(comment_id)
        if comment.period.summary_published:
            raise Conflict("The summary is published: responses can no longer change.")
        if comment.status != StandardsComment.Status.APPROVED:
            raise Conflict("Only a published comment is answered: publish it first.")
        if response == comment.response:
            return comment
        comment.response = response
        comment.responded_by = user
        comment.responded_at = timezone.now()
        comment.save(update_fields=["response", "responded_by", "responded_at"])
        _record(comment.period, user, CommentEvent.Action.ANSWERED, response, comment=comment)
    return comment


def comment_summary_publish(*, period_id: int, user, summary: str) -> CommentPeriod:
    """Publish, with the final version, the summary of the comments and the responses; from
    then on nothing about the period changes."""
    if not can_moderate_comments(user):
        raise NotPermitted("Only review coordinators can publish the summary.")
    summary = summary.strip()
    if not summary:
        raise Invalid("Write the summary.")
    if len(summary) > SUMMARY_MAX_LENGTH:
        raise Invalid(f"The summary is at most {SUMMARY_MAX_LENGTH:,} characters.")
    with transaction.atomic():
        period = (
            CommentPeriod.objects.select_for_update()
            .select_related("version")
            .filter(pk=period_id)
            .first()
        )
        if period is None:
            raise NotFound("No such comment period.")
        if period.summary_published:
            raise Conflict("The summary is already published.")
        problems = period.summary_problems()
        if problems:
            raise Conflict(" ".join(problems))
        period.summary = summary
        period.summary_published_at = timezone.now()
        period.summary_published_by = user
        period.save(update_fields=["summary", "summary_published_at", "summary_published_by"])
        _record(period, user, CommentEvent.Action.SUMMARY_PUBLISHED)
    return period


def _record(period, user, action, note: str = "", *, comment=None) -> CommentEvent:
    return CommentEvent.objects.create(
        period=period, comment=comment, actor=user, action=action, note=note
    )
