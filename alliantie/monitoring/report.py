"""The Voortgangsrapportage of a year: the same figures and template for the page, the PDF and the command.
Figures from monitor answers are the public ones (small groups merged), so the report shows what the API shows."""

import hashlib

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from weasyprint import HTML

from alliantie.core import caching
from alliantie.monitoring import counts, results
from alliantie.monitoring.charts import bar_chart
from alliantie.monitoring.models import MonitorRound, Report
from alliantie.partners.directory import data_version


def round_for(year: int, report: Report | None = None) -> MonitorRound | None:
    if report is not None and report.round_id:
        return report.round
    return (
        MonitorRound.objects.filter(year=year).exclude(status=MonitorRound.Status.DRAFT).order_by("-opens_on").first()
    )


def _figures(year: int, monitor_round: MonitorRound | None) -> dict:
    answers = results.question_results(monitor_round, public=True) if monitor_round else []
    needs = results.result_by_key(answers, "behoeften")
    invited, answered = counts.invited_and_answered(monitor_round) if monitor_round else (0, 0)
    return {
        "growth": results.growth(year),
        "reach": results.reach(year, public=True),
        "involvement": results.involvement(year),
        "opgaven": results.result_by_key(answers, "opgaven"),
        "top_needs": [bar for bar in needs.codes if bar.option != results.OTHER][:5] if needs else [],
        "needs_base": needs.base if needs else 0,
        "invited": invited,
        "answered": answered,
        "response_rate": round(100 * answered / invited) if invited else 0,
    }


def figures(year: int, monitor_round: MonitorRound | None) -> dict:
    """The report's numbers, kept until the round's answers or any partner or activity change."""
    version = (year, results.round_version(monitor_round), data_version(), get_language())
    key = "progress-report:" + hashlib.sha256(repr(version).encode()).hexdigest()
    return caching.get_or_compute(key, lambda: _figures(year, monitor_round), settings.MONITOR_RESULTS_CACHE_SECONDS)


def context(year: int, report: Report | None = None) -> dict:
    monitor_round = round_for(year, report)
    numbers = figures(year, monitor_round)
    growth, reach, opgaven = numbers["growth"], numbers["reach"], numbers["opgaven"]
    highlighted = list(report.highlighted_activities.select_related("organisation").order_by("title")) if report else []
    return numbers | {
        "year": year,
        "report": report,
        "round": monitor_round,
        "growth_chart": bar_chart(
            _("Partners aan het eind van het jaar"), [(str(y), n) for y, n, _new in growth["years"]]
        ),
        "sector_chart": bar_chart(_("Partners per sector"), growth["by_sector"]),
        "opgaven_chart": bar_chart(
            _("Percentage partners per opgave"), [(bar.label, bar.percent) for bar in opgaven.bars], "%"
        )
        if opgaven and not opgaven.suppressed
        else None,
        "reach_chart": bar_chart(
            _("Kinderen bereikt per opgave"), [(r.label, r.children) for r in reach["challenges"]]
        ),
        "involvement_chart": bar_chart(
            _("Activiteiten naar betrokkenheid van ervaringsdeskundigen"),
            [(label, share) for _c, label, _n, share in numbers["involvement"]],
            "%",
        ),
        "highlighted": highlighted,
    }


def render_html(year: int, report: Report | None = None) -> str:
    """The report as one HTML document (its own styles, for the PDF and the command)."""
    return render_to_string("monitoring/report_document.html", context(year, report))


def render_pdf(year: int, report: Report | None = None) -> bytes:
    """PDF/UA (tagged, Dutch) on A4, from the same HTML."""
    return HTML(string=render_html(year, report)).write_pdf(pdf_variant="pdf/ua-1")


def pdf_version(report: Report) -> str:
    """What the PDF of a report shows depends on: its text and choices, and the figures (one hash)."""
    monitor_round = round_for(report.year, report)
    parts = (
        report.pk,
        report.updated_at,
        report.published_at,
        results.round_version(monitor_round),
        data_version(),
        get_language(),
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()
