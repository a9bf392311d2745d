"""Appeals brought into each of their states through the services people's screens call."""

from review_workflow.core.states import AppealStatus, Status
from review_workflow.models import Appeal, AppealAssignment
from review_workflow.services.appeals import (
    appeal_assignment_respond,
    appeal_decide,
    appeal_draft_save,
    appeal_findings_submit,
    appeal_lodge,
    appeal_reviewers_assign,
)

from .conftest import HEALTH, LAW, make_reviewer
from .states import People, submission_in


class AppealPeople(People):
    """Everyone of `People`, and two reviewers who were on no panel of the submission."""

    def __init__(self):
        super().__init__()
        self.arbiter = make_reviewer("arbiter", HEALTH, LAW)


def _draft(people, decided=Status.NOT_APPROVED):
    submission = submission_in(decided, people)
    return appeal_draft_save(
        submission_id=submission.pk,
        user=people.provider_a,
        grounds="The panel overlooked module 3, which covers standard 4 in full.",
    )


def _lodged(people, decided=Status.NOT_APPROVED):
    appeal = _draft(people, decided)
    return appeal_lodge(appeal_id=appeal.pk, user=people.provider_a, expected_status="draft")


def panel_accepts(people, appeal):
    """The outsider and the arbiter are assigned and both accept, declaring no conflict."""
    appeal_reviewers_assign(
        appeal_id=appeal.pk,
        reviewer_ids=[people.outsider.pk, people.arbiter.pk],
        user=people.coordinator,
    )
    for reviewer in (people.outsider, people.arbiter):
        place = AppealAssignment.objects.get(appeal=appeal, reviewer=reviewer)
        appeal_assignment_respond(
            assignment_id=place.pk, user=reviewer, answer="accept", no_conflict=True
        )
    appeal.refresh_from_db()
    return appeal


def findings_in(people, appeal, recommendation="overturn"):
    for reviewer in (people.outsider, people.arbiter):
        place = AppealAssignment.objects.get(appeal=appeal, reviewer=reviewer)
        appeal_findings_submit(
            assignment_id=place.pk,
            user=reviewer,
            recommendation=recommendation,
            findings="Module 3 does cover standard 4.",
        )
    appeal.refresh_from_db()
    return appeal


def _in_review(people, decided=Status.NOT_APPROVED):
    return panel_accepts(people, _lodged(people, decided))


def _decided(people, action, decided=Status.NOT_APPROVED):
    appeal = findings_in(people, _in_review(people, decided))
    return appeal_decide(
        appeal_id=appeal.pk,
        user=people.coordinator,
        action=action,
        reasons="The panel found that module 3 meets standard 4.",
        expected_status=AppealStatus.IN_REVIEW,
    )


BUILDERS = {
    AppealStatus.DRAFT: _draft,
    AppealStatus.APPEALED: _lodged,
    AppealStatus.IN_REVIEW: _in_review,
    AppealStatus.UPHELD: lambda p, d=Status.NOT_APPROVED: _decided(p, "uphold", d),
    AppealStatus.OVERTURNED: lambda p, d=Status.NOT_APPROVED: _decided(p, "overturn", d),
}


def appeal_in(state: str, people: AppealPeople, decided=Status.NOT_APPROVED) -> Appeal:
    """An appeal by Academy A of a decision (`decided`), brought to `state`."""
    appeal = BUILDERS[state](people, decided)
    appeal.refresh_from_db()
    assert appeal.status == state, (appeal.status, state)
    return appeal
