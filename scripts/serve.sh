#!/usr/bin/env bash
# Serves the site on 127.0.0.1:$PORT with the background task worker and the scheduler (which
# enqueues the periodic jobs: scheduled publishing, resumed sends, reminders, index repair);
# Ctrl-C stops them all.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8000}"
# Warnings and errors only from these two: runserver's line per request stays readable.
LOG_LEVEL=WARNING .venv/bin/python manage.py db_worker &
worker=$!
LOG_LEVEL=WARNING .venv/bin/python manage.py scheduler &
scheduler=$!
trap 'kill "$worker" "$scheduler" 2>/dev/null || true' EXIT INT TERM
echo "Site: http://127.0.0.1:${PORT}/  (admin: http://127.0.0.1:${PORT}/admin/)"
.venv/bin/python manage.py runserver "127.0.0.1:${PORT}"
