"""Expert review from panel to catalog: assignment, conflicts, scoring, reconciliation,
decisions, publication and expiry, driven through the screens people use."""

import datetime
import os
import re

import pytest
from django.test import Client
from django.utils import timezone

from curricula.models import CatalogPage, CurriculumPage
from review_workflow.models import (
    Assignment,
    AuditEvent,
    Decision,
    Rating,
    StandardsVersion,
    Submission,
)
from review_workflow.services.expiry import approvals_expire_due
from review_workflow.services.lifecycle import submission_transition
from tests.confirmation import confirm
from tests.review_workflow.conftest import HEALTH, LAW, make_reviewer

pytestmark = pytest.mark.django_db


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def assignment_of(submission, reviewer, round_number=None) -> Assignment:
    submission.refresh_from_db()
    round_number = round_number or submission.review_round
    return Assignment.objects.get(submission=submission, reviewer=reviewer, round=round_number)


def assign(coordinator, submission, *reviewers):
    due = (timezone.localdate() + datetime.timedelta(days=14)).isoformat()
    return as_user(coordinator).post(
        f"/admin/submissions/{submission.pk}/panel/",
        {"reviewers": [str(r.pk) for r in reviewers], "due_date": due},
    )


def respond(reviewer, assignment, answer, **extra):
    return as_user(reviewer).post(f"/admin/reviews/{assignment.pk}/", {"answer": answer, **extra})


def accept(reviewer, assignment):
    return respond(reviewer, assignment, "accept", no_conflict="on")


def review_data(
    submission, *, rating=Rating.MEETS, recommendation="approve", comment="Seen", **overrides
):
    data = {
        "strengths": "Strong scenarios.",
        "required_changes": "",
        "provider_comments": "Clear and well organised.",
        "confidential_comments": "CONFIDENTIAL-NOTE for the coordinator.",
        "recommendation": recommendation,
        "submit": "",
    }
    for standard in submission.standards_version.standards.all():
        data[f"rating_{standard.pk}"] = rating
        data[f"comment_{standard.pk}"] = f"{comment} in module 1 ({standard.code})."
    data.update(overrides)
    return data


def submit_review(reviewer, assignment, data):
    return as_user(reviewer).post(f"/admin/reviews/{assignment.pk}/", data)


def accept_and_review(submission, *reviewers):
    """Each reviewer accepts and submits a review rating every standard as met."""
    for reviewer in reviewers:
        accept(reviewer, assignment_of(submission, reviewer))
        submit_review(reviewer, assignment_of(submission, reviewer), review_data(submission))


def reconcile(coordinator, submission, data):
    return as_user(coordinator).post(f"/admin/submissions/{submission.pk}/reconcile/", data)


def issue(coordinator, submission):
    """Issue (or move on to sign-off) the decision through its confirmation page."""
    return confirm(as_user(coordinator), f"/admin/submissions/{submission.pk}/reconcile/issue/")


def consensus(submission, rating=Rating.MEETS, **per_code) -> dict:
    data = {"consensus": ""}
    for standard in submission.standards_version.standards.all():
        data[f"consensus_{standard.pk}"] = per_code.get(standard.code, rating)
        data[f"note_{standard.pk}"] = ""
    return data


def approve(coordinator, submission, capture):
    """Unanimous consensus and an approval, issued with its after-commit work run."""
    reconcile(coordinator, submission, consensus(submission))
    reconcile(coordinator, submission, {"draft": "", "outcome": "approved"})
    with capture(execute=True):
        issue(coordinator, submission)


def status_of(submission) -> str:
    submission.refresh_from_db()
    return submission.status


@pytest.fixture
def catalog(demo_site):
    return CatalogPage.objects.get()


def test_a_curriculum_goes_from_submission_through_review_to_the_catalog_and_out(
    catalog,
    accepted_submission,
    provider_a,
    coordinator,
    reviewers,
    smtp_server,
    django_capture_on_commit_callbacks,
):
    submission = accepted_submission
    officer, clinician, counsellor = (reviewers[k] for k in ("officer", "clinician", "counsellor"))
    provider = as_user(provider_a)
    with django_capture_on_commit_callbacks(execute=True):
        assert assign(coordinator, submission, officer, clinician).status_code == 302
    assert status_of(submission) == "in_review"
    assert {m.recipients[0] for m in smtp_server.received} >= {officer.email, clinician.email}

    # The clinician declares a conflict: the place is freed and the coordinator told.
    with django_capture_on_commit_callbacks(execute=True):
        response = respond(
            clinician,
            assignment_of(submission, clinician),
            "conflict",
            statement="I trained at this academy.",
        )
    assert response.status_code == 302
    assert smtp_server.to(coordinator.email)[-1].subject.startswith("Reviewer unavailable")
    with django_capture_on_commit_callbacks(execute=True):
        assert assign(coordinator, submission, counsellor).status_code == 302
    assert accept(officer, assignment_of(submission, officer)).status_code == 302
    assert accept(counsellor, assignment_of(submission, counsellor)).status_code == 302

    # Round 1: one required standard partly met; the panel asks for revisions.
    de1 = submission.standards_version.standards.get(code="DE-1")
    for reviewer in (officer, counsellor):
        data = review_data(
            submission,
            recommendation="revise",
            required_changes="Add a module on time and distance.",
            **{f"rating_{de1.pk}": Rating.PARTIALLY},
        )
        with django_capture_on_commit_callbacks(execute=True):
            assert (
                submit_review(reviewer, assignment_of(submission, reviewer), data).status_code
                == 302
            )
    assert status_of(submission) == "reconciliation"
    assert (
        reconcile(
            coordinator, submission, consensus(submission, **{"DE-1": "partially"})
        ).status_code
        == 302
    )
    reconcile(
        coordinator,
        submission,
        {
            "draft": "",
            "outcome": "revisions_requested",
            "required_changes": "Add a module on time and distance.",
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert issue(coordinator, submission).status_code == 302
    assert status_of(submission) == "revisions_requested"
    letter = smtp_server.to(provider_a.email)[-1]
    assert letter.subject.startswith("Decision: revisions requested")
    assert "Add a module on time and distance." in letter.body

    # The provider sees the letter, and neither reviewer names nor confidential comments.
    page = provider.get(f"/portal/submissions/{submission.pk}/").content.decode()
    assert "Add a module on time and distance." in page
    for secret in ("Officer", "Counsellor", "Clinician", "CONFIDENTIAL-NOTE", "trained at this"):
        assert secret not in page

    # The provider revises and resubmits: round 2 goes back to the same two reviewers.
    revised = provider.post(
        f"/portal/submissions/{submission.pk}/edit/assessment/",
        {
            "assessment_methods": "Pre- and post-tests; time, distance and cover observed.",
            "has_pre_post_tests": "on",
            "instructor_qualifications": "Certified instructors with field experience.",
            "evidence_of_effectiveness": "An evaluation with a comparison group.",
        },
    )
    assert revised.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = provider.post(
            f"/portal/submissions/{submission.pk}/edit/review/",
            {"certify": "on", "certified_by_name": "Pat Provider"},
        )
    assert response.status_code == 302
    assert status_of(submission) == "in_review" and submission.review_round == 2
    assert set(
        submission.assignments.filter(round=2).values_list("reviewer__username", flat=True)
    ) == {
        "officer",
        "counsellor",
    }
    assert "has revised the curriculum you reviewed" in smtp_server.to(officer.email)[-1].body
    form = as_user(officer).get(f"/admin/reviews/{assignment_of(submission, officer).pk}/")
    assert "time, distance and cover" in form.content.decode()  # the changes are shown
    assert "How learning is assessed" in form.content.decode()  # under the provider's label
    for reviewer in (officer, counsellor):
        with django_capture_on_commit_callbacks(execute=True):
            submit_review(reviewer, assignment_of(submission, reviewer), review_data(submission))
    assert status_of(submission) == "reconciliation"

    # Approval publishes the curriculum in the catalog and its API.
    assert reconcile(coordinator, submission, consensus(submission)).status_code == 302
    drafted = reconcile(
        coordinator, submission, {"draft": "", "outcome": "approved", "feedback": "Well done."}
    )
    assert drafted.status_code == 302, drafted.content.decode()[-3000:]
    with django_capture_on_commit_callbacks(execute=True):
        issued = issue(coordinator, submission)
    assert issued.status_code == 302
    assert status_of(submission) == "approved"
    entry = CurriculumPage.objects.get(pk=submission.catalog_page_id)
    assert entry.live and entry.title == "Calm Contact"
    assert entry.standards_version == submission.standards_version.name
    assert entry.expiry_date == submission.expires_on
    assert (submission.expires_on - timezone.localdate()).days in {1095, 1096}
    anonymous = Client()
    assert "Calm Contact" in anonymous.get("/catalog/").content.decode()
    api = anonymous.get("/api/v2/catalog/", {"q": "Calm"}).json()
    assert [item["title"] for item in api["results"]] == ["Calm Contact"]
    assert smtp_server.to(provider_a.email)[-1].subject == "Decision: “Calm Contact” is approved"

    # Once the expiry date has passed, the approval expires and the entry leaves the catalog.
    Submission.objects.filter(pk=submission.pk).update(
        expires_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        approvals_expire_due()
    assert status_of(submission) == "expired"
    assert not CurriculumPage.objects.get(pk=entry.pk).live
    assert "Calm Contact" not in anonymous.get("/catalog/").content.decode()
    assert anonymous.get("/api/v2/catalog/", {"q": "Calm"}).json()["results"] == []
    expiry = submission.audit_events.get(action="expire")
    assert expiry.actor is None and expiry.actor_name.startswith("The platform")


def test_an_affiliated_reviewer_cannot_be_assigned(
    accepted_submission, coordinator, reviewers, org_a
):
    insider = make_reviewer("insider", HEALTH, affiliations=[org_a])
    response = assign(coordinator, accepted_submission, reviewers["officer"], insider)
    assert response.status_code == 400
    assert "affiliated with Academy A" in response.content.decode()
    assert not Assignment.objects.exists()
    assert status_of(accepted_submission) == "accepted_for_review"
    suggestions = as_user(coordinator).get(f"/admin/submissions/{accepted_submission.pk}/panel/")
    assert f'value="{insider.pk}"' not in suggestions.content.decode()


def test_a_panel_needs_both_kinds_of_expertise(accepted_submission, coordinator, reviewers):
    response = assign(
        coordinator, accepted_submission, reviewers["clinician"], reviewers["counsellor"]
    )
    assert response.status_code == 400
    assert "Law enforcement practice" in response.content.decode()
    assert status_of(accepted_submission) == "accepted_for_review"


def test_suggestions_rank_missing_expertise_then_lightest_load(
    accepted_submission, coordinator, reviewers
):
    from review_workflow.selectors.reviews import reviewer_suggestions

    assign(coordinator, accepted_submission, reviewers["officer"], reviewers["clinician"])
    respond(
        reviewers["clinician"],
        assignment_of(accepted_submission, reviewers["clinician"]),
        "decline",
    )
    make_reviewer("second-officer", LAW)
    names = [str(s.profile) for s in reviewer_suggestions(accepted_submission)]
    # Mental health is missing again: the counsellor brings it and comes first.
    assert names[0] == "Counsellor Reviewer"


def test_a_reviewer_cannot_open_materials_before_declaring_no_conflict(
    accepted_submission, coordinator, reviewers
):
    officer = reviewers["officer"]
    assign(coordinator, accepted_submission, officer, reviewers["clinician"])
    token = accepted_submission.materials.get().token
    assignment = assignment_of(accepted_submission, officer)
    client = as_user(officer)
    assert client.get(f"/portal/materials/{token}/").status_code == 404
    screen = client.get(f"/admin/reviews/{assignment.pk}/").content.decode()
    assert token not in screen and "declare" in screen
    refused = respond(officer, assignment, "accept")  # without the declaration
    assert refused.status_code == 400
    assert client.get(f"/portal/materials/{token}/").status_code == 404
    accept(officer, assignment)
    assert client.get(f"/portal/materials/{token}/").status_code == 200
    assert token in client.get(f"/admin/reviews/{assignment.pk}/").content.decode()


def test_reviewers_see_each_others_scores_only_after_submitting(
    accepted_submission, coordinator, reviewers
):
    officer, clinician = reviewers["officer"], reviewers["clinician"]
    assign(coordinator, accepted_submission, officer, clinician)
    for reviewer in (officer, clinician):
        accept(reviewer, assignment_of(accepted_submission, reviewer))
    officers_review = review_data(
        accepted_submission,
        comment="OFFICER-SCORE",
        confidential_comments="OFFICER-SECRET",
    )
    submit_review(officer, assignment_of(accepted_submission, officer), officers_review)
    clinician_url = f"/admin/reviews/{assignment_of(accepted_submission, clinician).pk}/"
    before = as_user(clinician).get(clinician_url).content.decode()
    assert "OFFICER-SCORE" not in before
    submit_review(
        clinician, assignment_of(accepted_submission, clinician), review_data(accepted_submission)
    )
    after = as_user(clinician).get(clinician_url).content.decode()
    assert "OFFICER-SCORE" in after
    assert "OFFICER-SECRET" not in after  # confidential comments are for the coordinator


def test_a_submitted_review_is_locked_and_an_incomplete_one_refused(
    accepted_submission, coordinator, reviewers
):
    officer = reviewers["officer"]
    assign(coordinator, accepted_submission, officer, reviewers["clinician"])
    assignment = assignment_of(accepted_submission, officer)
    accept(officer, assignment)
    de1 = accepted_submission.standards_version.standards.get(code="DE-1")
    incomplete = review_data(
        accepted_submission, **{f"rating_{de1.pk}": Rating.NOT_APPLICABLE, f"comment_{de1.pk}": ""}
    )
    response = submit_review(officer, assignment, incomplete)
    assert response.status_code == 400
    assert "Say why DE-1 does not apply" in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.status == "accepted"
    draft = review_data(accepted_submission, strengths="Draft thoughts.")
    del draft["submit"]
    submit_review(officer, assignment, {**draft, "save": ""})
    assert (
        assignment.review.strengths == "Draft thoughts." and assignment.review.submitted_at is None
    )
    submit_review(officer, assignment, review_data(accepted_submission))
    again = submit_review(
        officer, assignment, review_data(accepted_submission, strengths="Changed.")
    )
    assert again.status_code == 409
    assignment.review.refresh_from_db()
    assert assignment.review.strengths == "Strong scenarios."


@pytest.fixture
def in_reconciliation(accepted_submission, coordinator, reviewers):
    officer, clinician = reviewers["officer"], reviewers["clinician"]
    assign(coordinator, accepted_submission, officer, clinician)
    accept_and_review(accepted_submission, officer, clinician)
    assert status_of(accepted_submission) == "reconciliation"
    return accepted_submission


def test_approval_with_an_unmet_required_standard_needs_a_justification(
    demo_site, in_reconciliation, coordinator, django_capture_on_commit_callbacks
):
    submission = in_reconciliation
    reconcile(coordinator, submission, consensus(submission, **{"CR-1": "not_met"}))
    refused = reconcile(coordinator, submission, {"draft": "", "outcome": "approved"})
    assert refused.status_code == 400
    assert "CR-1" in refused.content.decode()
    assert not Decision.objects.exists()
    reconcile(
        coordinator,
        submission,
        {
            "draft": "",
            "outcome": "approved",
            "override_justification": "CR-1 is covered by the state's CIT course.",
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        issue(coordinator, submission)
    assert status_of(submission) == "approved"
    override = submission.audit_events.get(action="decision_override")
    assert override.actor == coordinator and "state's CIT course" in override.note


def test_a_second_coordinator_signs_off_when_the_setting_asks(
    demo_site, in_reconciliation, coordinator, settings, django_capture_on_commit_callbacks
):
    from review_workflow.core.permissions import COORDINATOR
    from tests.review_workflow.conftest import make_user

    settings.REVIEW_DECISION_SIGN_OFF = True
    second = make_user("second-coordinator", group=COORDINATOR)
    submission = in_reconciliation
    approve(coordinator, submission, django_capture_on_commit_callbacks)
    assert Decision.objects.get().stage == "awaiting_sign_off"
    assert issue(coordinator, submission).status_code == 403
    assert status_of(submission) == "reconciliation"
    with django_capture_on_commit_callbacks(execute=True):
        issue(second, submission)
    decision = Decision.objects.get()
    assert decision.stage == "final" and decision.signed_off_by == second
    assert status_of(submission) == "approved"


def test_concurrent_decisions_on_one_submission_produce_exactly_one(
    demo_site, in_reconciliation, coordinator
):
    from review_workflow.core.errors import WorkflowError
    from review_workflow.http import status_for
    from review_workflow.services.decisions import decision_draft, decision_issue

    submission = in_reconciliation
    reconcile(coordinator, submission, consensus(submission))
    decision_draft(submission_id=submission.pk, user=coordinator, outcome="approved")
    decision_issue(submission_id=submission.pk, user=coordinator, expected_round=1)
    # A second coordinator, on a page loaded before the first decision, decides otherwise.
    with pytest.raises(WorkflowError) as refused:
        decision_draft(
            submission_id=submission.pk, user=coordinator, outcome="not_approved", feedback="No."
        )
    assert status_for(refused.value) == 409
    with pytest.raises(WorkflowError):
        decision_issue(submission_id=submission.pk, user=coordinator, expected_round=1)
    assert Decision.objects.filter(stage="final").count() == 1
    assert status_of(submission) == "approved"
    assert AuditEvent.objects.filter(submission=submission, action="approve").count() == 1


def test_suspension_takes_the_entry_out_of_the_catalog_at_once(
    demo_site, in_reconciliation, coordinator, django_capture_on_commit_callbacks
):
    submission = in_reconciliation
    approve(coordinator, submission, django_capture_on_commit_callbacks)
    assert "Calm Contact" in Client().get("/catalog/").content.decode()
    client = as_user(coordinator)
    suspend = f"/admin/submissions/{submission.pk}/action/suspend/"
    assert confirm(client, suspend).status_code == 400  # a reason is required
    with django_capture_on_commit_callbacks(execute=True):
        confirm(client, suspend, note="Complaint under review.")
    assert status_of(submission) == "suspended"
    assert "Calm Contact" not in Client().get("/catalog/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        confirm(
            client,
            f"/admin/submissions/{submission.pk}/action/revoke/",
            note="Content found inaccurate.",
        )
    assert status_of(submission) == "revoked"
    assert not CurriculumPage.objects.get(pk=submission.catalog_page_id).live


def test_expiry_warnings_go_once_at_90_and_30_days(
    demo_site,
    in_reconciliation,
    coordinator,
    provider_a,
    smtp_server,
    django_capture_on_commit_callbacks,
):
    from review_workflow.services.expiry import expiry_warnings_send

    submission = in_reconciliation
    approve(coordinator, submission, django_capture_on_commit_callbacks)
    submission.refresh_from_db()
    day = submission.expires_on
    assert expiry_warnings_send(today=day - datetime.timedelta(days=91)) == 0
    assert expiry_warnings_send(today=day - datetime.timedelta(days=90)) == 1
    assert expiry_warnings_send(today=day - datetime.timedelta(days=89)) == 0
    assert expiry_warnings_send(today=day - datetime.timedelta(days=30)) == 1
    assert expiry_warnings_send(today=day - datetime.timedelta(days=10)) == 0
    warnings = [m for m in smtp_server.to(provider_a.email) if "expires in" in m.subject]
    assert [m.subject.split("expires in ")[1] for m in warnings] == ["90 days", "30 days"]


def test_recertification_starts_from_a_copy_and_updates_the_same_entry(
    demo_site,
    in_reconciliation,
    coordinator,
    provider_a,
    reviewers,
    django_capture_on_commit_callbacks,
):
    submission = in_reconciliation
    approve(coordinator, submission, django_capture_on_commit_callbacks)
    submission.refresh_from_db()
    response = as_user(provider_a).post(f"/portal/submissions/{submission.pk}/recertify/")
    copy = submission.recertifications.get()
    assert response.status_code == 302 and copy.status == "draft"
    assert copy.title == submission.title and copy.modules.count() == 2
    assert copy.materials.get().sha256 == submission.materials.get().sha256
    assert copy.self_assessments.count() == StandardsVersion.current().standards.count()
    # Through review again, its approval updates the existing catalog entry.
    entries = CurriculumPage.objects.count()
    copy.certified_by_name, copy.certified_at = "Pat Provider", timezone.now()
    copy.save()
    for action, user in [
        ("submit", provider_a),
        ("start_screening", coordinator),
        ("accept_for_review", coordinator),
    ]:
        submission_transition(submission_id=copy.pk, action=action, user=user)
    assign(coordinator, copy, reviewers["officer"], reviewers["clinician"])
    accept_and_review(copy, reviewers["officer"], reviewers["clinician"])
    approve(coordinator, copy, django_capture_on_commit_callbacks)
    copy.refresh_from_db()
    assert copy.catalog_page_id == submission.catalog_page_id
    assert CurriculumPage.objects.count() == entries


def test_review_screens_refuse_people_outside_the_review(
    accepted_submission, coordinator, reviewers, provider_a
):
    officer, clinician = reviewers["officer"], reviewers["clinician"]
    assign(coordinator, accepted_submission, officer, clinician)
    officers = assignment_of(accepted_submission, officer)
    # Another reviewer gets a 404 for an assignment that is not theirs.
    assert as_user(clinician).get(f"/admin/reviews/{officers.pk}/").status_code == 404
    # Reviewers and providers cannot reach the coordinator's screens.
    for user in (officer, provider_a):
        client = as_user(user)
        for screen in ("panel", "reconcile"):
            assert client.get(
                f"/admin/submissions/{accepted_submission.pk}/{screen}/"
            ).status_code in {302, 403}


@pytest.fixture
def server_database(transactional_db):
    """Real concurrency needs a server database (SQLite serialises whole transactions), and
    a transactional test starts from an emptied database: the seeded data is put back."""
    from django.apps import apps
    from django.db import connection

    from pages.demo import site_essentials_ensure
    from review_workflow.seed import workflow_essentials_ensure

    assert connection.vendor == "postgresql"
    site_essentials_ensure()
    workflow_essentials_ensure(apps)


# Skipped before the database is set up: a transactional test's teardown empties the database,
# and serialized_rollback restores what migrations loaded for the tests after it.
@pytest.mark.skipif(
    "postgres" not in os.environ.get("DATABASE_URL", ""),
    reason="needs PostgreSQL, as CI's second run provides",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_coordinators_issuing_at_the_same_moment_make_one_decision(
    server_database, demo_site, accepted_submission, coordinator, reviewers
):
    import threading

    from django.db import connections

    from review_workflow.core.errors import WorkflowError
    from review_workflow.core.permissions import COORDINATOR
    from review_workflow.http import status_for
    from review_workflow.services.decisions import decision_draft, decision_issue
    from tests.review_workflow.conftest import make_user

    submission = accepted_submission
    officer, clinician = reviewers["officer"], reviewers["clinician"]
    assign(coordinator, submission, officer, clinician)
    accept_and_review(submission, officer, clinician)
    reconcile(coordinator, submission, consensus(submission))
    decision_draft(submission_id=submission.pk, user=coordinator, outcome="approved")
    second = make_user("second-coordinator", group=COORDINATOR)
    start = threading.Barrier(2)
    outcomes = []

    def issue(user):
        start.wait()
        try:
            decision_issue(submission_id=submission.pk, user=user, expected_round=1)
            outcomes.append("issued")
        except WorkflowError as refused:
            outcomes.append(status_for(refused))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(user,)) for user in (coordinator, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes, key=str) == [409, "issued"]
    assert Decision.objects.filter(stage="final").count() == 1
    assert AuditEvent.objects.filter(submission=submission, action="approve").count() == 1
    assert CurriculumPage.objects.filter(title="Calm Contact").count() == 1


def test_materials_close_to_reviewers_when_the_review_ends(
    demo_site, in_reconciliation, coordinator, reviewers, django_capture_on_commit_callbacks
):
    token = in_reconciliation.materials.get().token
    officer = as_user(reviewers["officer"])
    assert officer.get(f"/portal/materials/{token}/").status_code == 200
    approve(coordinator, in_reconciliation, django_capture_on_commit_callbacks)
    assert officer.get(f"/portal/materials/{token}/").status_code == 404


def test_a_withdrawn_submission_frees_its_reviewers(accepted_submission, coordinator, reviewers):
    from review_workflow.selectors.reviews import open_load

    assign(coordinator, accepted_submission, reviewers["officer"], reviewers["clinician"])
    assert open_load() == {reviewers["officer"].pk: 1, reviewers["clinician"].pk: 1}
    submission_transition(
        submission_id=accepted_submission.pk,
        action="withdraw",
        user=accepted_submission.organization.members.get().user,
    )
    assert open_load() == {}


@pytest.mark.parametrize(
    "data",
    [
        {"consensus": "", "consensus_abc": "meets"},
        {"consensus": "", "consensus_999999": "meets"},
        {"consensus": "", "consensus_1": "excellent"},
        {"draft": "", "outcome": "maybe"},
        {"nothing": ""},
    ],
)
def test_bad_input_on_the_reconciliation_screen_is_refused_cleanly(
    in_reconciliation, coordinator, data
):
    before = AuditEvent.objects.count()
    response = reconcile(coordinator, in_reconciliation, data)
    assert response.status_code == 400
    assert AuditEvent.objects.count() == before
    assert status_of(in_reconciliation) == "reconciliation"


@pytest.mark.parametrize(
    "data",
    [
        {"reviewers": ["abc"], "due_date": "2030-01-01"},
        {"reviewers": [], "due_date": "2030-01-01"},
        {"due_date": "not a date"},
        {"reviewers": ["1"], "due_date": "2000-01-01"},
    ],
)
def test_bad_input_on_the_panel_screen_is_refused_cleanly(
    accepted_submission, coordinator, reviewers, data
):
    if data.get("reviewers") == ["1"]:
        data = {
            **data,
            "reviewers": [str(reviewers["officer"].pk), str(reviewers["clinician"].pk)],
        }
    response = as_user(coordinator).post(
        f"/admin/submissions/{accepted_submission.pk}/panel/", data
    )
    assert response.status_code == 400
    assert not Assignment.objects.exists()


def manage(coordinator, submission, assignment, **data):
    return as_user(coordinator).post(
        f"/admin/submissions/{submission.pk}/panel/", {"assignment": assignment.pk, **data}
    )


def test_a_silent_reviewer_is_removed_and_replaced(accepted_submission, coordinator, reviewers):
    officer, clinician = reviewers["officer"], reviewers["clinician"]
    assign(coordinator, accepted_submission, officer, clinician)
    silent = assignment_of(accepted_submission, clinician)
    refused = manage(coordinator, accepted_submission, silent, change="remove", reason=" ")
    assert refused.status_code == 400
    assert (
        manage(
            coordinator,
            accepted_submission,
            silent,
            change="remove",
            reason="No answer in two weeks.",
        ).status_code
        == 302
    )
    silent.refresh_from_db()
    assert silent.status == "removed"
    assert (
        as_user(clinician)
        .get(f"/portal/materials/{accepted_submission.materials.get().token}/")
        .status_code
        == 404
    )
    event = accepted_submission.audit_events.get(action="assignment_removed")
    assert event.actor == coordinator and "No answer in two weeks." in event.note
    assert assign(coordinator, accepted_submission, reviewers["counsellor"]).status_code == 302
    again = manage(coordinator, accepted_submission, silent, change="remove", reason="Twice.")
    assert again.status_code == 409


def test_removing_the_last_unfinished_reviewer_moves_to_reconciliation(
    accepted_submission, coordinator, reviewers, settings
):
    officer, clinician, counsellor = (reviewers[k] for k in ("officer", "clinician", "counsellor"))
    assign(coordinator, accepted_submission, officer, clinician, counsellor)
    accept_and_review(accepted_submission, officer, clinician)
    assert status_of(accepted_submission) == "in_review"
    manage(
        coordinator,
        accepted_submission,
        assignment_of(accepted_submission, counsellor),
        change="remove",
        reason="Unavailable.",
    )
    assert status_of(accepted_submission) == "reconciliation"


def test_a_due_date_is_moved_and_reminders_start_over(accepted_submission, coordinator, reviewers):
    assign(coordinator, accepted_submission, reviewers["officer"], reviewers["clinician"])
    assignment = assignment_of(accepted_submission, reviewers["officer"])
    later = (timezone.localdate() + datetime.timedelta(days=40)).isoformat()
    assert (
        manage(
            coordinator, accepted_submission, assignment, change="due_date", due_date=later
        ).status_code
        == 302
    )
    assignment.refresh_from_db()
    assert assignment.due_date.isoformat() == later
    past = manage(
        coordinator, accepted_submission, assignment, change="due_date", due_date="2001-01-01"
    )
    assert past.status_code == 400
    missing = manage(coordinator, accepted_submission, assignment, change="due_date")
    assert missing.status_code == 400
    reviewer = as_user(reviewers["officer"])
    assert reviewer.post(
        f"/admin/submissions/{accepted_submission.pk}/panel/",
        {"assignment": assignment.pk, "change": "remove", "reason": "x"},
    ).status_code in {302, 403}
    assignment.refresh_from_db()
    assert assignment.status == "invited"


def test_coordinators_keep_the_reviewer_register_with_open_loads(
    accepted_submission, coordinator, reviewers
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assign(coordinator, accepted_submission, reviewers["officer"], reviewers["clinician"])
    make_reviewer("idle", LAW)
    client = as_user(coordinator)

    def register():
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/admin/review_workflow/reviewerprofile/")
        assert page.status_code == 200
        return page.content.decode(), len(queries)

    register()  # the first request of a session warms caches of its own
    page, queries = register()
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", page, re.S)
    loads = {
        # Capacity (3), then the open assignments, end the row's text.
        name: re.sub(r"<[^>]+>|\s", "", row).endswith(f"3{load}")
        for row in rows
        for name, load in (("Officer Reviewer", 1), ("Idle Reviewer", 0))
        if name in row
    }
    assert loads == {"Officer Reviewer": True, "Idle Reviewer": True}
    for n in range(3):
        make_reviewer(f"extra{n}", HEALTH)
    assert register()[1] == queries  # the loads are counted in one query, not one per row
    assert reviewers["officer"].groups.filter(name="Reviewer").exists()  # the profile gives it
    officer = as_user(reviewers["officer"])
    assert officer.get("/admin/review_workflow/reviewerprofile/").status_code in {302, 403}
