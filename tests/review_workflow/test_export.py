"""A submission's complete record, exported as JSON and PDF, for coordinators only."""

import datetime
import json
import logging
import re

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from review_workflow.core.permissions import REVIEWER
from review_workflow.models import (
    Assignment,
    ConsensusRating,
    Decision,
    Review,
    StandardRating,
)
from review_workflow.selectors.export import (
    DEJAVU_DIR,
    FORMAT,
    submission_record,
    submission_record_pdf,
)

from .conftest import make_reviewer

CONFIDENTIAL = "Between us: the scenarios look borrowed."
LETTER = "Dear Academy A, your curriculum needs revisions."


def json_url(submission):
    return f"/admin/submissions/{submission.pk}/export.json"


def pdf_url(submission):
    return f"/admin/submissions/{submission.pk}/export.pdf"


@pytest.fixture
def reviewer(db):
    """A reviewer in the Reviewer group: with admin access, like every reviewer."""
    user = make_reviewer("rowan")
    user.groups.add(Group.objects.get(name=REVIEWER))
    return user


@pytest.fixture
def reviewed(accepted_submission, coordinator, reviewer):
    """An accepted submission with one submitted review, a consensus and a final decision."""
    submission = accepted_submission
    standard = submission.standards_version.standards.first()
    assignment = Assignment.objects.create(
        submission=submission,
        reviewer=reviewer,
        assigned_by=coordinator,
        status=Assignment.Status.SUBMITTED,
        due_date=timezone.localdate() + datetime.timedelta(days=14),
        responded_at=timezone.now(),
    )
    review = Review.objects.create(
        assignment=assignment,
        strengths="Strong scenarios.",
        required_changes="Add a module on mental-health crises.",
        provider_comments="Well organised.",
        confidential_comments=CONFIDENTIAL,
        recommendation="revise",
        submitted_at=timezone.now(),
    )
    StandardRating.objects.create(
        review=review, standard=standard, rating="partially", comment="Thin on follow-up."
    )
    ConsensusRating.objects.create(
        submission=submission,
        round=1,
        standard=standard,
        rating="partially",
        recorded_by=coordinator,
    )
    Decision.objects.create(
        submission=submission,
        round=1,
        outcome=Decision.Outcome.REVISIONS_REQUESTED,
        stage=Decision.Stage.FINAL,
        required_changes="Add a module on mental-health crises.",
        drafted_by=coordinator,
        finalised_at=timezone.now(),
        letter_subject="Revisions requested: Calm Contact",
        letter_body=LETTER,
    )
    return submission


def test_the_json_export_holds_the_complete_record(client, coordinator, reviewed, caplog):
    client.force_login(coordinator)
    with caplog.at_level(logging.INFO, logger="review_workflow.admin.coordinator_views"):
        response = client.get(json_url(reviewed))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert (
        response["Content-Disposition"] == f'attachment; filename="submission-{reviewed.pk}.json"'
    )
    record = json.loads(response.content)
    assert record["format"] == FORMAT and record["format_version"] == 1
    assert record["submission"]["title"] == "Calm Contact"
    assert [event["action"] for event in record["events"]] == [
        "create",
        "material_added",
        "submit",
        "start_screening",
        "accept_for_review",
    ]
    submitted = record["events"][2]
    assert submitted["from_status"] == "draft" and submitted["to_status"] == "submitted"
    assert datetime.datetime.fromisoformat(submitted["at"]).utcoffset() == datetime.timedelta(0)
    assert record["versions"][0]["number"] == 1
    assert record["versions"][0]["snapshot"]["title"] == "Calm Contact"
    review = record["assignments"][0]["review"]
    assert record["assignments"][0]["reviewer"] == "Rowan Reviewer"
    assert review["confidential_comments"] == CONFIDENTIAL
    assert review["ratings"][0]["rating"] == "partially"
    assert review["ratings"][0]["comment"] == "Thin on follow-up."
    assert record["consensus"][0]["round"] == 1
    assert record["consensus"][0]["ratings"][0]["rating_label"] == "Partially meets"
    decision = record["decisions"][0]
    assert decision["outcome"] == "revisions_requested" and decision["stage"] == "final"
    assert decision["letter"]["body"] == LETTER
    assert f"Submission {reviewed.pk} exported as json" in caplog.text


def test_a_submission_without_reviews_exports_empty_lists(coordinator, complete_draft):
    record = submission_record(submission=complete_draft)

    assert record["versions"] == []
    assert record["assignments"] == [] and record["consensus"] == []
    assert record["decisions"] == []
    assert record["submission"]["approved_at"] is None
    assert submission_record_pdf(record).startswith(b"%PDF")


def test_the_pdf_export_is_a_pdf_attachment(client, coordinator, reviewed):
    client.force_login(coordinator)

    response = client.get(pdf_url(reviewed))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"] == f'attachment; filename="submission-{reviewed.pk}.pdf"'
    )
    assert response.content.startswith(b"%PDF")


def test_the_pdf_lays_out_the_record_in_the_core_font_without_dejavu(reviewed, tmp_path):
    record = submission_record(submission=reviewed)

    # An empty font directory stands for a machine without DejaVu installed.
    pdf = submission_record_pdf(record, compress=False, font_dir=tmp_path)

    assert pdf.startswith(b"%PDF")
    assert b"/Helvetica" in pdf
    for text in ("Calm Contact", CONFIDENTIAL, LETTER, "Thin on follow-up.", "Screening started"):
        assert text.encode() in pdf


def test_the_core_font_replaces_characters_it_cannot_print(reviewed, tmp_path):
    record = submission_record(submission=reviewed)
    record["submission"]["title"] = "Calm Contact Ωmega → next"

    pdf = submission_record_pdf(record, compress=False, font_dir=tmp_path)

    assert b"Calm Contact ?mega -> next" in pdf


@pytest.mark.skipif(
    not (DEJAVU_DIR / "DejaVuSans.ttf").is_file(), reason="DejaVu fonts are not installed"
)
def test_the_pdf_prints_any_text_in_dejavu_when_installed(reviewed):
    record = submission_record(submission=reviewed)
    record["submission"]["title"] = "Calm Contact Ωmega → next"

    pdf = submission_record_pdf(record, compress=False)

    assert b"DejaVu" in pdf
    # Text set in an embedded font is stored as glyph numbers: read the title from the
    # document's metadata, written in UTF-16.
    title = re.search(rb"/Title <feff([0-9a-f]+)>", pdf).group(1)
    assert bytes.fromhex(title.decode()).decode("utf-16-be") == (
        "Submission record: Calm Contact Ωmega → next"
    )


def test_a_missing_submission_is_not_found(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/admin/submissions/999999/export.json").status_code == 404


def test_reviewers_cannot_export_even_a_submission_they_reviewed(client, reviewer, reviewed):
    client.force_login(reviewer)
    for url in (json_url(reviewed), pdf_url(reviewed)):
        response = client.get(url)
        assert response.status_code == 404
        assert CONFIDENTIAL.encode() not in response.content
        assert b"Calm Contact" not in response.content


def test_providers_and_anonymous_visitors_cannot_export(client, provider_a, reviewed):
    for url in (json_url(reviewed), pdf_url(reviewed)):
        anonymous = client.get(url)
        assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    client.force_login(provider_a)
    for url in (json_url(reviewed), pdf_url(reviewed)):
        response = client.get(url)
        assert response.status_code in (302, 403, 404)
        assert b"Calm Contact" not in response.content
