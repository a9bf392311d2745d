"""Every response carries the Content-Security-Policy and Permissions-Policy; private pages are
never stored; idle sessions end."""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from review_workflow.models import OrganizationMember
from security.middleware import LAST_ACTIVITY_KEY
from tests.accounts.conftest import PASSWORD, make_member
from tests.smtp import free_port

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def provider(db):
    from tests.review_workflow.conftest import make_organization

    user = make_member("provider", "Provider")
    OrganizationMember.objects.create(user=user, organization=make_organization("Riverside"))
    return user


@pytest.fixture
def staff(db):
    return make_member("staffer", "Review coordinator")


def _script_src(response) -> str:
    policy = response.headers["Content-Security-Policy"]
    return next(part for part in policy.split("; ") if part.startswith("script-src"))


@pytest.mark.parametrize("url", ["/", "/admin/login/", "/accounts/login/"])
def test_pages_forbid_inline_scripts_and_unused_browser_features(client, home_page, url):
    response = client.get(url)
    assert response.status_code == 200
    assert _script_src(response) == "script-src 'self'"
    assert "object-src 'none'" in response.headers["Content-Security-Policy"]
    assert "camera=()" in response.headers["Permissions-Policy"]


def test_the_admin_pages_carry_the_policy_too(client, db):
    client.force_login(make_member("root", is_superuser=True))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert _script_src(response) == "script-src 'self'"
    assert "no-store" in response.headers["Cache-Control"]


@pytest.mark.parametrize("url", ["/accounts/login/", "/accounts/password-reset/", "/admin/login/"])
def test_sign_in_and_account_pages_are_never_stored(client, db, url):
    assert "no-store" in client.get(url).headers["Cache-Control"]


def test_the_portal_is_never_stored(client, provider):
    client.force_login(provider)
    response = client.get("/portal/")
    assert "no-store" in response.headers["Cache-Control"]


def test_public_pages_may_be_cached_for_anonymous_visitors(client, home_page):
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")


def _idle(client, minutes: int) -> None:
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - minutes * 60
    session.save()


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_staff_are_signed_out_after_thirty_idle_minutes(client, staff):
    client.post("/admin/login/", {"next": "", "username": staff.username, "password": PASSWORD})
    assert client.get("/admin/").status_code == 200
    _idle(client, 29)
    assert client.get("/admin/").status_code == 200
    _idle(client, 31)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
    assert not _signed_in(client)


def test_providers_are_signed_out_after_sixty_idle_minutes(client, provider):
    client.post("/accounts/login/", {"next": "", "email": provider.email, "password": PASSWORD})
    assert client.get("/portal/").status_code == 200
    _idle(client, 45)
    assert client.get("/portal/").status_code == 200
    _idle(client, 61)
    response = client.get("/portal/")
    assert response.status_code == 302
    assert "/accounts/login/" in response.url
    assert not _signed_in(client)


def test_the_idle_timeouts_come_from_the_environment():
    script = (
        "from django.conf import settings; "
        "print(settings.SESSION_IDLE_TIMEOUT_STAFF, settings.SESSION_IDLE_TIMEOUT_PROVIDERS)"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "SESSION_IDLE_MINUTES_STAFF": "10",
        "SESSION_IDLE_MINUTES_PROVIDERS": "20",
    }
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {script}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.split() == ["600", "1200"], result.stderr[-2000:]


@pytest.fixture
def production_server(tmp_path):
    """The site under production settings (DEBUG off) in a real server process."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "production-like-test-key-" + "x" * 40,
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "VAR_DIR": str(tmp_path),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "TASKS_BACKEND": "immediate",
        "LOG_LEVEL": "ERROR",
    }
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--no-input", "-v0"], ["collectstatic", "--no-input", "-v0"]):
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, timeout=600)
    server = subprocess.Popen(
        [*manage, "runserver", "--noreload", "--insecure", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/admin/login/", timeout=5)  # noqa: S310
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.5)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.mark.slow
def test_a_production_server_sends_the_headers(production_server):
    for path in ["/admin/login/", "/accounts/login/"]:
        with urllib.request.urlopen(production_server + path, timeout=10) as response:  # noqa: S310
            headers = response.headers
        assert "script-src 'self'" in headers["Content-Security-Policy"], path
        assert (
            "unsafe-inline"
            not in headers["Content-Security-Policy"].split("script-src")[1].split(";")[0]
        )
        assert "camera=()" in headers["Permissions-Policy"], path
        assert "no-store" in headers["Cache-Control"], path
        assert headers["X-Content-Type-Options"] == "nosniff"
