#!/usr/bin/env bash
# Installs the Debian packages the test layers and the local reference topology need when they
# are missing and we may install them (root): chromium (browser tests), and PostgreSQL, Redis
# and nginx (the cluster layer, `make deploy-local`). Otherwise says what is missing and goes
# on; those tests then skip, unless REQUIRE_BROWSER=1 or REQUIRE_CLUSTER=1 makes that a failure.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v nginx >/dev/null 2>&1 || missing+=(nginx-light)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  # Debian starts the services it installs; the topology runs its own, on its own ports.
  for service in redis-server nginx postgresql; do
    if command -v systemctl >/dev/null 2>&1; then systemctl stop "$service" 2>/dev/null || true; fi
    service "$service" stop >/dev/null 2>&1 || true
  done
else
  echo "Missing Debian packages: ${missing[*]} (install them with apt-get to run every test layer)"
fi
