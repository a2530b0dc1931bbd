#!/usr/bin/env bash
# `make test`: install what the tests need, start a throw-away PostgreSQL, run ruff, the whole suite on
# PostgreSQL (browser tests included, in Debian's headless Chromium) and the smoke part on SQLite.
source "$(dirname "$0")/common.sh"
cd "$ROOT"

ensure_python_env
ensure_debian_packages

echo "== ruff"
"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check .

pg_start
redis_start
trap 'pg_stop; redis_stop' EXIT
export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/alliantie"

echo "== de hele testsuite op PostgreSQL en Redis (met browsertests in Chromium)"
REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0" "$VENV/bin/pytest" -p no:cacheprovider "$@"

echo "== het smoke-deel op SQLite, met de cache in de database"
DATABASE_URL="" REDIS_URL="" "$VENV/bin/pytest" -p no:cacheprovider -m smoke "$@"
