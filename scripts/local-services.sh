#!/usr/bin/env bash
# Local Redis and PostgreSQL for several Rasa/web workers on one machine (`make run`).
#   scripts/local-services.sh redis     start redis-server (or reuse it), print REDIS_URL=...
#   scripts/local-services.sh postgres  start a PostgreSQL cluster (or reuse it), print TRACKER_DB_URL=...
#   scripts/local-services.sh stop      stop both
# Both live under var/runtime/ on free loopback ports. Redis keeps nothing on disk (locks and
# rate-limit counters only); the PostgreSQL data folder stays, so conversations survive a restart
# (the tracker purge deletes them after TRACKER_RETENTION_HOURS). Debian packages: redis-server,
# postgresql (installed here with apt when missing and allowed, like scripts/test-deps.sh).
# Use: eval "$(scripts/local-services.sh redis)"
set -euo pipefail
cd "$(dirname "$0")/.."

RUNTIME_DIR=$(realpath -m "${RUNTIME_DIR:-var/runtime}")
REDIS_PORT_FILE=$RUNTIME_DIR/redis.port
PG_DATA=$RUNTIME_DIR/pg/data
PG_PORT_FILE=$RUNTIME_DIR/pg.port
PG_DB=trackers

say() { printf '[local-services] %s\n' "$*" >&2; }
die() { printf '[local-services] VIRHE / ERROR: %s\n' "$*" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port_open() { python3 -c "import socket,sys; s=socket.socket(); s.settimeout(1); sys.exit(s.connect_ex(('127.0.0.1',$1)))"; }

apt_install() {  # $1 = Debian package
  command -v apt-get >/dev/null 2>&1 || die "$1 missing and apt-get not available: install $1"
  local as_root=()
  if [ "$(id -u)" != 0 ]; then
    sudo -n true 2>/dev/null || die "$1 missing. Run: sudo apt-get install -y $1"
    as_root=(sudo -n)
  fi
  say "installing Debian package $1"
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$1" >/dev/null
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
as_pg() {  # initdb and postgres refuse to run as root
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_redis() {
  command -v redis-server >/dev/null 2>&1 || apt_install redis-server
  mkdir -p "$RUNTIME_DIR"
  if [ -f "$REDIS_PORT_FILE" ] && port_open "$(cat "$REDIS_PORT_FILE")"; then
    say "redis-server already running on port $(cat "$REDIS_PORT_FILE")"
  else
    local port; port=$(free_port)
    redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
      --dir "$RUNTIME_DIR" --pidfile "$RUNTIME_DIR/redis.pid" \
      --logfile "$RUNTIME_DIR/redis.log" >/dev/null
    for _ in $(seq 50); do port_open "$port" && break; sleep 0.1; done
    port_open "$port" || die "redis-server did not start (see $RUNTIME_DIR/redis.log)"
    echo "$port" > "$REDIS_PORT_FILE"
    say "redis-server started on port $port"
  fi
  echo "REDIS_URL=redis://127.0.0.1:$(cat "$REDIS_PORT_FILE")/0"
}

start_postgres() {
  [ -n "$(pg_bin)" ] || apt_install postgresql
  local bin; bin=$(pg_bin)
  mkdir -p "$RUNTIME_DIR/pg"
  [ "$(id -u)" = 0 ] && chown postgres "$RUNTIME_DIR/pg"
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    as_pg "$bin/initdb" -D "$PG_DATA" -A trust -U botti >/dev/null
  fi
  if [ -f "$PG_PORT_FILE" ] && port_open "$(cat "$PG_PORT_FILE")"; then
    say "PostgreSQL already running on port $(cat "$PG_PORT_FILE")"
  else
    local port; port=$(free_port)
    as_pg "$bin/pg_ctl" -D "$PG_DATA" -l "$RUNTIME_DIR/pg/log" -w start \
      -o "-p $port -k $RUNTIME_DIR/pg -c listen_addresses=127.0.0.1" >/dev/null \
      || die "PostgreSQL did not start (see $RUNTIME_DIR/pg/log)"
    echo "$port" > "$PG_PORT_FILE"
    say "PostgreSQL started on port $port"
  fi
  local port; port=$(cat "$PG_PORT_FILE")
  if ! "$bin/psql" -h 127.0.0.1 -p "$port" -U botti -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname='$PG_DB'" | grep -q 1; then
    "$bin/psql" -h 127.0.0.1 -p "$port" -U botti -d postgres -qc "CREATE DATABASE $PG_DB" >/dev/null
  fi
  echo "TRACKER_DB_URL=postgresql://botti@127.0.0.1:$port/$PG_DB"
}

stop_all() {
  if [ -f "$RUNTIME_DIR/redis.pid" ]; then
    kill "$(cat "$RUNTIME_DIR/redis.pid")" 2>/dev/null || true
    rm -f "$RUNTIME_DIR/redis.pid" "$REDIS_PORT_FILE"
    say "redis-server stopped"
  fi
  if [ -f "$PG_DATA/postmaster.pid" ]; then
    as_pg "$(pg_bin)/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null || true
    rm -f "$PG_PORT_FILE"
    say "PostgreSQL stopped"
  fi
}

case "${1:-}" in
  redis) start_redis ;;
  postgres) start_postgres ;;
  stop) stop_all ;;
  *) die "usage: $0 redis|postgres|stop" ;;
esac
