"""Time and profile one bench page in this process (Django's test client), without gunicorn or the full bench.

    DATABASE_URL=postgres://… .venv/bin/python bench/profile_page.py "team worklist" [--repeat 20] [--profile]
        [--sql] [--explain] [--cached]

Pages are computed without the cache unless `--cached`. `--profile` prints the functions that took the most time
(cProfile, cumulative), `--sql` every query with its time, `--explain` runs EXPLAIN (ANALYZE, BUFFERS) on each query
of one request. The page names are those of `run.py`; ids in the paths ({closed_round} …) are looked up as the bench
does. Needs STATIC_ROOT with collected static files (`alliantie collectstatic`)."""

import argparse
import cProfile
import io
import itertools
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliantie.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "profile-only-" + "x" * 50)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SECURE_COOKIES", "0")
os.environ.setdefault("VISITOR_PAGES_PER_MINUTE", "100000000")
os.environ.setdefault("API_REQUESTS_PER_MINUTE_PER_IP", "100000000")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from run import IDS, PAGES, TEAM_SESSION  # noqa: E402

from alliantie.core import caching  # noqa: E402


def _exec(code: str) -> str:
    out = io.StringIO()
    stdout, sys.stdout = sys.stdout, out
    try:
        exec(code, {})  # noqa: S102 - our own snippets from run.py
    finally:
        sys.stdout = stdout
    return out.getvalue().strip()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("page", nargs="+", help="page name(s) from bench/run.py, or 'all'")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--sql", action="store_true")
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--cached", action="store_true", help="use the cache (default: compute every page)")
    args = parser.parse_args()
    ids = dict(
        zip(
            ("request", "closed_round", "open_round", "published_round", "event", "item"),
            _exec(IDS).split(),
            strict=True,
        )
    )
    session = _exec(TEAM_SESSION)
    pages = PAGES if args.page == ["all"] else [p for p in PAGES if p.name in args.page]
    counter = itertools.count(int(time.time() * 1000))
    caching.computing_only.set(not args.cached)
    for page in pages:
        name = page.name
        client = Client(HTTP_HOST="127.0.0.1")
        if page.who:
            client.cookies[settings.SESSION_COOKIE_NAME] = session

        def get(client=client, path=page.path):
            target = path.format(n=next(counter), **ids)
            if target.startswith("POST "):
                _method, target, body = target.split(" ", 2)
                return client.post(target, body, content_type="application/x-www-form-urlencoded")
            return client.get(target)

        for _ in range(3):
            response = get()
        if response.status_code != 200:
            print(f"{name:<42} answered {response.status_code}")
            continue
        times, cpu = [], []
        for _ in range(args.repeat):
            started, started_cpu = time.perf_counter(), time.process_time()
            response = get()
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        queries: list[tuple[float, str, object]] = []

        def record(execute, sql, params, many, context, queries=queries):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                queries.append(((time.perf_counter() - started) * 1000, sql, params))

        with connection.execute_wrapper(record):
            response = get()
        size = len(response.content)
        print(
            f"{name:<42} p50 {statistics.median(times):7.1f} ms  min {min(times):7.1f}  "
            f"cpu p50 {statistics.median(cpu):6.1f}  "
            f"sql {sum(q[0] for q in queries):6.1f} ms in {len(queries)} queries  {size / 1000:6.1f} kB"
        )
        if args.sql or args.explain:
            for ms, sql, params in queries:
                print(f"  {ms:7.2f} ms  {sql[:300]}")
                if args.explain and sql.lstrip().upper().startswith(("SELECT", "WITH")):
                    with connection.cursor() as cursor:
                        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                        for (line,) in cursor.fetchall():
                            print("      " + line)
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(5):
                get()
            profiler.disable()
            stream = io.StringIO()
            pstats.Stats(profiler, stream=stream).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(
                args.top
            )
            print(stream.getvalue())


if __name__ == "__main__":
    main()
