"""A catalog entry a decision created is live exactly while its approval is in force: no
editor, workflow or schedule publishes it otherwise, and its approval fields are the
decision's. An approved recertification supersedes the earlier approval."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from wagtail.actions.publish_page_revision import PublishPagePermissionError

from curricula.models import CatalogPage, CurriculumPage
from review_workflow.core.states import Status
from review_workflow.models import AuditEvent, Submission
from review_workflow.selectors.oversight import submission_counts_by_status
from review_workflow.services.expiry import approvals_expire_due, expiry_warnings_send
from tests.factories.curricula import CurriculumPageFactory
from tests.forms import form_data

from .states import People, submission_in

pytestmark = pytest.mark.django_db


def admin_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def editor_form(editor: str) -> dict:
    """The editor's form as posted; the stream fields' counts are written by the page's own
    script, so a post without it sends them empty."""
    data = form_data(editor, "page-edit-form")
    for stream in ("modules", "standards_met"):
        data.setdefault(f"{stream}-count", ["0"])
    return data


def publish_through_the_editor(client, page) -> str:
    """Open the page's editor, then post its form with Publish pressed, as a browser would
    (the button is not offered: the post is crafted). Returns the editor as first shown."""
    edit_url = f"/admin/pages/{page.pk}/edit/"
    editor = client.get(edit_url).content.decode()
    data = editor_form(editor)
    data["action-publish"] = ["action-publish"]
    client.post(edit_url, data)
    return editor


@pytest.mark.parametrize("state", [Status.REVOKED, Status.EXPIRED, Status.SUSPENDED])
def test_an_entry_whose_approval_is_not_in_force_cannot_be_published_by_hand(state):
    people = People()
    submission = submission_in(state, people)
    page = CurriculumPage.objects.get(pk=submission.catalog_page_id)
    assert not page.live
    client = admin_client(people.administrator)

    editor = publish_through_the_editor(client, page)
    assert "approval is not in force" in editor
    assert 'name="action-publish"' not in editor
    page.refresh_from_db()
    assert not page.live
    assert "curriculum" not in str(client.get("/api/v2/catalog/").json()["results"]).lower()

    # The other doors: the publish action as a person, and a scheduled (unattended) publish.
    revision = page.get_latest_revision()
    assert not page.permissions_for_user(people.administrator).can_publish()
    with pytest.raises(PublishPagePermissionError):
        revision.publish(user=people.administrator)
    with pytest.raises(ValidationError):
        revision.publish()
    page.refresh_from_db()
    assert not page.live
    submission.refresh_from_db()
    assert submission.status == state


def test_reinstating_publishes_the_entry_again():
    people = People()
    submission = submission_in(Status.SUSPENDED, people)
    admin_client(people.coordinator).post(
        f"/admin/submissions/{submission.pk}/action/reinstate/",
        {"note": "Resolved.", "expected_status": Status.SUSPENDED, "confirmed": "yes"},
    )
    assert CurriculumPage.objects.get(pk=submission.catalog_page_id).live


def test_an_imported_entry_past_its_expiry_cannot_be_published_by_hand():
    people = People()
    parent = CatalogPage.objects.get()
    page = CurriculumPageFactory(
        parent=parent,
        live=False,
        approval_date=datetime.date(2020, 1, 1),
        expiry_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    editor = publish_through_the_editor(admin_client(people.administrator), page)
    assert "has expired" in editor and 'name="action-publish"' not in editor
    page.refresh_from_db()
    assert not page.live


def test_the_approval_fields_of_a_decisions_entry_are_the_decisions():
    people = People()
    submission = submission_in(Status.APPROVED, people)
    page = CurriculumPage.objects.get(pk=submission.catalog_page_id)
    client = admin_client(people.administrator)
    edit_url = f"/admin/pages/{page.pk}/edit/"
    editor = client.get(edit_url).content.decode()
    data = editor_form(editor)
    assert "approval_date" not in data and "expiry_date" not in data  # shown, not editable
    data.update(
        approval_date=["2001-01-01"],
        expiry_date=["2099-01-01"],
        standards_version=["Made up"],
        summary=["A better summary."],
    )
    client.post(edit_url, data)
    draft = CurriculumPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert draft.summary == "A better summary."
    # The date of the decision where the programme runs (UTC has moved on by evening there).
    assert draft.approval_date == timezone.localdate(submission.approved_at)
    assert draft.expiry_date == submission.expires_on
    assert draft.standards_version == submission.standards_version.name


def test_an_approved_recertification_supersedes_the_earlier_approval():
    people = People()
    earlier = submission_in(Status.SUPERSEDED, people)
    recertification = Submission.objects.get(recertifies=earlier)
    assert recertification.status == Status.APPROVED
    supersede = AuditEvent.objects.get(submission=earlier, action="supersede")
    assert supersede.actor is None and supersede.to_status == Status.SUPERSEDED
    page = CurriculumPage.objects.get(pk=recertification.catalog_page_id)
    assert page.live and page.expiry_date == recertification.expires_on

    # The earlier approval's clock has stopped: no warning, no expiry, whatever its dates.
    Submission.objects.filter(pk=earlier.pk).update(
        expires_on=timezone.localdate() + datetime.timedelta(days=20)
    )
    assert expiry_warnings_send() == 0
    Submission.objects.filter(pk=earlier.pk).update(
        expires_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    approvals_expire_due()
    earlier.refresh_from_db()
    assert earlier.status == Status.SUPERSEDED
    assert not earlier.audit_events.filter(action__in=["expire", "expiry_warning"]).exists()
    page.refresh_from_db()
    assert page.live
    counts = {row.status: row.count for row in submission_counts_by_status()}
    assert counts[Status.APPROVED] == 1 and counts[Status.SUPERSEDED] == 1


def test_the_entry_carries_the_outline_and_the_standards_the_consensus_found_met():
    people = People()
    submission = submission_in(Status.APPROVED, people)
    page = CurriculumPage.objects.get(pk=submission.catalog_page_id)
    assert page.learning_objectives == submission.learning_objectives
    assert [(block.value["title"], block.value["hours"]) for block in page.modules] == [
        (module.title, module.hours) for module in submission.modules.all()
    ]
    assert [block.value["code"] for block in page.standards_met] == [
        standard.code for standard in submission.standards_version.standards.all()
    ]
    body = Client().get(page.url).content.decode()
    assert submission.modules.first().title in body
