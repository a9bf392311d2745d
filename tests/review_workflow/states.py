"""Submissions brought into each state of the lifecycle through the services people's screens
call, for tests that try every door in every state."""

import datetime

from django.utils import timezone
from wagtail.models import Site

from curricula.models import CatalogPage
from review_workflow.core.permissions import (
    ADMINISTRATOR,
    COMMUNICATIONS_EDITOR,
    COORDINATOR,
    PROVIDER,
)
from review_workflow.core.states import Status
from review_workflow.models import Assignment, Decision, Rating, Submission
from review_workflow.services.decisions import consensus_record, decision_draft, decision_issue
from review_workflow.services.expiry import approvals_expire_due
from review_workflow.services.lifecycle import submission_transition
from review_workflow.services.panel import assignment_respond, reviewers_assign
from review_workflow.services.recertification import recertification_start
from review_workflow.services.reviews import review_save
from review_workflow.services.submissions import submission_create

from .conftest import HEALTH, LAW, fill_complete, make_organization, make_reviewer, make_user


class People:
    """Everyone who might knock at a door: one of each role (and a catalog to publish in)."""

    def __init__(self):
        site_root = Site.objects.get(is_default_site=True).root_page
        site_root.add_child(instance=CatalogPage(title="Catalog", slug="catalog"))
        self.org_a = make_organization("Academy A")
        self.org_b = make_organization("Academy B")
        self.provider_a = make_user("provider-a", group=PROVIDER, organization=self.org_a)
        self.provider_b = make_user("provider-b", group=PROVIDER, organization=self.org_b)
        self.coordinator = make_user("coordinator", group=COORDINATOR)
        self.editor = make_user("editor", group=COMMUNICATIONS_EDITOR)
        self.administrator = make_user("administrator", group=ADMINISTRATOR)
        self.officer = make_reviewer("officer", LAW)
        self.clinician = make_reviewer("clinician", HEALTH)
        self.outsider = make_reviewer("outsider", LAW, HEALTH)


def move(submission, action, user, note=""):
    submission_transition(submission_id=submission.pk, action=action, user=user, note=note)
    submission.refresh_from_db()
    return submission


def _draft(people, title="Calm Contact"):
    submission = submission_create(organization=people.org_a, user=people.provider_a, title=title)
    return fill_complete(submission, people.provider_a)


def _accepted(people, submission=None):
    submission = submission or _draft(people)
    move(submission, "submit", people.provider_a)
    move(submission, "start_screening", people.coordinator)
    return move(submission, "accept_for_review", people.coordinator)


def _in_review(people, submission=None):
    submission = _accepted(people, submission)
    reviewers_assign(
        submission_id=submission.pk,
        reviewer_ids=[people.officer.pk, people.clinician.pk],
        user=people.coordinator,
    )
    submission.refresh_from_db()
    return submission


def _reconciliation(people, submission=None):
    return reviews_submitted(people, _in_review(people, submission))


def reviews_submitted(people, submission):
    """The officer and the clinician accept (if asked) and submit reviews meeting every standard."""
    submission.refresh_from_db()
    standards = list(submission.standards_version.standards.all())
    for reviewer in (people.officer, people.clinician):
        assignment = Assignment.objects.get(
            submission=submission, reviewer=reviewer, round=submission.review_round
        )
        if assignment.status == Assignment.Status.INVITED:
            assignment_respond(
                assignment_id=assignment.pk, user=reviewer, answer="accept", no_conflict=True
            )
        review_save(
            assignment_id=assignment.pk,
            user=reviewer,
            ratings={standard.pk: (Rating.MEETS, "Seen.") for standard in standards},
            fields={"recommendation": "approve", "provider_comments": "Clear."},
            submit=True,
        )
    submission.refresh_from_db()
    return submission


def decide(people, submission, outcome, **texts):
    """Record a unanimous consensus, then draft and issue the decision."""
    standards = submission.standards_version.standards.all()
    consensus_record(
        submission_id=submission.pk,
        user=people.coordinator,
        entries={standard.pk: (Rating.MEETS, "") for standard in standards},
    )
    decision_draft(submission_id=submission.pk, user=people.coordinator, outcome=outcome, **texts)
    decision_issue(submission_id=submission.pk, user=people.coordinator)
    submission.refresh_from_db()
    return submission


def _approved(people, submission=None):
    return decide(people, _reconciliation(people, submission), Decision.Outcome.APPROVED)


def _expired(people):
    submission = _approved(people)
    Submission.objects.filter(pk=submission.pk).update(
        expires_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    approvals_expire_due()
    submission.refresh_from_db()
    return submission


def _superseded(people):
    earlier = _approved(people)
    recertification = recertification_start(submission=earlier, user=people.provider_a)
    recertification.certified_by_name = "Pat Provider"
    recertification.certified_at = timezone.now()
    recertification.save()
    _approved(people, recertification)
    earlier.refresh_from_db()
    return earlier


BUILDERS = {
    Status.DRAFT: _draft,
    Status.SUBMITTED: lambda p: move(_draft(p), "submit", p.provider_a),
    Status.SCREENING: lambda p: move(
        move(_draft(p), "submit", p.provider_a), "start_screening", p.coordinator
    ),
    Status.RETURNED: lambda p: move(
        move(move(_draft(p), "submit", p.provider_a), "start_screening", p.coordinator),
        "return_to_provider",
        p.coordinator,
        note="Add the module outline.",
    ),
    Status.ACCEPTED_FOR_REVIEW: _accepted,
    Status.IN_REVIEW: _in_review,
    Status.RECONCILIATION: _reconciliation,
    Status.REVISIONS_REQUESTED: lambda p: decide(
        p,
        _reconciliation(p),
        Decision.Outcome.REVISIONS_REQUESTED,
        required_changes="Add the follow-up assessment.",
    ),
    Status.APPROVED: _approved,
    Status.NOT_APPROVED: lambda p: decide(
        p, _reconciliation(p), Decision.Outcome.NOT_APPROVED, feedback="Too short."
    ),
    Status.EXPIRED: _expired,
    Status.SUSPENDED: lambda p: move(_approved(p), "suspend", p.coordinator, note="Complaint."),
    Status.REVOKED: lambda p: move(_approved(p), "revoke", p.coordinator, note="Fraud."),
    Status.WITHDRAWN: lambda p: move(_draft(p), "withdraw", p.provider_a),
    Status.SUPERSEDED: _superseded,
}


def submission_in(state: str, people: People) -> Submission:
    """A submission of Academy A brought to `state` the way people would bring it there."""
    submission = BUILDERS[state](people)
    assert submission.status == state, (submission.status, state)
    return submission
