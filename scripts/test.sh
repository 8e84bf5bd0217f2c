#!/usr/bin/env bash
# Set up everything the tests need on a fresh Debian machine, then run them (extra args go to pytest).
# Browser tests use Debian's Chromium; the HTML validator runs on Java; tests/js/ on node.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)  # tests/js/ (node --test), /admin/ (Decap CMS) and its local proxy
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
python3 -m venv .venv
.venv/bin/pip install -q -e '.[test,zensical]'
bash scripts/vendor_cms.sh  # npm ci (package-lock.json), then copy the editor's browser files
.venv/bin/python -m pytest "$@"
