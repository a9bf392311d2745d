"""Submission materials: judged by content, size-limited, private, served only to the right people."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from review_workflow.services.lifecycle import submission_transition
from review_workflow.services.submissions import material_add, material_remove

from .conftest import docx_upload, make_user, pdf_upload


@pytest.fixture
def material(complete_draft):
    return complete_draft.materials.get()


def test_a_pdf_and_a_docx_are_accepted_by_their_content(complete_draft, provider_a):
    docx = material_add(submission=complete_draft, user=provider_a, uploaded=docx_upload())
    assert docx.kind == "docx"
    assert complete_draft.materials.get(original_name="curriculum.pdf").kind == "pdf"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("course.pdf", b"MZ\x90\x00" + b"\x00" * 200), "is not a PDF"),
        (SimpleUploadedFile("notes.txt", b"just text"), "is not a PDF"),
        (SimpleUploadedFile("slides.pptx", b"PK\x03\x04not really a zip"), "is not a PDF"),
        (pdf_upload("handout.docx"), "its content is PDF"),
    ],
    ids=["executable-named-pdf", "text", "fake-zip", "pdf-named-docx"],
)
def test_files_whose_content_is_not_accepted_are_refused(
    complete_draft, provider_a, upload, message
):
    with pytest.raises(ValidationError, match=message):
        material_add(submission=complete_draft, user=provider_a, uploaded=upload)
    assert complete_draft.materials.count() == 1


@pytest.mark.parametrize(
    "name",
    [
        "..\\boot.pdf",
        "evil\x00.pdf",
        ".hidden.pdf",
        "a\u202egpj.pdf",
        "x" * 300 + ".pdf",
    ],
    ids=["backslash", "nul", "dotfile", "bidi-override", "too-long"],
)
def test_hostile_file_names_are_refused(complete_draft, provider_a, name):
    with pytest.raises(ValidationError, match="file name is not allowed"):
        material_add(submission=complete_draft, user=provider_a, uploaded=pdf_upload(name))


def test_path_parts_in_a_file_name_never_reach_the_disk(complete_draft, provider_a):
    material = material_add(
        submission=complete_draft, user=provider_a, uploaded=pdf_upload("../../etc/passwd.pdf")
    )
    assert material.original_name == "passwd.pdf"  # Django keeps only the last part
    assert material.file.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert "passwd" not in material.file.path


def test_files_over_the_size_limits_are_refused(complete_draft, provider_a, settings):
    settings.SUBMISSION_FILE_MAX_BYTES = 100
    with pytest.raises(ValidationError, match="each file may be at most"):
        material_add(submission=complete_draft, user=provider_a, uploaded=pdf_upload())
    settings.SUBMISSION_FILE_MAX_BYTES = 10**6
    used = complete_draft.materials.get().size
    settings.SUBMISSION_TOTAL_MAX_BYTES = used + 10
    with pytest.raises(ValidationError, match="past its total limit"):
        material_add(submission=complete_draft, user=provider_a, uploaded=pdf_upload("more.pdf"))


def test_materials_are_stored_outside_the_public_media_path(material):
    path = material.file.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    assert "curriculum" not in path  # the stored name is random, not the provider's
    with pytest.raises(ValueError, match="no public URL"):
        material.file.url  # noqa: B018


def test_submitted_materials_are_locked(complete_draft, provider_a, material):
    submission_transition(submission_id=complete_draft.pk, action="submit", user=provider_a)
    material.refresh_from_db()
    with pytest.raises(ValidationError, match="cannot be removed"):
        material_remove(material=material, user=provider_a)
    with pytest.raises(ValidationError, match="only be added while"):
        material_add(submission=complete_draft, user=provider_a, uploaded=pdf_upload("late.pdf"))


def test_the_owner_and_coordinators_can_download(client, material, provider_a, coordinator):
    url = f"/portal/materials/{material.token}/"
    for user in (provider_a, coordinator):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
        assert response["Content-Type"] == "application/pdf"
        assert "attachment" in response["Content-Disposition"]
        assert response["Cache-Control"] == "private, no-store"


def test_another_provider_and_the_public_get_404(client, material, provider_b, org_a):
    url = f"/portal/materials/{material.token}/"
    assert client.get(url).status_code == 404
    client.force_login(provider_b)
    assert client.get(url).status_code == 404
    colleague = make_user("colleague-of-a", organization=org_a)
    client.force_login(colleague)
    assert client.get(url).status_code == 200


def test_guessing_material_urls_finds_nothing(client, material, provider_b):
    client.force_login(provider_b)
    for guess in ["1", str(material.pk), material.token[:-1] + "A", "../" + material.token]:
        assert client.get(f"/portal/materials/{guess}/").status_code == 404


def test_no_public_media_url_serves_the_file(client, material):
    stored_name = material.file.name
    for url in [f"/media/{stored_name}", f"/documents/{stored_name}", f"/{stored_name}"]:
        assert client.get(url, follow=True).status_code == 404
