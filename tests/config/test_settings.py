"""Configuration comes from the environment, and production refuses unsafe defaults."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _import_settings(module: str, **env: str) -> subprocess.CompletedProcess:
    clean_env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DATABASE_URL", "TASKS_BACKEND", "EMAIL_URL", "DEBUG"}
    }
    clean_env.update(env)
    code = (
        f"import {module} as s, json; "
        "print(json.dumps({'db': s.DATABASES['default']['ENGINE'], "
        "'name': str(s.DATABASES['default']['NAME']), 'debug': s.DEBUG, "
        "'tasks': s.TASKS['default']['BACKEND'], 'email': s.EMAIL_BACKEND, "
        "'hosts': s.ALLOWED_HOSTS}))"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean_env, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _import_settings("config.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_starts_with_a_secret_key_and_debug_off():
    result = _import_settings("config.settings.production", SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    assert '"debug": false' in result.stdout


def test_database_defaults_to_sqlite_under_var():
    result = _import_settings("config.settings.production", SECRET_KEY="x" * 50)
    assert '"db": "django.db.backends.sqlite3"' in result.stdout
    assert ".var/db.sqlite3" in result.stdout


def test_environment_selects_database_email_tasks_and_hosts():
    result = _import_settings(
        "config.settings.production",
        SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://user:pw@127.0.0.1:5432/ledta",
        EMAIL_URL="smtp://127.0.0.1:1025",
        TASKS_BACKEND="immediate",
        ALLOWED_HOSTS="review.example.org, www.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "postgresql" in result.stdout
    assert "smtp.EmailBackend" in result.stdout
    assert "ImmediateBackend" in result.stdout
    assert '["review.example.org", "www.example.org"]' in result.stdout


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("TASKS_BACKEND", "celery", "TASKS_BACKEND must be one of"),
        ("DEBUG", "maybe", "DEBUG must be a boolean"),
        ("DISABLED_APPS", "pages", "DISABLED_APPS names apps that are not optional"),
    ],
)
def test_invalid_configuration_is_refused_with_a_clear_message(variable, value, message):
    result = _import_settings(
        "config.settings.production", SECRET_KEY="x" * 50, **{variable: value}
    )
    assert result.returncode != 0
    assert message in result.stderr


def test_development_keeps_its_generated_key_out_of_the_repository(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", "import config.settings.dev as s; print(s.SECRET_KEY)"],
        cwd=ROOT,
        env={**os.environ, "VAR_DIR": str(tmp_path), "SECRET_KEY": ""},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    key = result.stdout.strip()
    assert len(key) >= 50
    assert (tmp_path / "dev-secret-key").read_text().strip() == key


def _search_settings(**env) -> subprocess.CompletedProcess:
    code = (
        "import config.settings.production as s, json; print(json.dumps(s.WAGTAILSEARCH_BACKENDS))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "SECRET_KEY": "x" * 50, **env},
        capture_output=True,
        text=True,
    )


def test_search_defaults_to_the_database_backend():
    result = _search_settings(SEARCH_BACKEND="", SEARCH_URL="")
    assert json.loads(result.stdout) == {
        "default": {"BACKEND": "wagtail.search.backends.database"}
    }


@pytest.mark.parametrize(
    ("kind", "module"),
    [
        ("opensearch2", "opensearch2"),
        ("opensearch3", "opensearch3"),
        ("elasticsearch8", "elasticsearch8"),
        ("elasticsearch9", "elasticsearch9"),
    ],
)
def test_search_cluster_is_chosen_by_environment_with_the_database_kept_beside_it(kind, module):
    result = _search_settings(
        SEARCH_BACKEND=kind, SEARCH_URL="http://127.0.0.1:9200", SEARCH_INDEX_PREFIX="site1_"
    )
    backends = json.loads(result.stdout)
    assert backends["default"]["BACKEND"] == f"wagtail.search.backends.{module}"
    assert backends["default"]["URLS"] == ["http://127.0.0.1:9200"]
    assert backends["default"]["INDEX_PREFIX"] == "site1_"
    assert backends["database"]["BACKEND"] == "wagtail.search.backends.database"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SEARCH_BACKEND": "solr"}, "SEARCH_BACKEND must be one of"),
        ({"SEARCH_BACKEND": "opensearch2", "SEARCH_URL": ""}, "needs SEARCH_URL"),
    ],
)
def test_invalid_search_configuration_is_refused(env, message):
    result = _search_settings(**env)
    assert result.returncode != 0
    assert message in result.stderr
