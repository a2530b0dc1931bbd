"""Time the key pages side by side with the floor, per data scale, against gunicorn on this machine.

Every round requests every page once, in a shuffled order, so that all pages share the same conditions;
the ratio to the floor (a view that runs one `SELECT 1`) is what to compare between runs and machines."""

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"

# (name, path): later parts add their key pages here.
PAGES = [
    ("floor: SELECT 1", "/gezondheid"),
    ("home", "/"),
    ("login page", "/account/inloggen/"),
    ("API opgaven", "/api/v1/opgaven"),
    ("API gemeenten (20 per page)", "/api/v1/gemeenten?pageSize=20"),
    ("API gemeenten (100, page 3)", "/api/v1/gemeenten?pageSize=100&page=3"),
    ("API gemeenten (province + search)", "/api/v1/gemeenten?provincie=PV28&zoek=rijn"),
    ("API gemeente by name", "/api/v1/gemeenten/Den%20Haag"),
    ("partner directory", "/partners/"),
    ("directory: 2 filters + search", "/partners/?gemeente=Utrecht&opgave=meedoen&zoek=school"),
    ("partner profile", "/partners/gemeente-zoetermeer/"),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(database_url: str) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = os.environ | {"DATABASE_URL": database_url, "QUERY_COUNT_HEADER": "1", "CONN_MAX_AGE": "600"}
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "alliantie.wsgi",
            "--workers",
            "1",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    for _ in range(100):
        try:
            request(port, "/gezondheid")
            return server, port
        except OSError:
            time.sleep(0.1)
    server.kill()
    sys.exit("gunicorn did not start")


def request(port: int, path: str) -> tuple[float, int, int]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    started = time.perf_counter()
    connection.request("GET", path, headers={"Host": "127.0.0.1"})
    response = connection.getresponse()
    response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed, response.status, int(response.getheader("X-Query-Count", "-1"))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(port: int, requests: int) -> dict[str, dict]:
    for _ in range(10):  # warm up: connections, caches, imports
        for _name, path in PAGES:
            request(port, path)
    timings: dict[str, list[float]] = {name: [] for name, _ in PAGES}
    queries: dict[str, set[int]] = {name: set() for name, _ in PAGES}
    rng = random.Random(1)
    for _ in range(requests):
        order = PAGES[:]
        rng.shuffle(order)
        for name, path in order:
            elapsed, status, count = request(port, path)
            if status != 200:
                sys.exit(f"{path} answered {status}")
            timings[name].append(elapsed * 1000)
            queries[name].add(count)
    return {
        name: {
            "path": path,
            "p50_ms": statistics.median(timings[name]),
            "p95_ms": percentile(timings[name], 0.95),
            "queries": sorted(queries[name]),
            "requests": len(timings[name]),
        }
        for name, path in PAGES
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", action="append", required=True, help="SCALE=DATABASE_URL")
    parser.add_argument("--requests", type=int, default=200, help="requests per page")
    args = parser.parse_args()
    rows = []
    for target in args.target:
        scale, database_url = target.split("=", 1)
        server, port = start_server(database_url)
        try:
            results = measure(port, args.requests)
        finally:
            server.terminate()
            server.wait()
        floor = results[PAGES[0][0]]["p50_ms"]
        for name, result in results.items():
            rows.append({"page": name, "scale": int(scale), **result, "ratio_to_floor": result["p50_ms"] / floor})

    header = f"{'page':<36} {'scale':>5} {'p50 ms':>8} {'p95 ms':>8} {'x floor':>8} {'queries':>8}"
    print(header)
    print("-" * len(header))
    for row in rows:
        queries = ",".join(str(q) for q in row["queries"])
        print(
            f"{row['page']:<36} {row['scale']:>5} {row['p50_ms']:>8.2f} {row['p95_ms']:>8.2f} "
            f"{row['ratio_to_floor']:>8.2f} {queries:>8}"
        )
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    report = {
        "when": stamp,
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "server": "gunicorn, 1 sync worker, PostgreSQL on loopback",
        "requests_per_page": args.requests,
        "rows": rows,
    }
    for path in (RESULTS / f"bench-{stamp}.json", RESULTS / "latest.json"):
        path.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nwritten to bench/results/bench-{stamp}.json")


if __name__ == "__main__":
    main()
