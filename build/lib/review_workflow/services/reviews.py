"""Reviews: the reviewer's draft and submission, and the move to reconciliation."""

from django.db import transaction
from django.utils import timezone

from ..core.errors import Conflict, NotFound
from ..core.states import Status
from ..models import Assignment, Review, StandardRating, Submission
from ..notifications import coordinators_notify_later
from .transitions import event_record, transition_refusal, transition_run


def review_for(assignment: Assignment) -> Review:
    """The reviewer's review, created with one empty rating per standard on first use."""
    review, created = Review.objects.get_or_create(assignment=assignment)
    if created:
        standards = assignment.submission.standards_version.standards.all()
        StandardRating.objects.bulk_create(
            StandardRating(review=review, standard=standard) for standard in standards
        )
    return review


def review_save(*, assignment_id: int, user, ratings: dict, fields: dict, submit: bool) -> Review:
    """Save the reviewer's draft; with `submit`, lock it. `ratings` maps a standard's id to
    (rating, comment); the form has checked completeness before a submit."""
    with transaction.atomic():
        assignment = (
            Assignment.objects.select_for_update()
            .select_related("submission")
            .filter(pk=assignment_id, reviewer=user)
            .first()
        )
        if assignment is None:
            raise NotFound("No such assignment.")
        if assignment.status == Assignment.Status.SUBMITTED:
            raise Conflict("This review is submitted and can no longer change.")
        if assignment.status != Assignment.Status.ACCEPTED:
            raise Conflict("Accept the assignment before reviewing.")
        if assignment.submission.status != Status.IN_REVIEW:
            raise Conflict("This submission is not in review any more.")
        review = review_for(assignment)
        for rating in review.ratings.all():
            value, comment = ratings.get(rating.standard_id, (rating.rating, rating.comment))
            rating.rating, rating.comment = value, comment
            rating.save(update_fields=["rating", "comment"])
        for name, value in fields.items():
            setattr(review, name, value)
        if submit:
            review.submitted_at = timezone.now()
            assignment.status = Assignment.Status.SUBMITTED
            assignment.save(update_fields=["status"])
        review.save()
        if submit:
            event_record(submission=assignment.submission, user=user, action="review_submitted")
            reconciliation_open_when_complete(submission_id=assignment.submission_id, user=user)
    return review


def reconciliation_open_when_complete(*, submission_id: int, user) -> bool:
    """Move the submission to reconciliation if its panel is complete (the transition's own
    rule decides), and tell the coordinators. Runs inside the caller's transaction."""
    submission = Submission.objects.select_for_update().get(pk=submission_id)
    if transition_refusal(submission=submission, action="open_reconciliation", user=user):
        return False
    transition_run(submission=submission, action="open_reconciliation", user=user)
    coordinators_notify_later(submission, "reviews_complete")
    return True
