"""The submission lifecycle: every transition checked, recorded, versioned; nothing else moves."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django_fsm import ConcurrentTransition

from review_workflow.core.errors import WorkflowError
from review_workflow.core.states import Status
from review_workflow.http import status_for
from review_workflow.models import AuditEvent, Submission
from review_workflow.services.lifecycle import submission_transition
from review_workflow.services.submissions import material_add, submission_create

from .conftest import pdf_upload


def move(submission, action, user, **kwargs):
    return submission_transition(submission_id=submission.pk, action=action, user=user, **kwargs)


def state_of(submission):
    fresh = Submission.objects.get(pk=submission.pk)
    return fresh.status, fresh.version_number, AuditEvent.objects.filter(submission=fresh).count()


def test_submitting_takes_version_one_and_locks_the_materials(complete_draft, provider_a):
    submitted = move(complete_draft, "submit", provider_a)
    assert submitted.status == Status.SUBMITTED
    version = submitted.versions.get()
    assert version.number == 1
    assert version.snapshot["title"] == "Calm Contact"
    assert version.snapshot["self_assessment"]["DE-1"]["location"] == "Module 1, page 3"
    assert [m["name"] for m in version.snapshot["materials"]] == ["curriculum.pdf"]
    assert list(version.materials.all()) == list(submitted.materials.all())
    assert all(material.locked for material in submitted.materials.all())


def test_an_incomplete_draft_cannot_be_submitted(org_a, provider_a):
    draft = submission_create(organization=org_a, user=provider_a, title="Half done")
    before = state_of(draft)
    with pytest.raises(WorkflowError) as refused:
        move(draft, "submit", provider_a)
    assert status_for(refused.value) == 400
    assert "Give a summary." in refused.value.message
    assert "Upload the curriculum materials." in refused.value.message
    assert state_of(draft) == before


def test_return_and_resubmit_makes_version_two(complete_draft, provider_a, coordinator):
    move(complete_draft, "submit", provider_a)
    move(complete_draft, "start_screening", coordinator)
    returned = move(complete_draft, "return_to_provider", coordinator, note="Add the scenarios.")
    assert returned.status == Status.RETURNED
    assert returned.coordinator_notes == "Add the scenarios."
    returned.summary = "A course on slowing encounters down, with scenarios."
    returned.save()
    material_add(submission=returned, user=provider_a, uploaded=pdf_upload("scenarios.pdf"))
    resubmitted = move(returned, "submit", provider_a)
    assert resubmitted.version_number == 2
    first, second = resubmitted.versions.all()
    assert first.snapshot["summary"] != second.snapshot["summary"]
    assert len(second.snapshot["materials"]) == 2
    assert len(first.snapshot["materials"]) == 1


def test_accepting_for_review(complete_draft, provider_a, coordinator):
    move(complete_draft, "submit", provider_a)
    move(complete_draft, "start_screening", coordinator)
    assert move(complete_draft, "accept_for_review", coordinator).status == (
        Status.ACCEPTED_FOR_REVIEW
    )


@pytest.mark.parametrize(
    "reached", [Status.DRAFT, Status.SUBMITTED, Status.SCREENING, Status.ACCEPTED_FOR_REVIEW]
)
def test_the_provider_can_withdraw_before_a_decision(
    complete_draft, provider_a, coordinator, reached
):
    path = {
        Status.DRAFT: [],
        Status.SUBMITTED: [("submit", provider_a)],
        Status.SCREENING: [("submit", provider_a), ("start_screening", coordinator)],
        Status.ACCEPTED_FOR_REVIEW: [
            ("submit", provider_a),
            ("start_screening", coordinator),
            ("accept_for_review", coordinator),
        ],
    }[reached]
    for action, user in path:
        move(complete_draft, action, user)
    assert move(complete_draft, "withdraw", provider_a).status == Status.WITHDRAWN


@pytest.mark.parametrize(
    ("steps", "action", "actor", "status"),
    [
        ([], "start_screening", "coordinator", 409),  # a draft cannot be screened
        ([], "accept_for_review", "coordinator", 409),
        ([("submit", "provider_a")], "submit", "provider_a", 409),  # already submitted
        ([("submit", "provider_a")], "return_to_provider", "coordinator", 409),  # not screening
        ([("submit", "provider_a")], "start_screening", "provider_a", 403),  # not a coordinator
        ([("submit", "provider_a")], "start_screening", "provider_b", 403),
        ([], "submit", "provider_b", 403),  # another organization's draft
        ([], "submit", "coordinator", 403),  # coordinators do not submit for providers
        ([("withdraw", "provider_a")], "submit", "provider_a", 409),  # withdrawn is final
        ([], "no_such_action", "provider_a", 400),
    ],
)
def test_illegal_transitions_are_refused_and_change_nothing(
    request, complete_draft, steps, action, actor, status
):
    for step, user in steps:
        move(complete_draft, step, request.getfixturevalue(user))
    before = state_of(complete_draft)
    with pytest.raises(WorkflowError) as refused:
        move(complete_draft, action, request.getfixturevalue(actor))
    assert status_for(refused.value) == status
    assert state_of(complete_draft) == before


def test_returning_needs_a_note(complete_draft, provider_a, coordinator):
    move(complete_draft, "submit", provider_a)
    move(complete_draft, "start_screening", coordinator)
    before = state_of(complete_draft)
    with pytest.raises(WorkflowError, match="Write a note"):
        move(complete_draft, "return_to_provider", coordinator, note="   ")
    assert state_of(complete_draft) == before


def test_a_stale_transition_is_refused(complete_draft, provider_a, coordinator):
    move(complete_draft, "submit", provider_a)
    move(complete_draft, "start_screening", coordinator)
    before = state_of(complete_draft)
    # The provider's page still showed "submitted" when they pressed withdraw.
    with pytest.raises(WorkflowError) as refused:
        move(complete_draft, "withdraw", provider_a, expected_status=Status.SUBMITTED)
    assert status_for(refused.value) == 409
    assert state_of(complete_draft) == before


def test_concurrent_saves_of_a_transition_cannot_both_win(complete_draft, provider_a, coordinator):
    move(complete_draft, "submit", provider_a)
    first = Submission.objects.get(pk=complete_draft.pk)
    second = Submission.objects.get(pk=complete_draft.pk)
    first.start_screening()
    first.save()
    second.withdraw()
    with pytest.raises(ConcurrentTransition), transaction.atomic():
        second.save()
    assert Submission.objects.get(pk=complete_draft.pk).status == Status.SCREENING


def test_the_audit_trail_records_every_step(complete_draft, provider_a, coordinator):
    move(complete_draft, "submit", provider_a)
    move(complete_draft, "start_screening", coordinator)
    move(complete_draft, "return_to_provider", coordinator, note="Add the scenarios.")
    events = list(
        complete_draft.audit_events.values_list(
            "action", "from_status", "to_status", "actor__username", "version_number", "note"
        )
    )
    assert events == [
        ("create", "", "draft", "provider-a", 0, ""),
        ("material_added", "draft", "draft", "provider-a", 0, "curriculum.pdf"),
        ("submit", "draft", "submitted", "provider-a", 1, ""),
        ("start_screening", "submitted", "screening", "coordinator", 1, ""),
        ("return_to_provider", "screening", "returned", "coordinator", 1, "Add the scenarios."),
    ]


def test_audit_events_cannot_be_changed_or_deleted(complete_draft):
    event = complete_draft.audit_events.first()
    event.note = "rewritten"
    with pytest.raises(PermissionDenied):
        event.save()
    with pytest.raises(PermissionDenied):
        event.delete()
    with pytest.raises(PermissionDenied):
        AuditEvent.objects.filter(pk=event.pk).update(note="rewritten")
    with pytest.raises(PermissionDenied):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).note == ""


def test_the_status_field_cannot_be_set_directly(complete_draft):
    with pytest.raises(AttributeError):
        complete_draft.status = Status.ACCEPTED_FOR_REVIEW
