# Two commands for a newcomer: `make run` (the demo site on the embedded default) and
# `make test` (the whole suite). Everything else here is what those two need.

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Full URLs (feeds, sitemap, API, emails) follow the port the site is served on.
BASE_URL ?= http://127.0.0.1:$(PORT)
export PORT BASE_URL

.PHONY: run test setup venv assets serve lint search-engine deploy-local clean

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py search_cards_update
	$(PY) manage.py ensure_admin
	scripts/serve.sh

test: setup
	scripts/test.sh

setup: venv assets

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e ".[test,opensearch2]"
	touch $@

assets: assets/uswds/VERSION

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

assets/uswds/VERSION: node_modules/.installed frontend/build.mjs
	npm run build

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

search-engine:
	search/engine/run.sh

# The reference production topology on this machine (see "Production" in the README):
# PostgreSQL, Redis, 3 OpenSearch nodes, 2 gunicorn hosts behind nginx on :8080, 2 task
# workers and the scheduler. Ctrl-C stops them all.
deploy-local: setup
	scripts/ensure-system-packages.sh
	$(PY) -m deploy.local

clean:
	rm -rf $(VENV) node_modules assets static .pytest_cache
