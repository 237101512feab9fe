#!/usr/bin/env bash
# Install xlsrc into a fresh virtual environment and run the main job on the bundled seed data.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q .
exec .venv/bin/xlsrc demo "$@"
