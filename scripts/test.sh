#!/usr/bin/env bash
# The whole check: lint, Django's deployment and migration checks, then every test layer.
# Extra arguments go to pytest (for example: scripts/test.sh -k catalog).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

scripts/ensure-system-packages.sh

.venv/bin/ruff check .
.venv/bin/ruff format --check .
DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY="$(openssl rand -hex 32)" \
  ALLOWED_HOSTS=example.org "$PY" manage.py check --deploy --fail-level WARNING
DJANGO_SETTINGS_MODULE=config.settings.test "$PY" manage.py makemigrations --check --dry-run

# Both cores: test files are shared out between two workers (TEST_WORKERS=0 runs in one process).
"$PY" -m pytest -n "${TEST_WORKERS:-2}" --dist loadfile "$@"
