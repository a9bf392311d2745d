"""Staff import subscribers from CSV (all or nothing) and mark addresses in bulk."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mailing.models import Subscriber

pytestmark = pytest.mark.django_db

GOOD = (
    "email,topics,project_announcements,previously_confirmed,evidence\n"
    "new@example.org,suicide-prevention;Disability awareness,yes,no,\n"
    "kept@example.org,,no,yes,Signed sheet at the 2026 summit\n"
    "old@example.org,,yes,no,\n"
)


def upload(client, text, source="2026 summit sign-up sheet"):
    return client.post(
        "/admin/subscribers/import/",
        {"file": SimpleUploadedFile("list.csv", text.encode()), "consent_source": source},
    )


def test_import_creates_pending_and_evidenced_confirmed_addresses(
    client, admin_user, smtp_server, django_capture_on_commit_callbacks
):
    Subscriber.objects.create(email="old@example.org", status="unsubscribed")
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, GOOD)
    assert response.status_code == 302
    new = Subscriber.objects.get(email="new@example.org")
    assert new.status == "pending" and new.source == "import"
    assert new.consent_source == "2026 summit sign-up sheet"
    assert new.topics.count() == 2
    assert Subscriber.objects.get(email="kept@example.org").status == "confirmed"
    assert Subscriber.objects.get(email="old@example.org").status == "unsubscribed"
    assert [m.subject for m in smtp_server.to("new@example.org")] == ["Confirm your subscription"]
    assert smtp_server.to("kept@example.org") == [] and smtp_server.to("old@example.org") == []


def test_an_import_with_bad_rows_reports_each_by_line_and_writes_nothing(client, admin_user):
    client.force_login(admin_user)
    bad = GOOD + "not-an-email,,yes,no,\nfourth@example.org,no-such-topic,maybe,yes,\n"
    response = upload(client, bad)
    assert response.status_code == 400
    body = response.content.decode()
    for problem in [
        "line 5: email: &#x27;not-an-email&#x27; is not a valid email address",
        "line 6: topics: unknown topic &#x27;no-such-topic&#x27;",
        "line 6: project_announcements: &#x27;maybe&#x27; is not yes or no",
        "line 6: evidence: required when previously_confirmed is yes",
    ]:
        assert problem in body
    assert not Subscriber.objects.exists()


def test_import_needs_a_consent_source(client, admin_user):
    client.force_login(admin_user)
    assert upload(client, GOOD, source="").status_code == 400
    assert not Subscriber.objects.exists()


def test_staff_mark_addresses_in_bulk(client, admin_user):
    for email in ["a@example.org", "b@example.org"]:
        Subscriber.objects.create(email=email, status="confirmed")
    client.force_login(admin_user)
    response = client.post(
        "/admin/subscribers/mark/",
        {"emails": "A@example.org\nb@example.org\n", "action": "bounced"},
    )
    assert response.status_code == 302
    assert set(Subscriber.objects.values_list("status", flat=True)) == {"bounced"}


def test_people_without_the_permission_cannot_import(client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user(username="editor", password="x" * 14)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = upload(client, GOOD)
    assert response.status_code in (302, 403)
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize("role", ["Communications editor", "Administrator"])
def test_the_communications_roles_run_the_mailing_list(client, django_user_model, role):
    from django.contrib.auth.models import Group

    from mailing.models import Announcement

    user = django_user_model.objects.create_user(username="comms", password="x" * 14)
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    announcement = Announcement.objects.create(subject="Summit", body="Hello.")
    assert client.get("/admin/mailing/subscriber/").status_code == 200
    assert client.get("/admin/snippets/mailing/announcement/").status_code == 200
    assert client.get(f"/admin/announcements/{announcement.pk}/send/").status_code == 200
    assert upload(client, GOOD).status_code == 302
    assert Subscriber.objects.count() == 3
