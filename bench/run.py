"""Time the key pages side by side with the floor, per data scale, against gunicorn on this machine.

Every round requests every page once, in a shuffled order, so that all pages share the same conditions;
the ratio to the floor (a view that runs one `SELECT 1`) is what to compare between runs and machines."""

import argparse
import http.client
import itertools
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"

# Two parents with 2,200 euro a month: 114% of their social minimum.
CHECK_FORM = "waar=Zoetermeer&leeftijden=4%2C+9%2C+14&huishouden=twee-ouders&inkomen=2200&schulden=on"


@dataclass(frozen=True)
class Page:
    name: str
    path: str  # "POST path body" sends a form; "{n}" and the ids below are filled in per request
    who: str = ""  # "team": with the session of the demo project team member
    cached: bool = False  # keeps what it computed (a page, figures): timed served from that and computed


# Later parts add their key pages here.
PAGES = [
    Page("floor: SELECT 1", "/gezondheid"),
    Page("home", "/"),
    Page("login page", "/account/inloggen/"),
    Page("API opgaven", "/api/v1/opgaven"),
    Page("API gemeenten (20 per page)", "/api/v1/gemeenten?pageSize=20"),
    Page("API gemeenten (100, page 3)", "/api/v1/gemeenten?pageSize=100&page=3"),
    Page("API gemeenten (province + search)", "/api/v1/gemeenten?provincie=PV28&zoek=rijn"),
    Page("API gemeente by name", "/api/v1/gemeenten/Den%20Haag"),
    Page("partner directory", "/partners/", cached=True),
    Page("directory: 2 filters + search", "/partners/?gemeente=Utrecht&opgave=meedoen&zoek=school", cached=True),
    Page("directory: one sector, page 3", "/partners/?sector=onderwijs&pagina=3", cached=True),
    Page("partner profile", "/partners/gemeente-zoetermeer/"),
    Page("sociale kaart: postcode + age", "/sociale-kaart/?waar=2712+AB&leeftijd=8"),
    Page("sociale kaart: place, need, words", "/sociale-kaart/?waar=Utrecht&behoefte=school&zoek=laptop"),
    Page("sociale kaart: postcode, age, need", "/sociale-kaart/?waar=2712+AB&leeftijd=9&behoefte=sport-cultuur"),
    # The anonymous check is sent by POST (nothing typed ends up in an address or a log): a form body.
    Page("sociale kaart: waar heb ik recht op", "POST /sociale-kaart/waar-heb-ik-recht-op/ " + CHECK_FORM),
    Page("HSDS API: services by postcode", "/api/v1/hsds/services?postcode=2712AB&per_page=20"),
    # Signed in as the demo project team member (a session made in the database, second factor passed).
    Page("team worklist", "/opvolging/", "team"),
    Page("team worklist: one reason", "/opvolging/?reden=geen-belofte", "team"),
    Page("team worklist: page 5", "/opvolging/?pagina=5", "team"),
    Page("team contact log", "/opvolging/gemeente-zoetermeer/", "team"),
    Page("team history of a partner", "/organisaties/gemeente-zoetermeer/geschiedenis/", "team"),
    Page("marketplace list", "/marktplaats/", "team"),
    Page("marketplace: 3 filters", "/marktplaats/?soort=offer&hulp=middelen&provincie=PV28", "team"),
    Page("marketplace: search, best match", "/marktplaats/?zoek=ontbijt+op+school&sorteer=best", "team"),
    # One open request with its suggested offers and partners: the matching against every open post and partner.
    Page("marketplace: request + matching", "/marktplaats/{request}/", "team"),
    # The monitor: a closed round's results (every question counted), one sector, the live dashboard of the open
    # round, the API's public aggregates and the progress report as a page and as a PDF.
    Page("monitor: results of a round", "/monitor/rondes/{closed_round}/resultaten/", "team", cached=True),
    Page("monitor: results, one sector", "/monitor/rondes/{closed_round}/resultaten/?sector=gemeente", "team", True),
    Page("monitor: response dashboard", "/monitor/rondes/{open_round}/", "team"),
    Page("API monitor results", "/api/v1/monitorrondes/{published_round}/resultaten", cached=True),
    Page("voortgangsrapportage (HTML)", "/voortgangsrapportage/2025/", cached=True),
    # The PDF is made once per version by the background worker (WeasyPrint, seconds); the page serves the stored file.
    Page("voortgangsrapportage (PDF, stored)", "/voortgangsrapportage/2025/?formaat=pdf"),
    # The agenda and the kennisbank: the agenda, one event with its places, a search with a term and two facets,
    # one item, the public iCalendar feed.
    Page("agenda", "/agenda/"),
    Page("agenda: event page", "/agenda/{event}/"),
    Page("kennisbank: search + 2 facets", "/kennisbank/?zoek=armoede+signaleren&bron=praktijk&opgave=meedoen"),
    Page("kennisbank: item page", "/kennisbank/{item}/"),
    Page("agenda: public iCalendar feed", "/agenda/agenda.ics"),
    Page("agenda", "/agenda/"),
    Page("agenda: event page", "/agenda/{event}/"),
    Page("kennisbank: search + 2 facets", "/kennisbank/?zoek=armoede+signaleren&bron=praktijk&opgave=meedoen"),
    Page("kennisbank: item page", "/kennisbank/{item}/"),
    Page("agenda: public iCalendar feed", "/agenda/agenda.ics"),
    # The dashboard (issue 18): targets counted live, the coverage matrix with its blind spots, all 342
    # municipalities and one map (precomputed tables), the public impact page and the network as GEXF.
    Page("team dashboard (targets)", "/dashboard/", "team"),
    Page("team coverage + blind spots", "/dashboard/dekking/", "team"),
    Page("team municipalities (342 rows)", "/dashboard/gemeenten/", "team"),
    Page("team map: services per 1,000 children", "/dashboard/kaarten/?kaart=voorzieningen", "team"),
    Page("team network as GEXF", "/dashboard/netwerk/alliantie-netwerk.gexf", "team"),
    Page("wat we samen doen (public)", "/wat-we-samen-doen/"),
    # Local alliances: the list with every alliance's check, one alliance's page with its check and the suggestions
    # for its missing sectors (as its coordinator), the coordinator's start page, and the API's list.
    Page("lokale allianties", "/lokale-allianties/"),
    Page("lokale alliantie: page (public)", "/lokale-allianties/{alliance}/"),
    Page("lokale alliantie: check + suggestions", "/lokale-allianties/{alliance}/", "coordinator"),
    Page("coordinator's start page", "/lokale-allianties/mijn/", "coordinator"),
    Page("API lokale allianties", "/api/v1/lokale-allianties?pageSize=20"),
    # The newsletter's public archive and an edition's web version; the community as the team sees it: the groups, the
    # group "Een gezonde dag" (more than 1,000 posts at every scale) and its busiest thread.
    Page("newsletter archive", "/nieuwsbrief/archief/"),
    Page("newsletter: edition web version", "/nieuwsbrief/archief/12/"),
    Page("community overview", "/community/", "team"),
    Page("community: group of 1,000+ posts", "/community/een-gezonde-dag/", "team"),
    Page("community: thread", "/community/een-gezonde-dag/{thread}/", "team"),
]
COMPUTED, CACHED = "computed", "cached"
# Pages that are a stored file, not computed per request: held to the target of a cached page.
STORED = {"voortgangsrapportage (PDF, stored)"}
# Pages that take seconds are timed fewer times.
REQUEST_LIMIT: dict[str, int] = {}

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
      LocalAlliance.objects.get(name="Lokale alliantie Zoetermeer").slug,
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


def request(port: int, path: str, cookie: str = "", compute: bool = False) -> tuple[float, int, int, bytes, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Host": "127.0.0.1"} | ({"Cookie": cookie} if cookie else {})
    if compute:
        headers["X-Bench-Compute"] = "1"  # honoured only with QUERY_COUNT_HEADER on: no cache read or written
    method, body = "GET", None
    if path.startswith("POST "):
        method, path, body = path.split(" ", 2)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    started = time.perf_counter()
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    content = response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    count = int(response.getheader("X-Query-Count", "-1"))
    return elapsed, response.status, count, content, response.getheader("Content-Type", "")


def rows_shown(content: bytes, content_type: str) -> int | None:
    """What a page lists, to compare with how its cost grows: table rows, list items and articles inside <main> of
    a page, the items of the longest list in a JSON answer, the events of a calendar; None for a PDF."""
    if "html" in content_type:
        text = content.decode(errors="replace")
        main = text[text.find("<main") : text.rfind("</main>")]
        return sum(len(re.findall(rf"<{tag}[\s>]", main)) for tag in ("tr", "li", "article"))
    if "json" in content_type:
        data = json.loads(content)
        if isinstance(data, list):
            return len(data)
        return max((len(value) for value in data.values() if isinstance(value, list)), default=1)
    if "calendar" in content_type:
        return content.count(b"BEGIN:VEVENT")
    return None


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def variants(page: Page) -> list[str]:
    if page.name in STORED:
        return [CACHED]
    return [CACHED, COMPUTED] if page.cached else [COMPUTED]


def measure(port: int, requests: int, cookies: dict[str, str], ids: dict[str, str], only: str = "") -> list[dict]:
    counter = itertools.count()
    pages = [page for page in PAGES if page is PAGES[0] or re.search(only, page.name)]
    runs = [(page, variant) for page in pages for variant in variants(page)]

    def ask(page: Page, variant: str) -> tuple[float, int, int, bytes, str]:
        path = page.path.format(n=next(counter), **ids)
        return request(port, path, cookies.get(page.who, ""), compute=variant == COMPUTED and page.cached)

    for _ in range(10):  # warm up: connections, caches, imports
        for page, variant in runs:
            ask(page, variant)
    timings: dict[tuple[str, str], list[float]] = {(p.name, v): [] for p, v in runs}
    queries: dict[tuple[str, str], set[int]] = {(p.name, v): set() for p, v in runs}
    last: dict[tuple[str, str], tuple[bytes, str]] = {}
    rng = random.Random(1)
    for _ in range(requests):
        order = runs[:]
        rng.shuffle(order)
        for page, variant in order:
            key = (page.name, variant)
            if len(timings[key]) >= REQUEST_LIMIT.get(page.name, requests):
                continue
            elapsed, status, count, content, content_type = ask(page, variant)
            if status != 200:
                sys.exit(f"{page.path} answered {status}")
            timings[key].append(elapsed * 1000)
            queries[key].add(count)
            last[key] = (content, content_type)
    results = []
    for page, variant in runs:
        key = (page.name, variant)
        content, content_type = last[key]
        results.append(
            {
                "page": page.name,
                "variant": variant,
                "path": page.path,
                "public": not page.who,
                "p50_ms": statistics.median(timings[key]),
                "p95_ms": percentile(timings[key], 0.95),
                "queries": sorted(queries[key]),
                "requests": len(timings[key]),
                "bytes": len(content),
                "html": "html" in content_type,
                "rows_shown": rows_shown(content, content_type),
            }
        )
    return results


# The target of issue 13: computed from the database, the median within 10x the floor's median and the 95th
# percentile within 20x it; served from a cache (or a stored file), the median within 3x.
TARGET = {COMPUTED: (10, 20), CACHED: (3, None)}
# Page weight: the sociale kaart stays under 60 kB of HTML (a parent on a phone), every public page under 100 kB.
WEIGHT_LIMITS = (("/sociale-kaart/", 60_000), ("", 100_000))
# The growth table: the five slowest pages at the largest scale; the cost (median / floor) may grow at most by the
# factor the rows it shows grow by, with this margin for the noise of a shared machine.
GROWTH_PAGES = 5
GROWTH_MARGIN = 1.5


def judge(row: dict, floor: dict) -> None:
    row["ratio_to_floor"] = row["p50_ms"] / floor["p50_ms"]
    row["p95_to_floor"] = row["p95_ms"] / floor["p50_ms"]
    median_limit, p95_limit = TARGET[row["variant"]]
    row["within_target"] = row["ratio_to_floor"] <= median_limit and (
        p95_limit is None or row["p95_to_floor"] <= p95_limit
    )
    row["weight_limit"] = None
    if row["public"] and row["html"]:
        path = row["path"].removeprefix("POST ")
        row["weight_limit"] = next(limit for prefix, limit in WEIGHT_LIMITS if path.startswith(prefix))
    row["weight_ok"] = row["weight_limit"] is None or row["bytes"] <= row["weight_limit"]


def growth_table(rows: list[dict]) -> list[dict]:
    """How the cost of the slowest computed pages grows with the data, beside how many rows they show."""
    scales = sorted({row["scale"] for row in rows})
    if len(scales) < 2:
        return []
    by_key = {(row["page"], row["variant"], row["scale"]): row for row in rows}
    largest = [
        row
        for row in rows
        if row["scale"] == scales[-1] and row["variant"] == COMPUTED and not row["page"].startswith("floor")
    ]
    slowest = sorted(largest, key=lambda row: -row["ratio_to_floor"])[:GROWTH_PAGES]
    table = []
    for top in slowest:
        per_scale = [by_key[(top["page"], COMPUTED, scale)] for scale in scales]
        first, last = per_scale[0], per_scale[-1]
        cost_growth = last["ratio_to_floor"] / first["ratio_to_floor"]
        shown = [row["rows_shown"] for row in per_scale]
        rows_growth = shown[-1] / shown[0] if shown[0] and shown[-1] else 1.0
        table.append(
            {
                "page": top["page"],
                "scales": scales,
                "ratio_to_floor": [round(row["ratio_to_floor"], 2) for row in per_scale],
                "p50_ms": [round(row["p50_ms"], 2) for row in per_scale],
                "rows_shown": shown,
                "cost_growth": round(cost_growth, 2),
                "rows_growth": round(rows_growth, 2),
                "ok": cost_growth <= max(1.0, rows_growth) * GROWTH_MARGIN,
            }
        )
    return table


def print_tables(rows: list[dict], growth: list[dict]) -> None:
    header = (
        f"{'page':<40} {'variant':<8} {'scale':>5} {'p50 ms':>7} {'p95 ms':>7} {'x floor':>7} {'p95 x':>6} "
        f"{'queries':>7} {'kB':>6} {'rows':>5}  target"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        queries = ",".join(str(q) for q in row["queries"])
        verdict = "ok" if row["within_target"] else "OVER"
        if not row["weight_ok"]:
            verdict += f" (heavier than {row['weight_limit'] // 1000} kB)"
        print(
            f"{row['page']:<40} {row['variant']:<8} {row['scale']:>5} {row['p50_ms']:>7.2f} {row['p95_ms']:>7.2f} "
            f"{row['ratio_to_floor']:>7.2f} {row['p95_to_floor']:>6.1f} {queries:>7} {row['bytes'] / 1000:>6.1f} "
            f"{'' if row['rows_shown'] is None else row['rows_shown']:>5}  {verdict}"
        )
    if growth:
        scales = growth[0]["scales"]
        print(f"\nGrowth with the data: the {len(growth)} slowest computed pages at scale {scales[-1]}")
        header = (
            f"{'page':<40} "
            + " ".join(f"{'x floor @' + str(s):>12}" for s in scales)
            + " "
            + " ".join(f"{'rows @' + str(s):>9}" for s in scales)
            + f" {'cost grew':>9} {'rows grew':>9}  ok"
        )
        print(header)
        print("-" * len(header))
        for row in growth:
            print(
                f"{row['page']:<40} "
                + " ".join(f"{ratio:>12.2f}" for ratio in row["ratio_to_floor"])
                + " "
                + " ".join(f"{'' if n is None else n:>9}" for n in row["rows_shown"])
                + f" {row['cost_growth']:>8.2f}x {row['rows_growth']:>8.2f}x  {'ok' if row['ok'] else 'GROWS FASTER'}"
            )
    over = [row for row in rows if not row["within_target"] or not row["weight_ok"]]
    print(f"\n{len(rows) - len(over)} of {len(rows)} rows within the target and weight.")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", action="append", required=True, help="SCALE=DATABASE_URL")
    parser.add_argument("--requests", type=int, default=200, help="requests per page")
    parser.add_argument("--only", default="", help="only the pages whose name matches this regular expression")
    args = parser.parse_args()
    rows = []
    for target in args.target:
        scale, database_url = target.split("=", 1)
        server, port = start_server(database_url)
        try:
            ids = dict(
                zip(
                    ("request", "closed_round", "open_round", "published_round", "event", "item", "alliance", "thread"),
                    shell(database_url, IDS).split(),
                    strict=True,
                )
            )
            cookies = {
                "team": team_session(database_url),
                "coordinator": team_session(database_url, "coordinator@example.org"),
            }
            results = measure(port, args.requests, cookies, ids, args.only)
        finally:
            server.terminate()
            server.wait()
        floor = results[0]
        for result in results:
            result["scale"] = int(scale)
            judge(result, floor)
            rows.append(result)
    growth = growth_table(rows)
    print_tables(rows, growth)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    report = {
        "when": stamp,
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "server": "gunicorn, 1 sync worker, PostgreSQL on loopback",
        "requests_per_page": args.requests,
        "target": {"computed": "median <= 10x floor, p95 <= 20x floor", "cached": "median <= 3x floor"},
        "rows": rows,
        "growth": growth,
    }
    for path in (RESULTS / f"bench-{stamp}.json", RESULTS / "latest.json"):
        path.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nwritten to bench/results/bench-{stamp}.json")


if __name__ == "__main__":
    main()
