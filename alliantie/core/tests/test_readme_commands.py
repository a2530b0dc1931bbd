"""Every command the README shows works exactly as written on the embedded default (no DEBUG, no SECRET_KEY, the same
SQLite folder as `make run`), run as a new developer would run them."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
ALLIANTIE = str(Path(sys.executable).parent / "alliantie")


@pytest.fixture(scope="module")
def shell(tmp_path_factory):
    """A clean shell: none of the test settings, a data folder of its own, the demo loaded."""
    data = tmp_path_factory.mktemp("readme-data")
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR") or k.startswith("PYTHON")}
    env["ALLIANTIE_DATA_DIR"] = str(data)

    def run(*args: str, expect_ok: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run([ALLIANTIE, *args], env=env, capture_output=True, text=True, cwd=data, check=False)
        if expect_ok:
            assert result.returncode == 0, (
                f"alliantie {' '.join(args)}\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
            )
        return result

    run("migrate", "--no-input", "-v0")
    run("demo", "--no-logins")
    run.data = data
    return run


def test_the_readme_shows_only_commands_this_test_runs():
    readme = (ROOT / "README.md").read_text()
    shown = set(re.findall(r"alliantie (?!<)([a-z_]+)", readme))
    assert shown <= TESTED | {"demo", "createsuperuser"}, shown - TESTED


TESTED = {
    "totp",
    "import",
    "match",
    "match_evaluate",
    "introductions_follow_up",
    "marketplace_digest",
    "hsds_export",
    "hsds_import",
    "socialmap_checks",
    "agenda_periodic",
    "report",
    "monitor_daily",
    "run_periodic",
    "backup",
    "process_bounces",
}


def test_totp_prints_the_current_code_of_a_demo_login(shell):
    assert re.fullmatch(r"\d{6}\n", shell("totp", "projectteam@example.org").stdout)


def test_import_organisations_with_dry_run(shell):
    table = shell.data / "partners.csv"
    table.write_text(
        "naam;kvk;sector;schaal;werkgebied;website;e-mail;postcode;plaats\nStichting Proef;;fonds;landelijk;;;;;\n"
    )
    out = shell("import", "organisations", str(table), "--dry-run").stdout
    assert "1 nieuw" in out and "proef" in out.lower()


def test_match_and_match_evaluate(shell):
    posts = shell.data / "posts.jsonl"
    posts.write_text(
        json.dumps({"id": "v1", "kind": "request", "title": "Ontbijt op school", "body": "Wie helpt?"})
        + "\n"
        + json.dumps({"id": "a1", "kind": "offer", "title": "Schoolontbijt", "body": "Gratis ontbijt voor scholen."})
        + "\n"
    )
    assert '"a1"' in shell("match", "--posts", str(posts), "--top", "3").stdout
    assert "nDCG@5" in shell("match_evaluate").stdout


def test_the_jobs_that_mail(shell):
    for command in ("introductions_follow_up", "marketplace_digest", "socialmap_checks", "agenda_periodic"):
        shell(command, "--base-url", "https://alliantie.example.org")
    shell("monitor_daily")
    listed = shell("run_periodic", "--list").stdout
    assert "monitor-dagelijks" in listed
    shell("run_periodic", "--job", "tellers-opruimen", "--force")


def test_hsds_export_and_import_round_trip(shell):
    exported = shell.data / "zoetermeer.json"
    shell("hsds_export", "--gemeente", "Zoetermeer", "-o", str(exported))
    assert json.loads(exported.read_text())["area"] == "Zoetermeer"
    assert "bijgewerkt" in shell("hsds_import", str(exported)).stdout


def test_report_progress_and_backup(shell):
    report = shell.data / "rapportage.html"
    shell("report", "progress", "--year", "2025", "--format", "html", "-o", str(report))
    assert report.read_text().startswith("<!DOCTYPE html>")
    copy = shell.data / "kopie.sqlite3"
    assert "sqlite" in shell("backup", str(copy)).stdout and copy.stat().st_size > 100_000


def test_process_bounces_reads_an_empty_maildir_and_says_what_is_missing_without_one(shell):
    maildir = shell.data / "bounces"
    for part in ("cur", "new", "tmp"):
        (maildir / part).mkdir(parents=True)
    shell("process_bounces", "--maildir", str(maildir))
    refused = shell("process_bounces", expect_ok=False)
    assert refused.returncode != 0 and "Geen postbus ingesteld" in refused.stderr
