"""What people write reaches the emails and letters exactly as written: plain text is never
HTML-escaped, and the portal shows the letters with the same words."""

import datetime
import html

import pytest
from django.test import Client
from django.utils import timezone

from review_workflow.models import Assignment, Decision, EmailTemplate, Submission
from review_workflow.services.appeals import (
    appeal_assignment_respond,
    appeal_decide,
    appeal_draft_save,
    appeal_findings_submit,
    appeal_lodge,
    appeal_reviewers_assign,
)
from review_workflow.services.expiry import expiry_warnings_send
from review_workflow.services.panel import assignment_respond, reviewers_assign
from review_workflow.tasks import appeal_reminders_send, review_reminders_send

from .conftest import HEALTH, LAW, fill_complete, make_reviewer
from .states import People, _reconciliation, decide, move, reviews_submitted

pytestmark = pytest.mark.django_db

WORDS = 'O\'Brien & Sons "Academy" <training>'
ESCAPES = ("&amp;", "&#x27;", "&#39;", "&quot;", "&lt;", "&gt;")


def hostile_draft(people, title=WORDS):
    from review_workflow.services.submissions import submission_create

    submission = submission_create(organization=people.org_a, user=people.provider_a, title=title)
    return fill_complete(submission, people.provider_a)


def appeal_with_words(people, submission, panel, outcome, recused=None):
    """The provider appeals with WORDS as grounds; the panel clears and finds; the outcome
    carries WORDS as reasons."""
    appeal = appeal_draft_save(submission_id=submission.pk, user=people.provider_a, grounds=WORDS)
    appeal_lodge(appeal_id=appeal.pk, user=people.provider_a, expected_status="draft")
    appeal_reviewers_assign(
        appeal_id=appeal.pk,
        reviewer_ids=[reviewer.pk for reviewer in panel],
        user=people.coordinator,
        due_date=timezone.localdate() + datetime.timedelta(days=1),
    )
    places = {place.reviewer_id: place for place in appeal.assignments.all()}
    if recused is not None:
        appeal_assignment_respond(
            assignment_id=places[recused.pk].pk, user=recused, answer="conflict", statement=WORDS
        )
        appeal_reminders_send.call()
    cleared = [reviewer for reviewer in panel if reviewer != recused]
    for reviewer in cleared:
        appeal_assignment_respond(
            assignment_id=places[reviewer.pk].pk, user=reviewer, answer="accept", no_conflict=True
        )
    for reviewer in cleared:
        appeal_findings_submit(
            assignment_id=places[reviewer.pk].pk,
            user=reviewer,
            recommendation=outcome,
            findings=WORDS,
        )
    appeal_decide(
        appeal_id=appeal.pk,
        user=people.coordinator,
        action=outcome,
        reasons=WORDS,
        expected_status="appeal_review",
    )


def test_every_workflow_email_and_letter_carries_the_words_verbatim(
    smtp_server, django_capture_on_commit_callbacks
):
    people = People()
    people.org_a.name = WORDS
    people.org_a.save()
    spare = make_reviewer("spare", HEALTH)
    with django_capture_on_commit_callbacks(execute=True):
        # Submitted, returned with a note, submitted again.
        submission = hostile_draft(people)
        move(submission, "submit", people.provider_a)
        move(submission, "start_screening", people.coordinator)
        move(submission, "return_to_provider", people.coordinator, note=WORDS)
        move(submission, "submit", people.provider_a)
        move(submission, "start_screening", people.coordinator)
        move(submission, "accept_for_review", people.coordinator)
        # A panel of three; one declines with a statement, so the coordinators hear of it.
        reviewers_assign(
            submission_id=submission.pk,
            reviewer_ids=[people.officer.pk, people.clinician.pk, spare.pk],
            user=people.coordinator,
        )
        declined = Assignment.objects.get(submission=submission, reviewer=spare)
        assignment_respond(
            assignment_id=declined.pk, user=spare, answer="conflict", statement=WORDS
        )
        # A reminder of a review due tomorrow.
        Assignment.objects.filter(submission=submission, reviewer=people.officer).update(
            due_date=timezone.localdate() + datetime.timedelta(days=1)
        )
        review_reminders_send.call()
        # Every review in; revisions requested; the revised version approved.
        reviews_submitted(people, submission)
        decide(people, submission, Decision.Outcome.REVISIONS_REQUESTED, required_changes=WORDS)
        move(submission, "resubmit", people.provider_a)
        reviews_submitted(people, submission)
        decide(people, submission, Decision.Outcome.APPROVED)
        # A second curriculum, not approved, with the same words as feedback.
        other = hostile_draft(people, title=f"{WORDS} 2")
        _reconciliation(people, other)
        decide(people, other, Decision.Outcome.NOT_APPROVED, feedback=WORDS)
        # Its appeal, with the same words as grounds: one reviewer declines the appeal panel
        # with them, a reminder goes out, and the decision is upheld with them as reasons.
        appeal_panel = [make_reviewer(name, LAW, HEALTH) for name in ("arbiter", "judge")]
        recused = make_reviewer("recused", HEALTH)
        appeal_with_words(people, other, [*appeal_panel, recused], "uphold", recused=recused)
        # A third, not approved either, whose appeal overturns the decision.
        third = hostile_draft(people, title=f"{WORDS} 3")
        _reconciliation(people, third)
        decide(people, third, Decision.Outcome.NOT_APPROVED, feedback=WORDS)
        appeal_with_words(people, third, appeal_panel, "overturn")
    # Thirty days before expiry, the provider is warned.
    Submission.objects.filter(pk=submission.pk).update(
        expires_on=timezone.localdate() + datetime.timedelta(days=30)
    )
    expiry_warnings_send()

    mails = smtp_server.received
    subjects = {mail.subject for mail in mails}
    for expected in [
        f"Your submission “{WORDS}” is now: Returned to provider",
        f"New submission: “{WORDS}” (version 2)",
        f"Review assignment: “{WORDS}”",
        f"Reviewer unavailable for “{WORDS}”",
        f"All reviews in: “{WORDS}”",
        f"Decision: revisions requested for “{WORDS}”",
        f"Decision: “{WORDS}” is approved",
        f"Decision: “{WORDS} 2” is not approved",
        f"Your approval of “{WORDS}” expires in 30 days",
        f"Appeal: “{WORDS} 2”",
        f"Your appeal about “{WORDS} 2” is now: Appealed",
        f"Appeal panel: “{WORDS} 2”",
        f"Appeal reviewer unavailable for “{WORDS} 2”",
        f"Appeal due soon: “{WORDS} 2”",
        f"Decision upheld on appeal: “{WORDS} 2”",
        f"Decision overturned on appeal: “{WORDS} 3”",
    ]:
        assert expected in subjects, expected
    assert any("due on" in mail.body and WORDS in mail.body for mail in mails)  # the reminder
    assert len({mail.subject.split(":")[0] for mail in mails}) >= len(EmailTemplate.Key) - 1
    for mail in mails:
        assert WORDS in mail.subject + mail.body, mail.subject
        for escaped in ESCAPES:
            assert escaped not in mail.subject + mail.body, (mail.subject, escaped)
    returned = next(m for m in mails if m.subject.endswith("Returned to provider"))
    assert f"\n{WORDS}\n" in returned.body.replace("\r\n", "\n")  # the note, as written
    revisions = next(m for m in mails if "revisions requested" in m.subject)
    assert WORDS in revisions.body.split("Required changes:")[1]

    # The portal shows each letter with the words as written (escaped once, as HTML must).
    client = Client()
    client.force_login(people.provider_a)
    for letter_of in (submission, other, third):
        page = client.get(f"/portal/submissions/{letter_of.pk}/").content.decode()
        assert html.escape(WORDS, quote=True) in page or html.escape(WORDS) in page
        assert "&amp;amp;" not in page and "&amp;#x27;" not in page
        assert WORDS in html.unescape(page)
