#!/usr/bin/env bash
# `make bench`: starts Rasa, the action server and the web app (unless already up), runs
# scripts/bench.py against /api/chat on loopback and stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."
WEB="http://127.0.0.1:${WEB_PORT:-8000}"
export RATE_LIMIT_PER_MINUTE=${RATE_LIMIT_PER_MINUTE:-30}
started_pid=""
if ! curl -sf "$WEB/health" | grep -q '"actions":"ok"'; then
  "$APP_VENV/bin/honcho" start -f Procfile rasa actions web >reports/bench-services.log 2>&1 &
  started_pid=$!
  trap '[ -n "$started_pid" ] && kill "$started_pid" 2>/dev/null; wait 2>/dev/null || true' EXIT
  for _ in $(seq 1 300); do
    curl -sf "$WEB/health" | grep -q '"rasa":"ok","actions":"ok"' && break
    sleep 1
  done
fi
"$APP_VENV/bin/python" scripts/bench.py --url "$WEB" "$@"
