"""Communications editors (and administrators) work with images and documents, as the README
says: Wagtail checks these per collection."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from tests.accounts.conftest import make_member


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (40, 30), "navy").save(buffer, "PNG")
    return SimpleUploadedFile("badge.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture(params=["Communications editor", "Administrator"])
def media_user(request, db, client):
    user = make_member(f"user-{request.param[:5].lower()}", request.param)
    client.force_login(user)
    return user


def test_media_users_open_the_image_and_document_libraries(client, media_user):
    assert client.get("/admin/images/").status_code == 200
    assert client.get("/admin/documents/").status_code == 200


def test_media_users_upload_an_image(client, media_user):
    response = client.post(
        "/admin/images/add/",
        {
            "title": "Badge",
            "file": _png(),
            "collection": str(Collection.get_first_root_node().pk),
            "tags": "",
            "description": "",
            "focal_point_x": "",
            "focal_point_y": "",
            "focal_point_width": "",
            "focal_point_height": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Image.objects.get(title="Badge").uploaded_by_user == media_user


def test_media_users_upload_a_document(client, media_user):
    response = client.post(
        "/admin/documents/add/",
        {
            "title": "Guide",
            "file": SimpleUploadedFile("guide.txt", b"De-escalation guide", "text/plain"),
            "collection": str(Collection.get_first_root_node().pk),
            "tags": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Document.objects.get(title="Guide").uploaded_by_user == media_user


def test_an_administrator_may_now_grant_the_editor_role(client, db):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    client.force_login(make_member("admin-role", "Administrator"))
    editor = Group.objects.get(name="Communications editor")
    password = "another-long-password-42"
    response = client.post(
        "/admin/users/new/",
        {
            "username": "casey",
            "email": "casey@example.org",
            "first_name": "Casey",
            "last_name": "Editor",
            "password1": password,
            "password2": password,
            "groups": str(editor.pk),
        },
    )
    assert response.status_code == 302
    casey = get_user_model().objects.get(username="casey")
    assert list(casey.groups.values_list("name", flat=True)) == ["Communications editor"]
