#!/usr/bin/env bash
# `make bench`: the demo alliance at scale 1, 10 and 50 in a throw-away PostgreSQL, served by gunicorn, and the
# key pages timed side by side against the floor (a view that runs one SELECT 1). See bench/README.md.
source "$(dirname "$0")/common.sh"
cd "$ROOT"

ensure_python_env
ensure_debian_packages
pg_start
redis_start
trap 'pg_stop; redis_stop' EXIT

export DEBUG=0 SECRET_KEY="bench-only-$(head -c 32 /dev/urandom | base64 | tr -d '/+=')" ALLOWED_HOSTS=127.0.0.1
# Redis holds the shared cache and the rate limits, as in production (docs/production.md): without it every cache
# read and every visitor's count is a query on the database.
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
export SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 STATIC_ROOT="$PG_DIR/static" MEDIA_ROOT="${BENCH_MEDIA_ROOT:-$PG_DIR/media}"
# The bench asks many pages a second from one address: the visitors' and the API's limits would answer 429.
export VISITOR_PAGES_PER_MINUTE=100000000 API_REQUESTS_PER_MINUTE_PER_IP=100000000 API_REQUESTS_PER_MINUTE_PER_KEY=100000000
"$VENV/bin/alliantie" collectstatic --no-input -v0

targets=()
for scale in ${BENCH_SCALES:-1 10 50}; do
  # BENCH_DB_<scale>=postgres://… reuses a database that holds the demo at that scale (built once, see
  # bench/README.md): it is migrated and its precomputed tables refreshed, but not built again.
  reuse_var="BENCH_DB_$scale"
  if [ -n "${!reuse_var:-}" ]; then
    url=${!reuse_var}
    echo "== demo-alliantie op schaal $scale: bestaande database"
    DATABASE_URL=$url "$VENV/bin/alliantie" migrate --no-input -v0
  else
    url=$(pg_createdb "bench_s$scale")
    DATABASE_URL=$url "$VENV/bin/alliantie" migrate --no-input -v0
    echo "== demo-alliantie op schaal $scale"
    DATABASE_URL=$url "$VENV/bin/alliantie" demo --scale "$scale" --seed 2030 >"$PG_DIR/demo-$scale.log"
    head -n 1 "$PG_DIR/demo-$scale.log"
  fi
  DATABASE_URL=$url "$VENV/bin/alliantie" shell -v0 -c "from django.db import connection; connection.cursor().execute('ANALYZE')"
  # What the background worker keeps ready in production: the marketplace's matching indexes and the summary tables
  # (counts per reason, facet and question), which the services keep current and a job refreshes every day.
  DATABASE_URL=$url "$VENV/bin/alliantie" run_periodic --job matching-indexen --force >/dev/null
  DATABASE_URL=$url "$VENV/bin/alliantie" run_periodic --job tellingen-herbouwen --force >/dev/null
  targets+=(--target "$scale=$url")
done

# A background worker per database, as in production (the report's PDF is rendered by it, once).
workers=()
for target in "${targets[@]}"; do
  [ "$target" = "--target" ] && continue
  DATABASE_URL=${target#*=} "$VENV/bin/alliantie" db_worker --interval 0.5 >"$PG_DIR/worker-${target%%=*}.log" 2>&1 &
  workers+=($!)
done
trap 'kill "${workers[@]}" 2>/dev/null; pg_stop; redis_stop' EXIT

"$VENV/bin/python" bench/run.py "${targets[@]}" --requests "${BENCH_REQUESTS:-200}"

# The newsletter at the largest scale: queueing an edition for 50,000 recipients and the outbox's sending rate to a
# local SMTP server. The workers stop first: they would send the messages being timed.
kill "${workers[@]}" 2>/dev/null; wait "${workers[@]}" 2>/dev/null
last="${targets[-1]}"
DATABASE_URL=${last#*=} "$VENV/bin/python" bench/newsletter.py --recipients "${BENCH_RECIPIENTS:-50000}" --send "${BENCH_SEND:-5000}"
