"""Appeals driven through the real screens: the provider's form and confirmation in the
portal, the coordinator's panel and outcome in the admin, the panel's own screens; the window,
the panel rules, the letters, and what the provider never sees."""

import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from curricula.models import CurriculumPage
from review_workflow.core.errors import Invalid
from review_workflow.core.states import AppealStatus, Status
from review_workflow.models import Appeal, AppealAssignment, AuditEvent, EmailTemplate
from review_workflow.selectors.oversight import oversight_dashboard
from review_workflow.services.appeals import (
    appeal_draft_save,
    appeal_lodge,
    appeal_reviewers_assign,
)
from review_workflow.services.panel import assignment_respond, reviewers_assign
from review_workflow.tasks import appeal_reminders_send
from tests.confirmation import confirmation_form

from .appeals import AppealPeople, appeal_in, findings_in, panel_accepts
from .conftest import HEALTH, docx_upload, make_reviewer, pdf_upload
from .states import decide, reviews_submitted, submission_in

pytestmark = pytest.mark.django_db

GROUNDS = "The panel overlooked module 3, which covers standard 4 in full."


@pytest.fixture
def people(db):
    return AppealPeople()


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def appeal_form(client, submission, **fields):
    data = {"grounds": GROUNDS, "file": "", **fields}
    return client.post(f"/portal/submissions/{submission.pk}/appeal/", data)


def lodge_through_the_portal(people, submission, capture):
    """The provider fills in the appeal form, then confirms it on its own page."""
    provider = as_user(people.provider_a)
    detail = provider.get(f"/portal/submissions/{submission.pk}/").content.decode()
    assert "Appeal this decision" in detail
    saved = appeal_form(provider, submission, file=pdf_upload("evidence.pdf"))
    assert saved.status_code == 302, saved.content.decode()[:800]
    lodge_url = f"/portal/submissions/{submission.pk}/appeal/lodge/"
    assert saved.url == lodge_url
    assert Appeal.objects.get().status == AppealStatus.DRAFT  # nothing lodged yet
    page = provider.get(lodge_url).content.decode()
    assert "cannot be withdrawn or changed once lodged" in page and "evidence.pdf" in page
    action, fields = confirmation_form(page)
    with capture(execute=True):
        lodged = provider.post(action, fields)
    assert lodged.status_code == 302
    replay = provider.post(action, fields)
    assert replay.status_code == 409
    appeal = Appeal.objects.get()
    assert appeal.status == AppealStatus.APPEALED
    assert AuditEvent.objects.filter(appeal=appeal, action="appeal_lodge").count() == 1
    return appeal


def panel_through_the_admin(people, appeal, capture):
    """The coordinator forms the panel; both reviewers accept, declaring no conflict, and
    send their findings, all on their own screens."""
    coordinator = as_user(people.coordinator)
    url = f"/admin/appeals/{appeal.pk}/"
    due = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    with capture(execute=True):
        assigned = coordinator.post(
            url, {"reviewers": [str(people.outsider.pk), str(people.arbiter.pk)], "due_date": due}
        )
    assert assigned.status_code == 302
    for reviewer in (people.outsider, people.arbiter):
        place = AppealAssignment.objects.get(appeal=appeal, reviewer=reviewer)
        client = as_user(reviewer)
        before = client.get(f"/admin/appeal-reviews/{place.pk}/").content.decode()
        assert GROUNDS not in before and "evidence.pdf" not in before
        assert client.get(f"/admin/appeal-reviews/{place.pk}/supporting-file/").status_code == 404
        refused = client.post(f"/admin/appeal-reviews/{place.pk}/", {"answer": "accept"})
        assert refused.status_code == 400
        with capture(execute=True):
            accepted = client.post(
                f"/admin/appeal-reviews/{place.pk}/",
                {"answer": "accept", "no_conflict": "on", "statement": ""},
            )
        assert accepted.status_code == 302
        after = client.get(f"/admin/appeal-reviews/{place.pk}/").content.decode()
        assert GROUNDS in after and "evidence.pdf" in after
        assert client.get(f"/admin/appeal-reviews/{place.pk}/supporting-file/").status_code == 200
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.IN_REVIEW
    for reviewer in (people.outsider, people.arbiter):
        place = AppealAssignment.objects.get(appeal=appeal, reviewer=reviewer)
        sent = as_user(reviewer).post(
            f"/admin/appeal-reviews/{place.pk}/",
            {"recommendation": "overturn", "findings": "Module 3 covers standard 4."},
        )
        assert sent.status_code == 302
    return appeal


def decide_through_the_admin(people, appeal, action, capture):
    """The coordinator opens the outcome's confirmation, gives reasons and confirms once."""
    coordinator = as_user(people.coordinator)
    file_page = coordinator.get(f"/admin/appeals/{appeal.pk}/").content.decode()
    url = f"/admin/appeals/{appeal.pk}/action/{action}/"
    assert url in file_page
    page = coordinator.get(url).content.decode()
    assert "cannot be undone" in page.lower()
    form_action, fields = confirmation_form(page)
    assert coordinator.post(form_action, fields).status_code == 400  # no reasons given
    fields["note"] = "The panel found that module 3 meets standard 4."
    with capture(execute=True):
        assert coordinator.post(form_action, fields).status_code == 302
    assert coordinator.post(form_action, fields).status_code == 409  # a replay does nothing
    appeal.refresh_from_db()
    return appeal


def names_of_the_panel(people) -> list[str]:
    return [
        text
        for reviewer in (people.outsider, people.arbiter)
        for text in (reviewer.get_full_name(), reviewer.username, reviewer.email)
    ]


def test_an_upheld_appeal_leaves_the_decision_standing_with_reasons_in_a_letter(
    people, smtp_server, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    submission = submission_in(Status.NOT_APPROVED, people)
    appeal = lodge_through_the_portal(people, submission, capture)
    assert [m.subject for m in smtp_server.to(people.coordinator.email)][-1] == (
        "Appeal: “Calm Contact”"
    )
    assert smtp_server.to(people.provider_a.email)[-1].subject == (
        "Your appeal about “Calm Contact” is now: Appealed"
    )
    panel_through_the_admin(people, appeal, capture)
    assert any("Appeal panel:" in m.subject for m in smtp_server.to(people.arbiter.email))
    appeal = decide_through_the_admin(people, appeal, "uphold", capture)

    assert appeal.status == AppealStatus.UPHELD
    submission.refresh_from_db()
    assert submission.status == Status.NOT_APPROVED and submission.review_round == 1
    letter = smtp_server.to(people.provider_a.email)[-1]
    assert letter.subject == "Decision upheld on appeal: “Calm Contact”"
    assert "module 3 meets standard 4" in letter.body
    assert letter.body.replace("\r\n", "\n") == appeal.letter_body
    for name in names_of_the_panel(people):
        assert name not in letter.body

    detail = as_user(people.provider_a).get(f"/portal/submissions/{submission.pk}/")
    html = detail.content.decode()
    assert "Decision upheld" in html and "module 3 meets standard 4" in html
    assert "Appeal this decision" not in html  # one appeal per decision
    for name in names_of_the_panel(people):
        assert name not in html


def test_an_overturned_appeal_sends_the_submission_back_to_a_new_decision_that_publishes(
    people, smtp_server, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    submission = submission_in(Status.NOT_APPROVED, people)
    appeal = lodge_through_the_portal(people, submission, capture)
    panel_through_the_admin(people, appeal, capture)
    appeal = decide_through_the_admin(people, appeal, "overturn", capture)

    assert appeal.status == AppealStatus.OVERTURNED
    submission.refresh_from_db()
    assert submission.status == Status.RECONCILIATION and submission.review_round == 2
    reopened = AuditEvent.objects.get(submission=submission, action="reconsider")
    assert (reopened.from_status, reopened.to_status) == ("not_approved", "reconciliation")
    assert smtp_server.to(people.provider_a.email)[-1].subject == (
        "Decision overturned on appeal: “Calm Contact”"
    )

    # The new decision goes through the usual screens and rules: draft, confirm, issue.
    coordinator = as_user(people.coordinator)
    reconcile_url = f"/admin/submissions/{submission.pk}/reconcile/"
    assert coordinator.post(reconcile_url, {"draft": "", "outcome": "approved"}).status_code == 302
    page = coordinator.get(f"{reconcile_url}issue/").content.decode()
    action, fields = confirmation_form(page)
    with capture(execute=True):
        assert coordinator.post(action, fields).status_code == 302
    submission.refresh_from_db()
    assert submission.status == Status.APPROVED
    assert CurriculumPage.objects.get(pk=submission.catalog_page_id).live
    assert smtp_server.to(people.provider_a.email)[-1].subject == (
        "Decision: “Calm Contact” is approved"
    )
    html = as_user(people.provider_a).get(f"/portal/submissions/{submission.pk}/").content
    assert "Decision overturned" in html.decode()
    for name in names_of_the_panel(people):
        assert name not in html.decode()


@pytest.mark.parametrize("decided", [Status.SUSPENDED, Status.REVOKED])
def test_a_suspension_or_revocation_overturned_is_decided_again(decided, people):
    appeal = appeal_in(AppealStatus.OVERTURNED, people, decided=decided)
    submission = appeal.submission
    submission.refresh_from_db()
    assert appeal.appealed_status == decided
    assert submission.status == Status.RECONCILIATION
    # The last consensus is carried into the new round, so the rules of a decision apply.
    assert submission.consensus.filter(round=submission.review_round).exists()


def test_a_late_appeal_is_refused_with_the_reason(people):
    submission = submission_in(Status.RECONCILIATION, people)
    # The decision was issued 31 days ago (Django's clock moved back for it).
    long_ago = timezone.now() - datetime.timedelta(days=31)
    with mock.patch("django.utils.timezone.now", return_value=long_ago):
        decide(people, submission, "not_approved", feedback="Too short.")
    provider = as_user(people.provider_a)
    page = provider.get(f"/portal/submissions/{submission.pk}/").content.decode()
    assert "Appeal this decision" not in page and "The time to appeal has passed" in page
    form = provider.get(f"/portal/submissions/{submission.pk}/appeal/")
    assert form.status_code == 409
    assert "The time to appeal has passed" in form.content.decode()
    assert "within 30 days" in form.content.decode()
    posted = appeal_form(provider, submission)
    assert posted.status_code == 409
    assert "The time to appeal has passed" in posted.content.decode()
    assert not Appeal.objects.exists()


def test_a_draft_that_outlives_the_window_cannot_be_lodged(people, settings):
    appeal = appeal_in(AppealStatus.DRAFT, people)
    settings.APPEAL_WINDOW_DAYS = -1
    provider = as_user(people.provider_a)
    url = f"/portal/submissions/{appeal.submission_id}/appeal/lodge/"
    refused = provider.post(
        url, {"confirmed": "yes", "appeal": appeal.pk, "expected_status": "draft"}
    )
    assert refused.status_code == 409
    assert "The time to appeal has passed" in refused.content.decode()
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.DRAFT


def test_the_appeal_form_needs_grounds_and_checks_the_file_like_the_materials(people):
    submission = submission_in(Status.NOT_APPROVED, people)
    provider = as_user(people.provider_a)
    empty = appeal_form(provider, submission, grounds="")
    assert empty.status_code == 400
    html = empty.content.decode()
    assert "answer to correct" in html and 'href="#id_grounds"' in html
    renamed = docx_upload("evidence.pdf")
    wrong = appeal_form(provider, submission, file=renamed)
    assert wrong.status_code == 400
    assert "is named .pdf but its content is DOCX" in wrong.content.decode()
    bad_name = appeal_form(provider, submission, file=pdf_upload("evidence;rm.pdf"))
    assert bad_name.status_code == 400
    assert "The file name is not allowed" in bad_name.content.decode()
    assert not Appeal.objects.exists()


def test_only_a_not_approved_suspended_or_revoked_decision_can_be_appealed(people):
    approved = submission_in(Status.APPROVED, people)
    response = as_user(people.provider_a).get(f"/portal/submissions/{approved.pk}/appeal/")
    assert response.status_code == 409
    assert "can be appealed" in response.content.decode()


def test_another_organization_cannot_appeal_or_see_the_appeal(people):
    appeal = appeal_in(AppealStatus.APPEALED, people)
    other = as_user(people.provider_b)
    url = f"/portal/submissions/{appeal.submission_id}/appeal/"
    assert other.get(url).status_code == 404
    assert appeal_form(other, appeal.submission).status_code == 404
    assert other.get(f"/portal/submissions/{appeal.submission_id}/").status_code == 404


def test_the_original_reviewers_cannot_sit_on_the_appeal_panel(people):
    appeal = appeal_in(AppealStatus.APPEALED, people)
    coordinator = as_user(people.coordinator)
    due = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    for original in (people.officer, people.clinician):
        refused = coordinator.post(
            f"/admin/appeals/{appeal.pk}/",
            {"reviewers": [str(original.pk), str(people.arbiter.pk)], "due_date": due},
        )
        assert refused.status_code == 400
        assert "not on the original panel" in refused.content.decode()
    assert not appeal.assignments.exists()
    page = coordinator.get(f"/admin/appeals/{appeal.pk}/").content.decode()
    assert f'value="{people.officer.pk}"' not in page  # offered with the reason, not a box
    assert f'value="{people.arbiter.pk}"' in page


def test_a_reviewer_who_declined_the_original_review_is_refused_too(people):
    submission = submission_in(Status.ACCEPTED_FOR_REVIEW, people)
    declined = make_reviewer("declined", HEALTH)
    reviewers_assign(
        submission_id=submission.pk,
        reviewer_ids=[people.officer.pk, people.clinician.pk, declined.pk],
        user=people.coordinator,
    )
    place = submission.assignments.get(reviewer=declined)
    assignment_respond(assignment_id=place.pk, user=declined, answer="decline")
    decide(people, reviews_submitted(people, submission), "not_approved", feedback="Short.")
    appeal = appeal_draft_save(submission_id=submission.pk, user=people.provider_a, grounds="G")
    appeal_lodge(appeal_id=appeal.pk, user=people.provider_a, expected_status="draft")
    with pytest.raises(Invalid, match="original panel"):
        appeal_reviewers_assign(
            appeal_id=appeal.pk, reviewer_ids=[declined.pk], user=people.coordinator
        )


def test_a_conflict_frees_the_place_and_the_review_waits_for_two_cleared_reviewers(
    people, smtp_server, django_capture_on_commit_callbacks
):
    appeal = appeal_in(AppealStatus.APPEALED, people)
    appeal_reviewers_assign(
        appeal_id=appeal.pk,
        reviewer_ids=[people.outsider.pk, people.arbiter.pk],
        user=people.coordinator,
    )
    place = AppealAssignment.objects.get(appeal=appeal, reviewer=people.arbiter)
    client = as_user(people.arbiter)
    no_statement = client.post(f"/admin/appeal-reviews/{place.pk}/", {"answer": "conflict"})
    assert no_statement.status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        declared = client.post(
            f"/admin/appeal-reviews/{place.pk}/",
            {"answer": "conflict", "statement": "I advised this academy last year."},
        )
    assert declared.status_code == 302
    assert "unavailable" in smtp_server.to(people.coordinator.email)[-1].subject
    after = client.get(f"/admin/appeal-reviews/{place.pk}/").content.decode()
    assert GROUNDS not in after
    outsider = AppealAssignment.objects.get(appeal=appeal, reviewer=people.outsider)
    as_user(people.outsider).post(
        f"/admin/appeal-reviews/{outsider.pk}/", {"answer": "accept", "no_conflict": "on"}
    )
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.APPEALED  # one cleared reviewer is not a panel
    # Someone else's place does not exist for a reviewer.
    assert as_user(people.outsider).get(f"/admin/appeal-reviews/{place.pk}/").status_code == 404


def test_the_outcome_waits_for_every_finding(people):
    appeal = appeal_in(AppealStatus.IN_REVIEW, people)
    response = as_user(people.coordinator).get(f"/admin/appeals/{appeal.pk}/action/uphold/")
    assert response.status_code == 409
    assert "must submit their findings" in response.content.decode()


def test_the_provider_never_sees_the_appeal_panel(people):
    appeal = appeal_in(AppealStatus.IN_REVIEW, people)
    appeal = findings_in(people, appeal)
    page = as_user(people.provider_a).get(f"/portal/submissions/{appeal.submission_id}/")
    html = page.content.decode()
    assert "In appeal review" in html
    for name in names_of_the_panel(people):
        assert name not in html
    assert "Module 3 does cover standard 4." not in html  # the panel's findings stay inside
    # The coordinator sees who is on the panel.
    staff = as_user(people.coordinator).get(f"/admin/appeals/{appeal.pk}/").content.decode()
    assert people.arbiter.get_full_name() in staff


def test_appeal_reviewers_are_reminded_once_a_day(
    people, smtp_server, django_capture_on_commit_callbacks
):
    appeal = appeal_in(AppealStatus.APPEALED, people)
    appeal_reviewers_assign(
        appeal_id=appeal.pk,
        reviewer_ids=[people.outsider.pk, people.arbiter.pk],
        user=people.coordinator,
        due_date=timezone.localdate() + datetime.timedelta(days=2),
    )
    assert appeal_reminders_send.call() == 2
    assert appeal_reminders_send.call() == 0
    subjects = [mail.subject for mail in smtp_server.to(people.arbiter.email)]
    assert "Appeal due soon: “Calm Contact”" in subjects
    call_command("review_daily")  # queues the appeal reminders with the rest


def test_the_default_due_date_comes_from_the_setting(people, settings):
    settings.APPEAL_REVIEW_DUE_DAYS = 9
    appeal = appeal_in(AppealStatus.APPEALED, people)
    page = as_user(people.coordinator).get(f"/admin/appeals/{appeal.pk}/").content.decode()
    expected = (timezone.localdate() + datetime.timedelta(days=9)).isoformat()
    assert f'value="{expected}"' in page


def test_the_oversight_dashboard_counts_appeals_and_their_median_days(people):
    upheld = appeal_in(AppealStatus.UPHELD, people)
    Appeal.objects.filter(pk=upheld.pk).update(
        lodged_at=upheld.decided_at - datetime.timedelta(days=6)
    )
    figures = oversight_dashboard().appeals
    counts = dict(figures.counts)
    assert counts["Decision upheld"] == 1 and counts["Appealed"] == 0
    assert figures.decided == 1 and figures.median_days == 6.0
    page = as_user(people.coordinator).get("/admin/review-oversight/").content.decode()
    assert "Median days from lodging to outcome: 6.0" in page


def test_a_new_install_has_the_appeal_letters():
    keys = set(EmailTemplate.objects.values_list("key", flat=True))
    assert {"appeal_upheld", "appeal_overturned", "appeal_lodged", "appeal_reminder"} <= keys


def test_panel_page_needs_a_cleared_panel_member_for_materials(people):
    appeal = panel_accepts(people, appeal_in(AppealStatus.APPEALED, people))
    material = appeal.submission.materials.first()
    assert as_user(people.arbiter).get(f"/portal/materials/{material.token}/").status_code == 200


def test_an_outcome_waits_while_the_decision_appealed_no_longer_stands(people):
    appeal = findings_in(people, appeal_in(AppealStatus.IN_REVIEW, people, Status.SUSPENDED))
    as_user(people.coordinator).post(
        f"/admin/submissions/{appeal.submission_id}/action/revoke/",
        {"confirmed": "yes", "expected_status": "suspended", "note": "Fraud found."},
    )
    refused = as_user(people.coordinator).post(
        f"/admin/appeals/{appeal.pk}/action/overturn/",
        {"confirmed": "yes", "expected_status": "appeal_review", "note": "Reasons."},
    )
    assert refused.status_code == 409
    assert "has changed since" in refused.content.decode()
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.IN_REVIEW


def test_the_submission_file_links_to_its_appeals(people):
    appeal = appeal_in(AppealStatus.APPEALED, people)
    page = as_user(people.coordinator).get(f"/admin/submissions/{appeal.submission_id}/")
    assert f"/admin/appeals/{appeal.pk}/" in page.content.decode()


def test_the_exported_record_holds_the_appeal_and_its_panel(people):
    appeal = appeal_in(AppealStatus.UPHELD, people)
    response = as_user(people.coordinator).get(
        f"/admin/submissions/{appeal.submission_id}/export.json"
    )
    (exported,) = response.json()["appeals"]
    assert exported["status"] == "upheld" and exported["grounds"] == appeal.grounds
    assert {place["reviewer"] for place in exported["panel"]} == {
        people.outsider.get_full_name(),
        people.arbiter.get_full_name(),
    }
    assert exported["letter"]["body"] == appeal.letter_body


def test_the_admin_homepage_shows_what_waits_in_appeals(people):
    appeal = appeal_in(AppealStatus.APPEALED, people)
    appeal_reviewers_assign(
        appeal_id=appeal.pk,
        reviewer_ids=[people.outsider.pk, people.arbiter.pk],
        user=people.coordinator,
    )
    home = as_user(people.coordinator).get("/admin/").content.decode()
    assert f"/admin/appeals/{appeal.pk}/" in home
    place = AppealAssignment.objects.get(appeal=appeal, reviewer=people.arbiter)
    reviewer_home = as_user(people.arbiter).get("/admin/").content.decode()
    assert f"/admin/appeal-reviews/{place.pk}/" in reviewer_home
    assert (
        f"/admin/appeal-reviews/{place.pk}/"
        not in as_user(people.officer).get("/admin/").content.decode()
    )


def test_a_coordinator_removes_a_silent_appeal_reviewer_or_gives_more_time(people):
    appeal = appeal_in(AppealStatus.APPEALED, people)
    appeal_reviewers_assign(
        appeal_id=appeal.pk,
        reviewer_ids=[people.outsider.pk, people.arbiter.pk],
        user=people.coordinator,
    )
    place = AppealAssignment.objects.get(appeal=appeal, reviewer=people.arbiter)
    url = f"/admin/appeals/{appeal.pk}/"
    later = (timezone.localdate() + datetime.timedelta(days=20)).isoformat()
    change = {"assignment": place.pk, "change": "due_date", "due_date": later, "reason": ""}
    assert as_user(people.outsider).post(url, change).status_code == 403
    assert as_user(people.coordinator).post(url, change).status_code == 302
    place.refresh_from_db()
    assert place.due_date.isoformat() == later
    no_reason = {"assignment": place.pk, "change": "remove", "reason": "", "due_date": ""}
    assert as_user(people.coordinator).post(url, no_reason).status_code == 400
    removal = {**no_reason, "reason": "No answer after two reminders."}
    assert as_user(people.coordinator).post(url, removal).status_code == 302
    place.refresh_from_db()
    assert place.status == AppealAssignment.Status.REMOVED
    event = AuditEvent.objects.get(appeal=appeal, action="appeal_assignment_removed")
    assert "No answer after two reminders." in event.note
    # The removed reviewer's screen is closed; the provider sees nothing of it.
    closed = as_user(people.arbiter).get(f"/admin/appeal-reviews/{place.pk}/").content.decode()
    assert GROUNDS not in closed
    portal = as_user(people.provider_a).get(f"/portal/submissions/{appeal.submission_id}/")
    assert "No answer after two reminders." not in portal.content.decode()
