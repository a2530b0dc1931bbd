"""Turns Locust's CSV files into the load test's result: requests per second, p50/p95/p99 per page group and the
errors, as JSON in bench/results/ and as a table on the terminal."""

import csv
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def main(stats_csv: str, failures_csv: str, settings: str) -> int:
    rows = list(csv.DictReader(open(stats_csv, encoding="utf-8")))  # noqa: SIM115
    failures = list(csv.DictReader(open(failures_csv, encoding="utf-8"))) if Path(failures_csv).exists() else []  # noqa: SIM115
    groups = []
    for row in rows:
        groups.append(
            {
                "name": row["Name"],
                "method": row["Type"],
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "rps": round(float(row["Requests/s"]), 2),
                "p50_ms": float(row["50%"] or 0),
                "p95_ms": float(row["95%"] or 0),
                "p99_ms": float(row["99%"] or 0),
            }
        )
    total = next(g for g in groups if g["name"] == "Aggregated")
    result = {
        "made": datetime.now(UTC).isoformat(timespec="seconds"),
        "settings": json.loads(settings),
        "total": total,
        "pages": [g for g in groups if g["name"] != "Aggregated"],
        "failures": [{k: row[k] for k in ("Method", "Name", "Error", "Occurrences")} for row in failures],
    }
    RESULTS.mkdir(exist_ok=True)
    target = RESULTS / f"load-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    target.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(f"{'page group':<32} {'requests':>8} {'errors':>6} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6}")
    for g in sorted(result["pages"], key=lambda g: g["name"]) + [total]:
        print(
            f"{g['name'][:32]:<32} {g['requests']:>8} {g['failures']:>6} {g['rps']:>7} "
            f"{g['p50_ms']:>6.0f} {g['p95_ms']:>6.0f} {g['p99_ms']:>6.0f}"
        )
    for failure in result["failures"]:
        print(f"FOUT {failure['Method']} {failure['Name']}: {failure['Error']} ({failure['Occurrences']}x)")
    print(f"Geschreven: {target.relative_to(RESULTS.parent.parent)}")
    return 1 if total["failures"] else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
