"""Reads of public comment: what the public may see of a draft and its comments, and the
review team's registers. Only published (approved) comments ever reach the public."""

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from ..core.permissions import can_open_comment_period, can_view_comments
from ..models import CommentPeriod, StandardsComment, StandardsVersion

Status = StandardsComment.Status


def comment_period_public(*, version_id: int) -> CommentPeriod | None:
    """The version's comment period once its first day has come (the draft is public from
    then on); None before, or when the version has none."""
    return (
        CommentPeriod.objects.select_related("version")
        .filter(version__pk=version_id, opens_on__lte=timezone.localdate())
        .first()
    )


def comment_summary_public(*, version_id: int) -> CommentPeriod | None:
    """The version's comment period once its summary is published; None before."""
    return (
        CommentPeriod.objects.select_related("version")
        .filter(version__pk=version_id, summary_published_at__isnull=False)
        .first()
    )


def comment_periods_public() -> dict[str, list[CommentPeriod]]:
    """The drafts open for comment today and the published summaries, for /standards/."""
    today = timezone.localdate()
    periods = CommentPeriod.objects.select_related("version")
    return {
        "open": list(
            periods.filter(
                version__status=StandardsVersion.Status.DRAFT,
                summary_published_at__isnull=True,
                opens_on__lte=today,
                closes_on__gte=today,
            ).order_by("closes_on", "pk")
        ),
        "summaries": list(
            periods.filter(summary_published_at__isnull=False).order_by("-summary_published_at")
        ),
    }


def comments_published(*, period: CommentPeriod) -> QuerySet[StandardsComment]:
    """The period's published comments, newest first."""
    return period.comments.filter(status=Status.APPROVED).order_by("-submitted_at", "-pk")


def comments_for_summary(*, period: CommentPeriod) -> QuerySet[StandardsComment]:
    """The published comments in the draft's order: on the whole draft first, then standard
    by standard, each in the order they came."""
    return period.comments.filter(status=Status.APPROVED).order_by(
        F("standard__sort_order").asc(nulls_first=True), "standard_code", "submitted_at", "pk"
    )


def comment_counts(*, period: CommentPeriod) -> dict[str, int]:
    """How many comments the period received, and how many of them are in each state."""
    return period.comments.aggregate(
        received=Count("pk"),
        pending=Count("pk", filter=Q(status=Status.PENDING)),
        published=Count("pk", filter=Q(status=Status.APPROVED)),
        not_published=Count("pk", filter=Q(status=Status.REJECTED)),
        unanswered=Count("pk", filter=Q(status=Status.APPROVED, response="")),
    )


def comment_counts_by_standard(*, period: CommentPeriod) -> list[dict]:
    """Published comments per standard commented on, in the draft's order."""
    rows = (
        comments_for_summary(period=period)
        .values("standard_code", "standard_title")
        .annotate(count=Count("pk"))
        .order_by(F("standard__sort_order").asc(nulls_first=True), "standard_code")
    )
    return [
        {
            "label": f"{row['standard_code']}: {row['standard_title']}"
            if row["standard_code"]
            else "The whole draft",
            "count": row["count"],
        }
        for row in rows
    ]


# --- The review team ---------------------------------------------------------------------------


def comment_periods_for_staff(*, user) -> QuerySet[CommentPeriod]:
    """Every comment period with its counts, for those who see comments; none for others."""
    if not can_view_comments(user):
        return CommentPeriod.objects.none()
    return (
        CommentPeriod.objects.select_related("version")
        .annotate(
            received=Count("comments"),
            pending=Count("comments", filter=Q(comments__status=Status.PENDING)),
            published=Count("comments", filter=Q(comments__status=Status.APPROVED)),
            unanswered=Count(
                "comments", filter=Q(comments__status=Status.APPROVED, comments__response="")
            ),
        )
        .order_by("-opens_on", "-pk")
    )


def drafts_without_comment_period(*, user) -> QuerySet[StandardsVersion]:
    """The draft versions that could be opened for comment, for those who may open one."""
    if not can_open_comment_period(user):
        return StandardsVersion.objects.none()
    return StandardsVersion.objects.filter(
        status=StandardsVersion.Status.DRAFT, comment_period__isnull=True
    )


def comment_period_for_staff(*, user, version_id: int) -> CommentPeriod | None:
    if not can_view_comments(user):
        return None
    return CommentPeriod.objects.select_related("version").filter(version__pk=version_id).first()


def comment_list_for_staff(
    *, user, period: CommentPeriod, status: str = ""
) -> QuerySet[StandardsComment]:
    """The period's comments, oldest first, all or those in one state."""
    if not can_view_comments(user):
        return StandardsComment.objects.none()
    comments = period.comments.select_related("moderated_by", "responded_by")
    return comments.filter(status=status) if status else comments


def comment_for_staff(*, user, pk: int) -> StandardsComment | None:
    if not can_view_comments(user):
        return None
    return (
        StandardsComment.objects.select_related(
            "period__version", "moderated_by", "responded_by", "standard"
        )
        .filter(pk=pk)
        .first()
    )
