"""The Voortgangsrapportage of a year: the same figures and template for the page, the PDF and the command.
Figures from monitor answers are the public ones (small groups merged), so the report shows what the API shows."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from weasyprint import HTML

from alliantie.monitoring import results
from alliantie.monitoring.charts import bar_chart
from alliantie.monitoring.models import Invitation, MonitorRound, Report, Response


def round_for(year: int, report: Report | None = None) -> MonitorRound | None:
    if report is not None and report.round_id:
        return report.round
    return (
        MonitorRound.objects.filter(year=year).exclude(status=MonitorRound.Status.DRAFT).order_by("-opens_on").first()
    )


def context(year: int, report: Report | None = None) -> dict:
    monitor_round = round_for(year, report)
    growth = results.growth(year)
    reach = results.reach(year, public=True)
    involvement = results.involvement(year)
    answers = results.question_results(monitor_round, public=True) if monitor_round else []
    opgaven = results.result_by_key(answers, "opgaven")
    needs = results.result_by_key(answers, "behoeften")
    top_needs = [bar for bar in needs.codes if bar.option != results.OTHER][:5] if needs else []
    invited = Invitation.objects.filter(round=monitor_round).count() if monitor_round else 0
    answered = (
        Response.objects.filter(round=monitor_round, status=Response.Status.SUBMITTED).count() if monitor_round else 0
    )
    highlighted = list(report.highlighted_activities.select_related("organisation").order_by("title")) if report else []
    return {
        "year": year,
        "report": report,
        "round": monitor_round,
        "growth": growth,
        "growth_chart": bar_chart(
            _("Partners aan het eind van het jaar"), [(str(y), n) for y, n, _new in growth["years"]]
        ),
        "sector_chart": bar_chart(_("Partners per sector"), growth["by_sector"]),
        "opgaven": opgaven,
        "opgaven_chart": bar_chart(
            _("Percentage partners per opgave"), [(bar.label, bar.percent) for bar in opgaven.bars], "%"
        )
        if opgaven and not opgaven.suppressed
        else None,
        "reach": reach,
        "reach_chart": bar_chart(
            _("Kinderen bereikt per opgave"), [(r.label, r.children) for r in reach["challenges"]]
        ),
        "involvement": involvement,
        "involvement_chart": bar_chart(
            _("Activiteiten naar betrokkenheid van ervaringsdeskundigen"),
            [(label, share) for _c, label, _n, share in involvement],
            "%",
        ),
        "top_needs": top_needs,
        "needs_base": needs.base if needs else 0,
        "highlighted": highlighted,
        "invited": invited,
        "answered": answered,
        "response_rate": round(100 * answered / invited) if invited else 0,
    }


def render_html(year: int, report: Report | None = None, *, standalone: bool = True) -> str:
    """The report as one HTML document (its own styles, for the PDF and the command)."""
    return render_to_string("monitoring/report_document.html", context(year, report) | {"standalone": standalone})


def render_pdf(year: int, report: Report | None = None) -> bytes:
    """PDF/UA (tagged, Dutch) on A4, from the same HTML."""
    return HTML(string=render_html(year, report)).write_pdf(pdf_variant="pdf/ua-1")
