#!/usr/bin/env bash
# `make run`: the services of the Procfile with Rasa's endpoints written from the settings.
# One worker each (the default): trackers in the SQLite file var/trackers.db, locks in memory,
# nothing else to start. RASA_WORKERS>1 (or WEB_WORKERS>1) with REDIS_URL / TRACKER_DB_URL empty:
# a local redis-server and PostgreSQL are started first (scripts/local-services.sh) and stopped
# again when the services stop.
set -euo pipefail
cd "$(dirname "$0")/.."
APP_VENV=${APP_VENV:-.venv}
RASA_WORKERS=${RASA_WORKERS:-1}
WEB_WORKERS=${WEB_WORKERS:-1}

# honcho reads .env after the process environment: URLs of local services go in a later file.
RUNTIME_ENV=var/runtime.env
mkdir -p var && : > "$RUNTIME_ENV"
if [ "$RASA_WORKERS" -gt 1 ] || [ "$WEB_WORKERS" -gt 1 ]; then
  trap 'scripts/local-services.sh stop' EXIT
  if [ -z "${REDIS_URL:-}" ]; then
    line=$(scripts/local-services.sh redis)
    echo "$line" >> "$RUNTIME_ENV" && export "${line?}"
  fi
  if [ "$RASA_WORKERS" -gt 1 ] && [ -z "${TRACKER_DB_URL:-}" ]; then
    line=$(scripts/local-services.sh postgres)
    echo "$line" >> "$RUNTIME_ENV" && export "${line?}"
  fi
fi

"$APP_VENV/bin/asumisbotti" runtime endpoints >/dev/null
echo "[run] Rasa workers: $RASA_WORKERS, web workers: $WEB_WORKERS," \
  "action server workers: ${ACTION_SERVER_SANIC_WORKERS:-1}; endpoints: var/endpoints.yml"
"$APP_VENV/bin/honcho" start -f Procfile -e ".env,$RUNTIME_ENV"
