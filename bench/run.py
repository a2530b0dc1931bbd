"""Time the key pages side by side with the floor, per data scale, against gunicorn on this machine.

Every round requests every page once, in a shuffled order, so that all pages share the same conditions;
the ratio to the floor (a view that runs one `SELECT 1`) is what to compare between runs and machines."""

import argparse
import http.client
import itertools
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

CHECK_FORM = "waar=Zoetermeer&leeftijden=4%2C+9%2C+14&inkomen=110-120&schulden=on"

# (name, path[, who]): later parts add their key pages here. "POST path body" sends a form.
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
    # "{n}" makes every request's address unique: the page is computed, never taken from the cache.
    ("directory, uncached", "/partners/?n={n}"),
    ("directory: 2 filters + search, uncached", "/partners/?gemeente=Utrecht&opgave=meedoen&zoek=school&n={n}"),
    ("partner profile", "/partners/gemeente-zoetermeer/"),
    ("sociale kaart: postcode + age", "/sociale-kaart/?waar=2712+AB&leeftijd=8"),
    ("sociale kaart: place, need, words", "/sociale-kaart/?waar=Utrecht&behoefte=school&zoek=laptop"),
    ("sociale kaart: postcode, age, need", "/sociale-kaart/?waar=2712+AB&leeftijd=9&behoefte=sport-cultuur"),
    # The anonymous check is sent by POST (nothing typed ends up in an address or a log): a form body.
    ("sociale kaart: waar heb ik recht op", "POST /sociale-kaart/waar-heb-ik-recht-op/ " + CHECK_FORM),
    ("HSDS API: services by postcode", "/api/v1/hsds/services?postcode=2712AB&per_page=20"),
    # Signed in as the demo project team member (a session made in the database, second factor passed).
    ("team worklist", "/opvolging/", "team"),
    ("team worklist: one reason", "/opvolging/?reden=geen-belofte", "team"),
    ("team contact log", "/opvolging/gemeente-zoetermeer/", "team"),
    ("team history of a partner", "/organisaties/gemeente-zoetermeer/geschiedenis/", "team"),
    ("marketplace list", "/marktplaats/", "team"),
    ("marketplace: 3 filters", "/marktplaats/?soort=offer&hulp=middelen&provincie=PV28", "team"),
    ("marketplace: search, best match", "/marktplaats/?zoek=ontbijt+op+school&sorteer=best", "team"),
    # One open request with its suggested offers and partners: the matching against every open post and partner.
    ("marketplace: request + matching", "/marktplaats/{request}/", "team"),
    # The monitor: a closed round's results (every question counted in the database), one sector, the live
    # dashboard of the open round, the API's public aggregates and the progress report as a page and as a PDF.
    ("monitor: results of a round", "/monitor/rondes/{closed_round}/resultaten/", "team"),
    ("monitor: results, one sector", "/monitor/rondes/{closed_round}/resultaten/?sector=gemeente", "team"),
    ("monitor: response dashboard", "/monitor/rondes/{open_round}/", "team"),
    ("API monitor results", "/api/v1/monitorrondes/{published_round}/resultaten"),
    ("voortgangsrapportage (HTML)", "/voortgangsrapportage/2025/"),
    ("voortgangsrapportage (PDF)", "/voortgangsrapportage/2025/?formaat=pdf"),
    # The agenda and the kennisbank: the agenda, one event with its places, a search with a term and two facets,
    # one item, the public iCalendar feed.
    ("agenda", "/agenda/"),
    ("agenda: event page", "/agenda/{event}/"),
    ("kennisbank: search + 2 facets", "/kennisbank/?zoek=armoede+signaleren&bron=praktijk&opgave=meedoen"),
    ("kennisbank: item page", "/kennisbank/{item}/"),
    ("agenda: public iCalendar feed", "/agenda/agenda.ics"),
    # The dashboard (issue 18): targets counted live, the coverage matrix with its blind spots, all 342
    # municipalities and one map (precomputed tables), the public impact page and the network as GEXF.
    ("team dashboard (targets)", "/dashboard/", "team"),
    ("team coverage + blind spots", "/dashboard/dekking/", "team"),
    ("team municipalities (342 rows)", "/dashboard/gemeenten/", "team"),
    ("team map: services per 1,000 children", "/dashboard/kaarten/?kaart=voorzieningen", "team"),
    ("team network as GEXF", "/dashboard/netwerk/alliantie-netwerk.gexf", "team"),
    ("wat we samen doen (public)", "/wat-we-samen-doen/"),
    # Local alliances: the list with every alliance's check, one alliance's page with its check and the suggestions
    # for its missing sectors (as its coordinator), the coordinator's start page, and the API's list.
    ("lokale allianties", "/lokale-allianties/"),
    ("lokale alliantie: page (public)", "/lokale-allianties/{alliance}/"),
    ("lokale alliantie: check + suggestions", "/lokale-allianties/{alliance}/", "coordinator"),
    ("coordinator's start page", "/lokale-allianties/mijn/", "coordinator"),
    ("API lokale allianties", "/api/v1/lokale-allianties?pageSize=20"),
    # The newsletter's public archive and an edition's web version; the community as the team sees it: the groups, the
    # group "Een gezonde dag" (more than 1,000 posts at every scale) and its busiest thread.
    ("newsletter archive", "/nieuwsbrief/archief/"),
    ("newsletter: edition web version", "/nieuwsbrief/archief/12/"),
    ("community overview", "/community/", "team"),
    ("community: group of 1,000+ posts", "/community/een-gezonde-dag/", "team"),
    ("community: thread", "/community/een-gezonde-dag/{thread}/", "team"),
]
# Pages that take seconds are timed fewer times.
REQUEST_LIMIT = {"voortgangsrapportage (PDF)": 20}

IDS = """
from django.utils import timezone
from alliantie.marketplace.models import Post
from alliantie.monitoring.models import MonitorRound
from alliantie.events.models import Event
from alliantie.knowledge.models import Item
from alliantie.localalliances.models import LocalAlliance

from alliantie.community.models import Thread
requests = Post.objects.filter(kind="request", status="open", open_until__gte=timezone.localdate())
rounds = MonitorRound.objects
print(requests.order_by("pk").first().pk, rounds.get(year=2025).pk, rounds.get(status="open").pk,
      rounds.filter(results_published_at__isnull=False).order_by("-year").first().pk,
      Event.objects.get(series_number=11).slug,
      Item.objects.get(title="Gezond schoolontbijt in Zoetermeer").slug,
      LocalAlliance.objects.get(name="Lokale alliantie Zoetermeer").slug)

      Thread.objects.filter(group__slug="een-gezonde-dag").order_by("-reply_count", "pk").first().pk)
"""

TEAM_SESSION = """
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django_otp import DEVICE_ID_SESSION_KEY
from alliantie.accounts.models import User
user = User.objects.get(email="{email}")
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "alliantie.accounts.backends.AccountBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session[DEVICE_ID_SESSION_KEY] = user.totpdevice_set.get().persistent_id
session.create()
print(session.session_key)
"""


def shell(database_url: str, code: str) -> str:
    env = os.environ | {"DATABASE_URL": database_url}
    return subprocess.run(
        [str(ROOT / ".venv/bin/alliantie"), "shell", "-v0", "-c", code],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def team_session(database_url: str, email: str = "projectteam@example.org") -> str:
    """A signed-in session (second factor passed) of a demo login, as the cookie header to send."""
    return f"sessionid={shell(database_url, TEAM_SESSION.replace('{email}', email))}"


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


def request(port: int, path: str, cookie: str = "") -> tuple[float, int, int]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": "127.0.0.1"} | ({"Cookie": cookie} if cookie else {})
    method, body = "GET", None
    if path.startswith("POST "):
        method, path, body = path.split(" ", 2)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    started = time.perf_counter()
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed, response.status, int(response.getheader("X-Query-Count", "-1"))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(port: int, requests: int, cookies: dict[str, str], ids: dict[str, str]) -> dict[str, dict]:
    counter = itertools.count()
    for _ in range(10):  # warm up: connections, caches, imports
        for _name, path, *who in PAGES:
            request(port, path.format(n=next(counter), **ids), cookies.get(who[0] if who else "", ""))
    timings: dict[str, list[float]] = {page[0]: [] for page in PAGES}
    queries: dict[str, set[int]] = {page[0]: set() for page in PAGES}
    rng = random.Random(1)
    for _ in range(requests):
        order = PAGES[:]
        rng.shuffle(order)
        for name, path, *who in order:
            if len(timings[name]) >= REQUEST_LIMIT.get(name, requests):
                continue
            cookie = cookies.get(who[0] if who else "", "")
            elapsed, status, count = request(port, path.format(n=next(counter), **ids), cookie)
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
        for name, path, *_who in PAGES
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
            ids = dict(
                zip(
                    ("request", "closed_round", "open_round", "published_round", "event", "item", "alliance"),
                    ("request", "closed_round", "open_round", "published_round", "event", "item", "thread"),
                    shell(database_url, IDS).split(),
                    strict=True,
                )
            )
            cookies = {
                "team": team_session(database_url),
                "coordinator": team_session(database_url, "coordinator@example.org"),
            }
            results = measure(port, args.requests, cookies, ids)
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
