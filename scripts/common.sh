# Shared by test.sh and bench.sh: the virtual environment with test extras, Debian packages, PostgreSQL.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV="$ROOT/.venv"

ensure_python_env() {
  python3 -c 'import sys; sys.exit("Python 3.11 of nieuwer is nodig, gevonden: " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
  if [ ! -x "$VENV/bin/python" ]; then python3 -m venv "$VENV"; fi
  local stamp="$VENV/.installed-test"
  if [ ! -f "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ]; then
    "$VENV/bin/pip" install --quiet --upgrade pip
    "$VENV/bin/pip" install --quiet -e "$ROOT[test]"
    touch "$stamp" "$VENV/.installed"
  fi
}

find_pg_bin() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"; return
  fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

ensure_debian_packages() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  [ -n "$(find_pg_bin)" ] || missing+=(postgresql)
  command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  [ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing+=(nginx)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installeren met apt-get: ${missing[*]}"
    if [ "$(id -u)" -ne 0 ]; then
      echo "FOUT: ${missing[*]} ontbreekt en alleen root kan het installeren (apt-get install ${missing[*]})." >&2
      exit 1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  command -v chromium >/dev/null 2>&1 || { echo "FOUT: chromium is niet beschikbaar." >&2; exit 1; }
  [ -n "$(find_pg_bin)" ] || { echo "FOUT: PostgreSQL (initdb, pg_ctl) is niet beschikbaar." >&2; exit 1; }
  command -v redis-server >/dev/null 2>&1 || { echo "FOUT: redis-server is niet beschikbaar." >&2; exit 1; }
  [ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || { echo "FOUT: nginx is niet beschikbaar." >&2; exit 1; }
}

free_port() {
  "$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# A throw-away Redis (the shared cache and rate limits in production) on a free port, without saving to disk.
redis_start() {
  REDIS_DIR=$(mktemp -d /tmp/alliantie-redis.XXXXXX)
  REDIS_PORT=$(free_port)
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" --dir "$REDIS_DIR" \
    || { echo "FOUT: redis-server start niet." >&2; exit 1; }
  for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  export REDIS_DIR REDIS_PORT
  echo "Redis draait op poort $REDIS_PORT (tijdelijk)"
}

redis_stop() {
  if [ -n "${REDIS_DIR:-}" ] && [ -f "$REDIS_DIR/redis.pid" ]; then
    kill "$(cat "$REDIS_DIR/redis.pid")" 2>/dev/null || true
    rm -rf "$REDIS_DIR"
  fi
}

# A throw-away PostgreSQL cluster on a free port; PostgreSQL refuses to run as root, so it runs as `postgres`.
pg_start() {
  local bin; bin=$(find_pg_bin)
  PG_DIR=$(mktemp -d /tmp/alliantie-pg.XXXXXX)
  PG_PORT=$(free_port)
  local as=()
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$PG_DIR"; as=(runuser -u postgres --); fi
  "${as[@]}" "$bin/initdb" -D "$PG_DIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log" >&2; exit 1; }
  "${as[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w start -o \
    "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    >/dev/null || { cat "$PG_DIR/log" >&2; exit 1; }
  PG_BIN=$bin
  PG_AS=("${as[@]}")
  export PG_DIR PG_PORT
  echo "PostgreSQL draait op poort $PG_PORT (tijdelijk, in $PG_DIR)"
}

pg_createdb() {
  local psql; psql=$(command -v psql || echo "$PG_BIN/psql")
  "$psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -c "CREATE DATABASE $1" >&2 \
    && echo "postgres://postgres@127.0.0.1:$PG_PORT/$1"
}

pg_stop() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
    "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
