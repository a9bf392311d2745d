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


def test_an_expiry_email_does_not_put_the_platforms_step_in_a_coordinators_mouth(
    complete_draft, provider_a, smtp_server, django_capture_on_commit_callbacks
):
    import datetime

    from django.utils import timezone

    from review_workflow.models import Submission
    from review_workflow.services.expiry import approvals_expire_due

    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Submission.objects.filter(pk=complete_draft.pk).update(status="approved", expires_on=yesterday)
    with django_capture_on_commit_callbacks(execute=True):
        assert approvals_expire_due() == 1
    mail = smtp_server.to(provider_a.email)[-1]
    assert mail.subject == "Your submission “Calm Contact” is now: Approval expired"
    assert "About this change:" in mail.body
    assert "The approval reached its expiry date." in mail.body
    assert "review coordinator" not in mail.body


def test_a_recertification_is_announced_to_coordinators_as_one(
    complete_draft, provider_a, coordinator, smtp_server, django_capture_on_commit_callbacks
):
    import datetime

    from django.utils import timezone

    from review_workflow.models import Submission
    from review_workflow.services.recertification import recertification_start

    Submission.objects.filter(pk=complete_draft.pk).update(
        status="approved", expires_on=datetime.date(2027, 3, 1), version_number=1
    )
    complete_draft.refresh_from_db()
    copy = recertification_start(submission=complete_draft, user=provider_a)
    copy.certified_by_name, copy.certified_at = "Pat Provider", timezone.now()
    copy.save()
    with django_capture_on_commit_callbacks(execute=True):
        submission_transition(submission_id=copy.pk, action="submit", user=provider_a)
    mail = smtp_server.to(coordinator.email)[-1]
    assert mail.subject == "Recertification: “Calm Contact” (version 1)"
    assert "renew the approval of “Calm Contact”, which expires on" in mail.body


def test_unedited_emails_take_the_new_wording_and_edited_ones_are_kept(db):
    from django.apps import apps

    from review_workflow.seed import EARLIER_EMAILS, EMAILS, email_wording_update

    status_changed = EmailTemplate.objects.get(key="submission_status_changed")
    status_changed.subject, status_changed.body = EARLIER_EMAILS["submission_status_changed"]
    status_changed.save()
    received = EmailTemplate.objects.get(key="submission_received")
    received.subject, received.body = "Our own subject", "Our own words."
    received.save()
    email_wording_update(apps)
    status_changed.refresh_from_db()
    received.refresh_from_db()
    assert status_changed.body == EMAILS["submission_status_changed"][1]
    assert received.body == "Our own words."
