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

# One worker per core (TEST_WORKERS=0 runs in this process, for a debugger). Tests that share
# one expensive fixture (the cluster layer's topology) name a group and run in one worker.
if [ "${TEST_WORKERS:-auto}" = 0 ]; then
  "$PY" -m pytest "$@"
else
  "$PY" -m pytest -n "${TEST_WORKERS:-auto}" --dist loadgroup "$@"
fi
