"""Submission events email the right people, through a real SMTP server."""

from review_workflow.models import EmailTemplate
from review_workflow.services.lifecycle import submission_transition


def test_submitting_emails_the_provider_and_the_coordinators(
    complete_draft, provider_a, coordinator, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submission_transition(submission_id=complete_draft.pk, action="submit", user=provider_a)
    to_provider = smtp_server.to(provider_a.email)
    assert len(to_provider) == 1
    assert to_provider[0].subject == "Your submission “Calm Contact” is now: Submitted"
    assert "from Draft to Submitted" in to_provider[0].body
    to_coordinator = smtp_server.to(coordinator.email)
    assert [mail.subject for mail in to_coordinator] == [
        "New submission: “Calm Contact” (version 1)"
    ]


def test_a_return_tells_the_provider_what_to_change(
    complete_draft,
    provider_a,
    coordinator,
    provider_b,
    smtp_server,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        submission_transition(submission_id=complete_draft.pk, action="submit", user=provider_a)
        submission_transition(
            submission_id=complete_draft.pk, action="start_screening", user=coordinator
        )
        submission_transition(
            submission_id=complete_draft.pk,
            action="return_to_provider",
            user=coordinator,
            note="Please add the scenario descriptions.",
        )
    subjects = [mail.subject for mail in smtp_server.to(provider_a.email)]
    assert subjects[-1] == "Your submission “Calm Contact” is now: Returned to provider"
    assert "Please add the scenario descriptions." in smtp_server.to(provider_a.email)[-1].body
    assert smtp_server.to(provider_b.email) == []  # other organizations hear nothing


def test_editors_can_change_the_wording(
    complete_draft, provider_a, smtp_server, django_capture_on_commit_callbacks
):
    template = EmailTemplate.objects.get(key=EmailTemplate.Key.STATUS_CHANGED)
    template.subject = "Update on {{ submission.title }}"
    template.save()
    with django_capture_on_commit_callbacks(execute=True):
        submission_transition(submission_id=complete_draft.pk, action="submit", user=provider_a)
    assert smtp_server.to(provider_a.email)[0].subject == "Update on Calm Contact"
