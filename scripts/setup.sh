#!/usr/bin/env bash
# Creates both environments and installs Debian packages; idempotent and fast when nothing changed.
#   .venv-rasa  Python 3.10: Rasa Open Source 3.6.21 + Finnish spaCy pipeline (frozen island)
#   .venv       Python 3.11: web app, action server (rasa-sdk 3.21), tests
set -euo pipefail
cd "$(dirname "$0")/.."

started=$(date +%s)
RASA_VENV=${RASA_VENV:-.venv-rasa}
APP_VENV=${APP_VENV:-.venv}
DEBIAN_PACKAGES=(libvoikko1 voikko-fi)

say() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] VIRHE / ERROR: %s\n' "$*" >&2; exit 1; }

find_python() {  # $1 = minor version, e.g. 3.10
  local v=$1 p
  if command -v pyenv >/dev/null 2>&1; then
    for full in $(pyenv versions --bare 2>/dev/null | grep -E "^${v//./\\.}\.[0-9]+$" | sort -V -r); do
      p="$(pyenv prefix "$full")/bin/python$v"
      [ -x "$p" ] && { echo "$p"; return 0; }
    done
  fi
  command -v "python$v" 2>/dev/null && return 0
  return 1
}

# 1. Debian packages for the Voikko lemmatiser of the Finnish spaCy pipeline.
missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing Debian packages: ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    die "Debian packages missing: ${missing[*]}. Install them: sudo apt-get install -y ${missing[*]}"
  fi
fi

# 2. Dialogue engine on Python 3.10.
PY310=$(find_python 3.10) || die "Python 3.10 not found. Rasa 3.6 needs Python 3.10 (e.g. 'pyenv install 3.10.13', or Debian/Ubuntu package python3.10-venv)."
PY311=$(find_python 3.11) || die "Python 3.11 not found. Install it (e.g. 'pyenv install 3.11.7')."

fingerprint() { cat "$@" | sha256sum | cut -c1-16; }

ensure_venv() {  # $1 venv dir, $2 python, $3 fingerprint, $4.. install command
  local dir=$1 py=$2 fp=$3; shift 3
  if [ -f "$dir/.setup-fingerprint" ] && [ "$(cat "$dir/.setup-fingerprint")" = "$fp" ]; then
    return 0
  fi
  say "installing $dir ($("$py" --version))"
  [ -x "$dir/bin/python" ] || "$py" -m venv "$dir"
  "$dir/bin/python" -m pip install -q --disable-pip-version-check --upgrade "pip==24.2"
  "$@"
  echo "$fp" > "$dir/.setup-fingerprint"
}

install_rasa() {
  "$RASA_VENV/bin/pip" install -q --disable-pip-version-check -c requirements/rasa-constraints.txt \
    rasa==3.6.21 "spacy>=3.4,<3.5" spacy-fi-experimental-web-md==0.11.0
  "$RASA_VENV/bin/pip" install -q --disable-pip-version-check --no-deps -e .
}
install_app() {
  "$APP_VENV/bin/pip" install -q --disable-pip-version-check -c requirements/app-constraints.txt -e ".[app,dev]"
}

ensure_venv "$RASA_VENV" "$PY310" "$(fingerprint requirements/rasa-constraints.txt pyproject.toml)" install_rasa
ensure_venv "$APP_VENV" "$PY311" "$(fingerprint requirements/app-constraints.txt pyproject.toml)" install_app
say "ok in $(( $(date +%s) - started )) s: $RASA_VENV ($("$RASA_VENV/bin/python" --version)), $APP_VENV ($("$APP_VENV/bin/python" --version))"
