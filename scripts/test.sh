#!/usr/bin/env bash
# Set up everything the test suite needs on a fresh Debian machine, then run it.
# Used verbatim by the README and by .ci/run, so the two cannot drift apart.
set -euo pipefail
cd "$(dirname "$0")/.."

# LibreOffice is the independent second client the tests check against.
if ! command -v soffice >/dev/null 2>&1 || ! /usr/bin/python3 -c "import uno" >/dev/null 2>&1 \
   || ! command -v pdftoppm >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
        libreoffice-calc-nogui python3-uno poppler-utils >/dev/null
fi

# The Office.js add-in's tests: node (its test runner, npm for office-addin-mock) and
# headless Chromium (the task pane page in a real browser); xmllint checks the manifest.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1 \
   || ! command -v chromium >/dev/null 2>&1 || ! command -v xmllint >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    PACKAGES="chromium libxml2-utils"
    command -v node >/dev/null 2>&1 || PACKAGES="$PACKAGES nodejs"
    command -v npm >/dev/null 2>&1 || PACKAGES="$PACKAGES npm"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $PACKAGES >/dev/null
fi
(cd officejs && npm ci --no-audit --no-fund --loglevel=error)

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[dev]'
# Lint, format and types are part of the test: a finding fails the run before any test starts.
.venv/bin/ruff check xlsrc tests benchmarks scripts
.venv/bin/ruff format --check xlsrc tests benchmarks scripts
.venv/bin/mypy --strict xlsrc
exec .venv/bin/python -m pytest "$@"
