#!/usr/bin/env bash
# Serves the site on 127.0.0.1:$PORT with the background task worker and the scheduled-publishing
# loop; Ctrl-C stops them all.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8000}"
.venv/bin/python manage.py db_worker &
worker=$!
# Scheduled pages and announcements go live within a minute of their time; a send whose worker
# stopped is taken up again; reminders and expiry run hourly (they never repeat within a day).
(minute=0
while true; do
  .venv/bin/python manage.py publish_scheduled >/dev/null 2>&1
  .venv/bin/python manage.py announcements_resume >/dev/null 2>&1
  .venv/bin/python manage.py account_emails_retry >/dev/null 2>&1
  if (( minute % 60 == 0 )); then .venv/bin/python manage.py review_daily >/dev/null 2>&1; fi
  if (( minute % 60 == 0 )); then .venv/bin/python manage.py event_reminders >/dev/null 2>&1; fi
  minute=$((minute + 1))
  sleep 60
done) &
scheduler=$!
trap 'kill "$worker" "$scheduler" 2>/dev/null || true' EXIT INT TERM
echo "Site: http://127.0.0.1:${PORT}/  (admin: http://127.0.0.1:${PORT}/admin/)"
.venv/bin/python manage.py runserver "127.0.0.1:${PORT}"
