#!/usr/bin/env bash
# Installs the Debian packages the test layers need (chromium for the browser tests) when they
# are missing and we may install them (root). Otherwise says what is missing and goes on; the
# browser tests then skip, unless REQUIRE_BROWSER=1 makes them fail.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "Missing Debian packages: ${missing[*]} (install them with apt-get to run every test layer)"
fi
