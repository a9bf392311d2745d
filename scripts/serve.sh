#!/usr/bin/env bash
# Serves the site on 127.0.0.1:$PORT together with the background task worker; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8000}"
.venv/bin/python manage.py db_worker &
worker=$!
trap 'kill "$worker" 2>/dev/null || true' EXIT INT TERM
echo "Site: http://127.0.0.1:${PORT}/  (admin: http://127.0.0.1:${PORT}/admin/)"
.venv/bin/python manage.py runserver "127.0.0.1:${PORT}"
