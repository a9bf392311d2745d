"""Two people confirming the last place at the same moment: one place, one waitlist."""

import os
import threading

import pytest
from django.db import connection, connections

from training_events.models import Registration
from training_events.services import registration_cancel, registration_confirm

# SQLite serialises whole transactions, so only a server database shows the lock at work. The
# skip is decided before the database is set up: a transactional test's teardown empties the
# database, and serialized_rollback restores what migrations loaded for the tests after it.
pytestmark = [
    pytest.mark.skipif(
        "postgres" not in os.environ.get("DATABASE_URL", ""),
        reason="needs PostgreSQL, as CI's second run provides",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def server_database(transactional_db):
    assert connection.vendor == "postgresql"
    from pages.demo import site_essentials_ensure

    site_essentials_ensure()


def _at_once(action, registrations):
    start = threading.Barrier(len(registrations))

    def run(registration):
        start.wait()
        try:
            action(registration=registration)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(r,)) for r in registrations]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def _registration(event, email, status="pending"):
    return Registration.objects.create(
        event=event, name=email, agency="A", role="R", email=email, status=status
    )


def test_two_confirmations_for_the_last_place_give_it_once(server_database, make_event):
    event = make_event(capacity=1)
    pending = [_registration(event, f"p{n}@example.org") for n in range(2)]
    _at_once(registration_confirm, pending)
    statuses = sorted(Registration.objects.values_list("status", flat=True))
    assert statuses == ["confirmed", "waitlisted"]


def test_two_cancellations_at_once_promote_two_different_people(server_database, make_event):
    event = make_event(capacity=2)
    holders = [_registration(event, f"h{n}@example.org", "confirmed") for n in range(2)]
    for n in range(3):
        registration = _registration(event, f"w{n}@example.org")
        registration_confirm(registration=registration)
    _at_once(registration_cancel, holders)
    confirmed = set(
        Registration.objects.filter(status="confirmed").values_list("email", flat=True)
    )
    assert confirmed == {"w0@example.org", "w1@example.org"}
    assert Registration.objects.get(email="w2@example.org").status == "waitlisted"
