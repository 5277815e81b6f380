#!/usr/bin/env bash
# Installs what the test suite needs beyond the Python environments (idempotent, fast when done):
#   postgresql  the tests run the stores, actions and summary pages on a throwaway PostgreSQL
#               cluster too (tests/databases.py); without it they fail, they never skip.
#   chromium    the real-browser tests (tests/browser: Playwright + axe-core) drive Debian's
#               Chromium; `playwright install` is never used (it downloads its own browser).
#   redis-server  the runtime and fault tests (tests/runtime) run Rasa's Redis lock store and the
#               web app's shared rate limit on a throwaway redis-server.
# Called by `make unit` / `make test`. Fails with the command to run when it cannot install.
set -euo pipefail

DEBIAN_PACKAGES=(postgresql)

say() { printf '[test-deps] %s\n' "$*"; }
die() { printf '[test-deps] VIRHE / ERROR: %s\n' "$*" >&2; exit 1; }

have_postgres_server() { compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; }
have_chromium() { command -v chromium >/dev/null 2>&1; }
have_redis() { command -v redis-server >/dev/null 2>&1; }

missing=()
have_postgres_server || missing+=(postgresql)
have_chromium || missing+=(chromium)
have_redis || missing+=(redis-server)

if [ "${#missing[@]}" -gt 0 ]; then
  DEBIAN_PACKAGES=("${missing[@]}")
  command -v apt-get >/dev/null 2>&1 \
    || die "missing: ${DEBIAN_PACKAGES[*]}, and apt-get is not available. Install PostgreSQL (initdb, pg_ctl under /usr/lib/postgresql/<version>/bin) and Chromium (\`chromium\` on PATH) yourself."
  if [ "$(id -u)" = 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    die "missing ${DEBIAN_PACKAGES[*]} and no root rights. Run: sudo apt-get install -y ${DEBIAN_PACKAGES[*]}"
  fi
  say "installing Debian packages: ${DEBIAN_PACKAGES[*]}"
  "${as_root[@]}" apt-get update -qq \
    || die "apt-get update failed. Run: sudo apt-get install -y ${DEBIAN_PACKAGES[*]}"
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${DEBIAN_PACKAGES[@]}" >/dev/null \
    || die "apt-get install failed. Run: sudo apt-get install -y ${DEBIAN_PACKAGES[*]}"
  have_postgres_server || die "postgresql installed but initdb not found under /usr/lib/postgresql"
  have_chromium || die "chromium installed but not on PATH: the browser tests need /usr/bin/chromium"
  have_redis || die "redis-server installed but not on PATH"
fi

# As root the tests start the server as the `postgres` user (initdb refuses root).
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || die "user 'postgres' missing: reinstall the postgresql package"
  command -v runuser >/dev/null 2>&1 || die "runuser missing: apt-get install -y util-linux"
fi
say "ok: $(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1), $(command -v chromium), $(command -v redis-server)"
