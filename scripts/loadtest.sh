#!/usr/bin/env bash
# `make loadtest`: the demo alliance at scale 5 in a throw-away PostgreSQL and Redis, served by gunicorn with several
# workers and the background worker, and 50 simulated people (Locust) for 5 minutes: parents on the sociale kaart,
# visitors, partners reporting and answering the monitor, the team. Writes bench/results/load-*.json.
source "$(dirname "$0")/common.sh"
cd "$ROOT"

ensure_python_env
"$VENV/bin/python" -c "import locust" 2>/dev/null || "$VENV/bin/pip" install --quiet "locust>=2.40,<3"
ensure_debian_packages
pg_start
redis_start
workers=()
trap 'kill "${workers[@]}" 2>/dev/null; pg_stop; redis_stop' EXIT

scale=${LOAD_SCALE:-5}
export DEBUG=0 SECRET_KEY="load-only-$(head -c 32 /dev/urandom | base64 | tr -d '/+=')" ALLOWED_HOSTS=127.0.0.1
export SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 STATIC_ROOT="$PG_DIR/static" MEDIA_ROOT="$PG_DIR/media"
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0" TASKS_BACKEND=django_tasks_db.DatabaseBackend LOG_LEVEL=WARNING
# Locust stands where a load balancer would: its X-Forwarded-For gives every simulated person their own address.
export TRUSTED_PROXIES=127.0.0.1 SITE_URL=http://127.0.0.1
export DATABASE_URL=$(pg_createdb load)
"$VENV/bin/alliantie" migrate --no-input -v0
"$VENV/bin/alliantie" collectstatic --no-input -v0
echo "== demo-alliantie op schaal $scale"
"$VENV/bin/alliantie" demo --scale "$scale" --seed 2030 >"$PG_DIR/demo.log"
head -n 1 "$PG_DIR/demo.log"
"$VENV/bin/alliantie" shell -v0 -c "from django.db import connection; connection.cursor().execute('ANALYZE')"
"$VENV/bin/alliantie" run_periodic --job matching-indexen --force >/dev/null
"$VENV/bin/python" bench/loadtest_setup.py >"$PG_DIR/setup.json"

port=$(free_port)
app_workers=${LOAD_APP_WORKERS:-4}
"$VENV/bin/gunicorn" --config python:alliantie.gunicorn_settings alliantie.wsgi --workers "$app_workers" --bind "127.0.0.1:$port" --timeout 60 \
  >"$PG_DIR/gunicorn.log" 2>&1 &
workers+=($!)
"$VENV/bin/alliantie" db_worker --interval 1 >"$PG_DIR/worker.log" 2>&1 &
workers+=($!)
"$VENV/bin/python" - "$port" <<'PY'
import sys, time, urllib.request
for _ in range(150):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/gezondheid", timeout=2)
        break
    except OSError:
        time.sleep(0.2)
else:
    sys.exit("gunicorn kwam niet op")
PY

users=${LOAD_USERS:-50} duration=${LOAD_TIME:-5m}
echo "== $users gebruikers, $duration, gunicorn met $app_workers workers op PostgreSQL (schaal $scale)"
LOADTEST_SETUP="$PG_DIR/setup.json" "$VENV/bin/locust" -f bench/loadtest.py --headless --users "$users" \
  --spawn-rate 5 --run-time "$duration" --host "http://127.0.0.1:$port" --csv "$PG_DIR/locust" --only-summary \
  --loglevel WARNING >"$PG_DIR/locust.log" 2>&1 || true
settings=$(printf '{"users": %s, "duration": "%s", "scale": %s, "app_workers": %s, "cores": %s}' \
  "$users" "$duration" "$scale" "$app_workers" "$(nproc)")
"$VENV/bin/python" bench/loadtest_report.py "$PG_DIR/locust_stats.csv" "$PG_DIR/locust_failures.csv" "$settings"
