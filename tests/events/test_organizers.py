"""Event organizers see and export the attendees of their own events only."""

import csv
import io

import pytest
from django.contrib.auth.models import Group

from training_events.csv_export import attendees_csv
from training_events.models import ORGANIZER_GROUP, Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizer(django_user_model):
    user = django_user_model.objects.create_user("org@example.org", "org@example.org", "pw")
    user.groups.add(Group.objects.get(name=ORGANIZER_GROUP))
    return user


def _attend(event, name, email, status="confirmed"):
    return Registration.objects.create(
        event=event, name=name, agency="=HYPERLINK(\"http://x\")", role="+Trainer", email=email,
        status=status,
    )  # fmt: skip


def test_organizer_sees_and_exports_only_own_events(client, organizer, make_event):
    own = make_event("Own Event")
    own.organizers.add(organizer)
    own.save_revision().publish()
    other = make_event("Someone Else's Event")
    _attend(own, "@mallory", "m@example.org")
    _attend(own, "Pending Person", "p@example.org", status="pending")
    _attend(other, "Hidden", "h@example.org")
    client.force_login(organizer)

    listing = client.get("/admin/event-attendees/")
    assert listing.status_code == 200
    assert b"Own Event" in listing.content
    assert b"Someone Else" not in listing.content
    assert client.get(f"/admin/event-attendees/{other.pk}/").status_code == 404
    assert client.get(f"/admin/event-attendees/{other.pk}/attendees.csv").status_code == 404

    page = client.get(f"/admin/event-attendees/{own.pk}/")
    assert b"m@example.org" in page.content
    assert b"p@example.org" not in page.content

    export = client.get(f"/admin/event-attendees/{own.pk}/attendees.csv")
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert rows[0] == ["name", "agency", "role", "email", "status", "confirmed_at"]
    assert rows[1][:5] == [
        "'@mallory",
        '\'=HYPERLINK("http://x")',
        "'+Trainer",
        "m@example.org",
        "confirmed",
    ]
    assert len(rows) == 2


def test_people_without_the_role_see_no_attendees(client, django_user_model, make_event):
    event = make_event()
    editor = django_user_model.objects.create_user("ed@example.org", "ed@example.org", "pw")
    editor.groups.add(Group.objects.get(name="Communications editor"))
    event.organizers.add(editor)
    event.save_revision().publish()
    client.force_login(editor)
    # Wagtail's admin answers a refused permission with a redirect to the dashboard.
    refused = client.get("/admin/event-attendees/")
    assert (refused.status_code, refused.url) == (302, "/admin/")
    assert client.get(f"/admin/event-attendees/{event.pk}/attendees.csv").status_code == 404


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_neutralised(start, make_event):
    registration = Registration(
        event=make_event(), name=f"{start}1+1", agency="plain", role="R", email="a@example.org"
    )
    _header, row = csv.reader(io.StringIO(attendees_csv([registration]), newline=""))
    assert row[:2] == [f"'{start}1+1", "plain"]
