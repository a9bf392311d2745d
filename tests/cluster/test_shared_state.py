"""Two web hosts, each with a folder of its own, agree on everything through Redis and
PostgreSQL: what one publishes the other shows at once, sign-in failures count once across
both, and two task workers racing send an announcement to each subscriber exactly once."""

import secrets

import pytest
import requests
from playwright.sync_api import expect

from .helpers import get, operator, wait_until

# One topology for the layer: every cluster test runs in the same xdist worker.
pytestmark = [pytest.mark.cluster, pytest.mark.slow, pytest.mark.xdist_group("cluster")]

PASSWORD = "correct horse battery staple 42"


def _account(topology, *, superuser: bool) -> str:
    """A new account on the deployment; its email address is returned."""
    email = f"user-{secrets.token_hex(4)}@example.org"
    maker = "create_superuser" if superuser else "create_user"
    operator(
        topology,
        "from django.contrib.auth import get_user_model; "
        f"get_user_model().objects.{maker}(username={email!r}, email={email!r}, "
        f"password={PASSWORD!r}); print('null')",
    )
    return email


def test_a_page_published_through_one_host_shows_at_once_through_the_other(topology, page):
    web1, web2 = (web.url for web in topology.web)
    page_id, old_title = operator(
        topology,
        "import json; from pages.models import StandardPage; "
        "p = StandardPage.objects.get(slug='about'); print(json.dumps([p.pk, p.title]))",
    )
    # Web 2 has read and cached the menu that names the page.
    status, home = get(f"{web2}/")
    assert status == 200 and old_title in home

    # An editor renames it in the admin of web 1 and publishes.
    email = _account(topology, superuser=True)
    page.goto(f"{web1}/admin/pages/{page_id}/edit/")
    page.get_by_label("Username").press_sequentially(email)
    page.get_by_label("Password").press_sequentially(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**/admin/pages/{page_id}/edit/")
    new_title = f"About the programme {secrets.token_hex(3)}"
    page.get_by_role("textbox", name="Title*").fill(new_title)
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("has been published")).to_be_visible()

    status, home = get(f"{web2}/")
    assert status == 200
    assert new_title in home, "web 2 still shows the menu it cached before the change"
    assert old_title not in home.replace(new_title, "")
    assert new_title in get(f"{web2}/about/")[1]


def _sign_in(base_url: str, email: str, password: str) -> bool:
    """Sign in at the portal's door; True if it let the person in."""
    session = requests.Session()
    session.get(f"{base_url}/accounts/login/", timeout=30)
    response = session.post(
        f"{base_url}/accounts/login/",
        data={
            "email": email,
            "password": password,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        allow_redirects=False,
        timeout=30,
    )
    return response.status_code == 302 and "sessionid" in session.cookies


def test_failed_sign_ins_spread_over_both_hosts_lock_the_account_once(topology):
    hosts = [web.url for web in topology.web]
    email = _account(topology, superuser=False)
    for attempt in range(4):
        assert not _sign_in(hosts[attempt % 2], email, "wrong password")
    # Four failures, two on each host: not yet blocked, and the right password clears them.
    assert _sign_in(hosts[1], email, PASSWORD)
    # Five failures in all, three on one host and two on the other: both hosts refuse the
    # right password (counted per host, neither would have reached five).
    for attempt in range(5):
        assert not _sign_in(hosts[attempt % 2], email, "wrong password")
    assert not _sign_in(hosts[0], email, PASSWORD)
    assert not _sign_in(hosts[1], email, PASSWORD)
    # Ten in all: one lock still, not one a host.
    for attempt in range(5):
        assert not _sign_in(hosts[attempt % 2], email, "wrong password")
    assert not _sign_in(hosts[1], email, PASSWORD)


SUBSCRIBERS = 120


def test_two_workers_racing_send_an_announcement_to_each_subscriber_exactly_once(topology, smtp):
    _, sink = smtp
    tag = secrets.token_hex(4)
    # Two batch tasks queued for one send: both workers take one and race over the rows.
    operator(
        topology,
        "from django.contrib.auth import get_user_model\n"
        "from mailing.models import Announcement, Subscriber\n"
        "from mailing.services import announcement_send\n"
        "from mailing.tasks import announcement_send_batch\n"
        "Subscriber.objects.bulk_create([Subscriber(email=f'reader{i}-"
        f"{tag}@example.org', status='confirmed') for i in range({SUBSCRIBERS})])\n"
        "Announcement.objects.filter(sending='not_sent').update(live=False)\n"
        f"a = Announcement.objects.create(subject='Race {tag}', body='<p>Hello.</p>', live=True)\n"
        "user = get_user_model().objects.filter(is_superuser=True).first()\n"
        "announcement_send(announcement=a, user=user)\n"
        "announcement_send_batch.enqueue(a.pk)\n"
        "print('null')",
    )

    def delivered():
        mine = [mail for mail in sink.received if mail.subject == f"Race {tag}"]
        return mine if len(mine) >= SUBSCRIBERS else None

    wait_until(delivered, timeout=180, message="the announcement was not delivered to everyone")
    wait_until(
        lambda: operator(
            topology,
            "from mailing.models import Announcement; "
            f"print('true' if Announcement.objects.get(subject='Race {tag}').sending == 'done' "
            "else 'false')",
        ),
        timeout=60,
    )
    mine = [mail for mail in sink.received if mail.subject == f"Race {tag}"]
    recipients = sorted(address for mail in mine for address in mail.recipients)
    expected = sorted(f"reader{i}-{tag}@example.org" for i in range(SUBSCRIBERS))
    assert recipients == expected, "some subscriber got the announcement twice or not at all"
    assert {mail.message["Message-ID"] for mail in mine}.__len__() == SUBSCRIBERS
