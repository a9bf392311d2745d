"""Each optional app can be left out: the core site still migrates, seeds and serves."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

SERVE_SCRIPT = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("seed_demo", verbosity=0)
from django.test import Client
client = Client()
for path in ["/", "/about/", "/news/", "/resources/", "/admin/login/", "/api/v2/pages/"]:
    status = client.get(path).status_code
    assert status == 200, (path, status)
for path in [
    "/catalog/",
    "/api/v2/catalog/",
    "/portal/materials/x/",
    "/stay-connected/",
    "/events/",
    "/api/v2/events/",
    "/impact/",
    "/api/v2/impact/",
]:
    print(path, client.get(path).status_code)
"""

OPTIONAL_APPS = ["curricula", "search", "review_workflow", "mailing", "training_events", "impact"]
# What each app's absence takes away (search, events and impact build on the catalog, so they
# go with curricula).
EXPECTED_WITHOUT = {
    "curricula": ["/catalog/ 404", "/api/v2/catalog/ 404", "/events/ 404", "/impact/ 404"],
    "search": ["/catalog/ 200", "/api/v2/catalog/ 404", "/events/ 200"],
    "review_workflow": ["/catalog/ 200", "/portal/materials/x/ 404", "/impact/ 200"],
    "mailing": ["/catalog/ 200", "/stay-connected/ 404", "/events/ 200"],
    "training_events": ["/catalog/ 200", "/events/ 404", "/api/v2/events/ 404", "/impact/ 200"],
    "impact": ["/events/ 200", "/impact/ 404", "/api/v2/impact/ 404", "/api/v2/events/ 200"],
}


@pytest.mark.slow
@pytest.mark.parametrize("app", OPTIONAL_APPS)
def test_site_starts_and_serves_without_the_optional_app(app, tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DISABLED_APPS": app,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "VAR_DIR": str(tmp_path),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "ALLOWED_HOSTS": "testserver",
        "TASKS_BACKEND": "immediate",
        "LOG_LEVEL": "ERROR",
    }
    result = subprocess.run(
        [sys.executable, "-c", SERVE_SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    for line in EXPECTED_WITHOUT[app]:
        assert line in result.stdout


def test_every_optional_app_is_covered():
    from django.conf import settings

    assert set(OPTIONAL_APPS) == set(settings.OPTIONAL_APPS)
