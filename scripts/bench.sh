#!/usr/bin/env bash
# `make bench`: scripts/bench.py starts its own Rasa, action server and web app on free loopback
# ports for 1 and 2 Rasa workers (2: a local Redis and PostgreSQL via scripts/local-services.sh),
# offers 10, 20, 40 and 60 turns/s open loop, and writes reports/bench.md.
# Arguments go to scripts/bench.py (e.g. --workers 1 --rates 10,20 --seconds 10).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p reports
exec "${APP_VENV:-.venv}/bin/python" scripts/bench.py "$@"
