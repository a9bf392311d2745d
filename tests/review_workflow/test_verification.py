"""Public approval records: the verification page, the certificate and its QR code, the
catalog entry and the API, pinned to the approved version."""

import datetime
import io

import pytest
import zxingcpp
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from curricula.models import CurriculumPage
from review_workflow.models import ApprovalRecord, Submission
from review_workflow.services.expiry import approvals_expire_due
from review_workflow.services.lifecycle import submission_transition
from tests.review_workflow.test_expert_review import (
    accept_and_review,
    approve,
    as_user,
    assign,
    status_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(demo_site, accepted_submission, coordinator, reviewers, capture_commits):
    """A submission approved through the review screens, with its catalog entry."""
    submission = accepted_submission
    assign(coordinator, submission, reviewers["officer"], reviewers["clinician"])
    accept_and_review(submission, reviewers["officer"], reviewers["clinician"])
    approve(coordinator, submission, capture_commits)
    assert status_of(submission) == "approved"
    return submission


@pytest.fixture
def capture_commits(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def ours(items: list[dict], page_id: int) -> dict:
    """Our entry among the demo catalog's."""
    return next(item for item in items if item["id"] == page_id)


def record_of(submission) -> ApprovalRecord:
    return ApprovalRecord.objects.filter(submission=submission).first()


def standing_shown(code: str) -> str:
    response = Client().get(f"/verify/{code}/")
    assert response.status_code == 200
    return response.context["standing"]


def coordinator_action(coordinator, submission, action, expected, capture):
    with capture(execute=True):
        response = as_user(coordinator).post(
            f"/admin/submissions/{submission.pk}/action/{action}/",
            {"expected_status": expected, "note": f"Reason for {action}.", "confirmed": "yes"},
        )
    assert response.status_code == 302, response.content.decode()[:500]


def curriculum_step(submission, **overrides) -> dict:
    """The curriculum step as a browser posts it, every field included."""
    data = {
        "title": submission.title,
        "summary": submission.summary,
        "audiences": [str(pk) for pk in submission.audiences.values_list("pk", flat=True)],
        "topic_areas": [str(pk) for pk in submission.topic_areas.values_list("pk", flat=True)],
        "delivery_methods": [
            str(pk) for pk in submission.delivery_methods.values_list("pk", flat=True)
        ],
        "total_hours": str(submission.total_hours),
        "max_class_size": str(submission.max_class_size or ""),
        "is_free": "on",
        "cost_description": "",
        "offered_nationwide": "on",
        "contact_name": submission.contact_name,
        "contact_email": submission.contact_email,
        "contact_phone": "",
        "materials_link": "",
        "save_draft": "",
    }
    data.update(overrides)
    return data


def test_an_approval_gets_a_public_record_at_an_unguessable_code(approved):
    record = record_of(approved)
    assert len(record.code) >= 22 and record.version.number == 1
    body = Client().get(f"/verify/{record.code}/").content.decode()
    for shown in ["Calm Contact", "Academy A", "Version 1", "Active", "Valid until"]:
        assert shown in body
    assert record.expires_on.strftime("%B") in body


def test_a_wrong_code_gets_the_same_404_as_any_missing_page(approved):
    record = record_of(approved)
    wrong = Client().get(f"/verify/{record.code[:-1]}x/")
    missing = Client().get("/no-such-page/")
    assert wrong.status_code == missing.status_code == 404
    assert [t.name for t in wrong.templates][:1] == [t.name for t in missing.templates][:1]
    assert "Calm Contact" not in wrong.content.decode()


def test_the_record_follows_suspension_reinstatement_and_revocation(
    approved, coordinator, capture_commits
):
    code = record_of(approved).code
    assert standing_shown(code) == "active"
    coordinator_action(coordinator, approved, "suspend", "approved", capture_commits)
    assert standing_shown(code) == "suspended"
    assert "is suspended" in Client().get(f"/verify/{code}/").content.decode()
    coordinator_action(coordinator, approved, "reinstate", "suspended", capture_commits)
    assert standing_shown(code) == "active"
    coordinator_action(coordinator, approved, "revoke", "approved", capture_commits)
    assert standing_shown(code) == "revoked"
    assert "has been revoked" in Client().get(f"/verify/{code}/").content.decode()


def test_the_record_says_expired_once_the_approval_has_expired(approved):
    code = record_of(approved).code
    Submission.objects.filter(pk=approved.pk).update(
        expires_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    ApprovalRecord.objects.filter(code=code).update(
        expires_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    # Expired by its date even before the daily task moves it...
    assert standing_shown(code) == "expired"
    assert approvals_expire_due() == 1
    assert status_of(approved) == "expired"
    # ...and after.
    assert standing_shown(code) == "expired"
    assert "has expired" in Client().get(f"/verify/{code}/").content.decode()


def qr_payloads_in(pdf: bytes) -> list[str]:
    """Decode every QR code in the PDF's images, as a phone camera would read them."""
    payloads = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for image in page.images:
            payloads += [found.text for found in zxingcpp.read_barcodes(image.image)]
    return payloads


def test_the_certificate_carries_a_qr_code_that_decodes_to_the_record(
    approved, provider_a, settings
):
    record = record_of(approved)
    response = as_user(provider_a).get(f"/portal/submissions/{approved.pk}/certificate/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    url = f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/verify/{record.code}/"
    assert qr_payloads_in(response.content) == [url]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Calm Contact" in text and url in text


def test_the_portal_shows_the_record_and_the_certificate_link(approved, provider_a):
    record = record_of(approved)
    body = as_user(provider_a).get(f"/portal/submissions/{approved.pk}/").content.decode()
    assert f"/verify/{record.code}/" in body
    assert f"/portal/submissions/{approved.pk}/certificate/" in body


def test_only_the_provider_gets_the_certificate_and_only_while_active(
    approved, provider_b, coordinator, provider_a, capture_commits
):
    url = f"/portal/submissions/{approved.pk}/certificate/"
    assert as_user(provider_b).get(url).status_code == 404
    assert Client().get(url).status_code == 302  # to sign in
    assert as_user(provider_a).post(url).status_code == 405
    coordinator_action(coordinator, approved, "suspend", "approved", capture_commits)
    assert as_user(provider_a).get(url).status_code == 404
    body = as_user(provider_a).get(f"/portal/submissions/{approved.pk}/").content.decode()
    assert url not in body and "Suspended" in body


def test_the_catalog_entry_and_both_apis_expose_the_record_and_the_version(approved):
    record = record_of(approved)
    page = CurriculumPage.objects.get(pk=approved.catalog_page_id)
    body = Client().get(page.url).content.decode()
    assert f"/verify/{record.code}/" in body and "Version 1" in body
    result = ours(Client().get("/api/v2/catalog/").json()["results"], page.pk)
    assert result["approval_status"] == "active"
    assert result["verification_code"] == record.code
    assert result["verification_url"].endswith(f"/verify/{record.code}/")
    assert result["approved_version"] == {
        "number": 1,
        "date": timezone.localtime(record.version.created_at).date().isoformat(),
    }
    fields = "approval_status,verification_code,approved_version_number,approved_version_date"
    items = (
        Client()
        .get(f"/api/v2/pages/?type=curricula.CurriculumPage&fields={fields}&limit=100")
        .json()["items"]
    )
    item = ours(items, page.pk)
    assert item["approval_status"] == "active"
    assert item["verification_code"] == record.code
    assert item["approved_version_number"] == 1


def test_later_edits_change_nothing_in_the_catalog_until_approved_in_turn(
    approved, provider_a, coordinator, reviewers, capture_commits
):
    first = record_of(approved)
    provider = as_user(provider_a)
    provider.post(f"/portal/submissions/{approved.pk}/recertify/")
    copy = approved.recertifications.get()
    saved = provider.post(
        f"/portal/submissions/{copy.pk}/edit/curriculum/",
        curriculum_step(copy, title="Calm Contact, Second Edition"),
    )
    assert saved.status_code == 302
    copy.refresh_from_db()
    assert copy.title == "Calm Contact, Second Edition"

    def catalog_says():
        result = Client().get("/api/v2/catalog/?q=Calm+Contact").json()["results"]
        return [
            (r["title"], r["verification_code"]) for r in result if r["provider"] == "Academy A"
        ]

    # The draft, then its submission as a new version, leave the approved entry as it was.
    assert catalog_says() == [("Calm Contact", first.code)]
    copy.certified_by_name, copy.certified_at = "Pat Provider", timezone.now()
    copy.save()
    for action, user in [
        ("submit", provider_a),
        ("start_screening", coordinator),
        ("accept_for_review", coordinator),
    ]:
        submission_transition(submission_id=copy.pk, action=action, user=user)
    assert catalog_says() == [("Calm Contact", first.code)]
    page = CurriculumPage.objects.get(pk=approved.catalog_page_id)
    assert "Second Edition" not in Client().get(page.url).content.decode()

    # Approved in turn: the entry moves to the new version, the first record is superseded.
    assign(coordinator, copy, reviewers["officer"], reviewers["clinician"])
    accept_and_review(copy, reviewers["officer"], reviewers["clinician"])
    approve(coordinator, copy, capture_commits)
    second = record_of(copy)
    assert catalog_says() == [("Calm Contact, Second Edition", second.code)]
    assert second.version.snapshot["title"] == "Calm Contact, Second Edition"
    assert standing_shown(first.code) == "superseded"
    assert standing_shown(second.code) == "active"
    assert CurriculumPage.objects.filter(provider_name="Academy A").count() == 1


def test_a_republication_uses_the_approved_version_not_a_later_change(
    approved, coordinator, capture_commits
):
    # Whatever changes the live row afterwards, reinstating republishes the approved version.
    Submission.objects.filter(pk=approved.pk).update(title="Changed afterwards")
    coordinator_action(coordinator, approved, "suspend", "approved", capture_commits)
    coordinator_action(coordinator, approved, "reinstate", "suspended", capture_commits)
    page = CurriculumPage.objects.get(pk=approved.catalog_page_id)
    assert page.live and page.title == "Calm Contact"
    assert page.approved_version_number == 1 and page.approval_status == "active"
