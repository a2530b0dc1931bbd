"""The Voortgangsrapportage of a year: the same figures and template for the page, the PDF and the command.
Figures from monitor answers are the public ones (small groups merged), so the report shows what the API shows.

It reads as a report an alliance sends to its ministries: a cover, the year on one page (five sentences, five
figures and the targets of the projectplan, seed 001), a short text per opgave with the highlighted activities and
the voices of ervaringsdeskundigen (quoted only with their consent), then the figures as an appendix."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from weasyprint import HTML

from alliantie.core import caching
from alliantie.core.models import Challenge
from alliantie.monitoring import counts, results, selectors
from alliantie.monitoring.charts import bar_chart, show_number
from alliantie.monitoring.models import MonitorRound, Report
from alliantie.partners.directory import data_version

# Counts per year that apps after this one keep (the agenda: kenniskringen, the leernetwerk). They register here in
# their AppConfig.ready(), so this app never imports them: key -> function(year) -> int.
YEARLY_COUNTERS: dict[str, Callable[[int], int]] = {}


def register_yearly_counter(key: str, counter: Callable[[int], int]) -> None:
    """Let a later app give the report a count per year (for example the kenniskringen held)."""
    YEARLY_COUNTERS[key] = counter


# The targets of the projectplan "Lokaal doen, landelijk delen" (seed 001): (key, what, target). A target without
# a figure on the platform says "nog niet bijgehouden" rather than nothing.
TARGETS = [
    ("partners", gettext_lazy("Partners in het netwerk"), gettext_lazy("minstens 350")),
    ("new_partners", gettext_lazy("Nieuwe partners dit jaar"), gettext_lazy("75 nieuwe partners in twee jaar")),
    ("local_alliances", gettext_lazy("Lokale allianties"), gettext_lazy("15 in twee jaar")),
    ("kenniskringen", gettext_lazy("Kenniskringen"), gettext_lazy("minstens 8 per jaar")),
    ("leernetwerk", gettext_lazy("Bijeenkomsten van het leernetwerk lokale allianties"), gettext_lazy("4 per jaar")),
    ("newsletters", gettext_lazy("Nieuwsbrieven"), gettext_lazy("6 per jaar")),
    ("experts", gettext_lazy("Extra ervaringsdeskundigen betrokken"), gettext_lazy("100")),
]


@dataclass
class Target:
    label: str
    figure: str  # the platform's figure, or "nog niet bijgehouden"
    target: str
    tracked: bool


@dataclass
class KeyFigure:
    figure: str
    label: str


@dataclass
class OpgaveSection:
    number: int
    name: str
    text: list[str]  # plain sentences
    activities: list = field(default_factory=list)
    quotes: list[selectors.Quote] = field(default_factory=list)


# Sections that apps after this one add to the report (reports: the map of partners per municipality): a function of
# the year that returns HTML from that app's own template; registered in the app's AppConfig.ready().
EXTRA_SECTIONS: list[Callable[[int], str]] = []


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
        "quotes": selectors.report_quotes(monitor_round) if monitor_round else {},
    }


def figures(year: int, monitor_round: MonitorRound | None) -> dict:
    """The report's numbers, kept until the round's answers or any partner or activity change."""
    version = (year, results.round_version(monitor_round), data_version(), get_language())
    key = "progress-report:" + hashlib.sha256(repr(version).encode()).hexdigest()
    return caching.get_or_compute(key, lambda: _figures(year, monitor_round), settings.MONITOR_RESULTS_CACHE_SECONDS)


def _counts(year: int) -> dict[str, int | None]:
    """The yearly counts later apps registered; None for what nobody keeps yet."""
    return {key: counter(year) for key, counter in YEARLY_COUNTERS.items()}


def _this_year(growth: dict, year: int) -> tuple[int, int, int]:
    return next(((total, new, left) for y, total, new, left in growth["years"] if y == year), (0, 0, 0))


def _targets(numbers: dict, counts: dict, year: int) -> list[Target]:
    total, new, _left = _this_year(numbers["growth"], year)
    known = {"partners": total, "new_partners": new, **counts}
    return [
        Target(
            str(label),
            show_number(known[key]) if known.get(key) is not None else _("nog niet bijgehouden"),
            str(target),
            known.get(key) is not None,
        )
        for key, label, target in TARGETS
    ]


def _involved_share(numbers: dict) -> float:
    return sum(share for code, _label, _n, share in numbers["involvement"] if code in ("co_designed", "consulted"))


def _summary(numbers: dict, counts: dict, year: int) -> tuple[list[str], list[KeyFigure]]:
    """The year in five sentences and five figures, in plain Dutch."""
    total, new, left = _this_year(numbers["growth"], year)
    total_reach = numbers["reach"]["total"]
    children, families = total_reach.children, total_reach.families
    involved = _involved_share(numbers)
    opgaven = numbers["opgaven"]
    top = max(opgaven.bars, key=lambda bar: bar.percent or 0) if opgaven and opgaven.bars else None
    sentences = [
        _("Eind %(year)s telde de alliantie %(total)s partners; het doel is minstens 350.")
        % {"year": year, "total": show_number(total)},
        ngettext(
            "Er kwam %(new)s nieuwe partner bij en %(left)s partners stopten.",
            "Er kwamen %(new)s nieuwe partners bij en %(left)s partners stopten.",
            new,
        )
        % {"new": show_number(new), "left": show_number(left)},
        _(
            "Volgens de voortgang die partners meldden, bereikten hun activiteiten %(children)s kinderen "
            "en %(families)s gezinnen."
        )
        % {"children": show_number(children), "families": show_number(families)}
        if children is not None
        else _("Minder dan vijf partners meldden dit jaar voortgang; hun bereik staat daarom niet apart vermeld."),
        _("De meeste partners werken aan de opgave %(name)s (%(percent)s%% van wie de monitor invulde).")
        % {"name": top.label.split(". ", 1)[-1], "percent": show_number(top.percent)}
        if top and top.percent is not None
        else _("Er zijn nog geen antwoorden uit een monitorronde van dit jaar."),
        _("Bij %(share)s%% van de activiteiten dachten ervaringsdeskundigen, kinderen of ouders mee.")
        % {"share": show_number(round(involved, 1))},
    ]
    kenniskringen = counts.get("kenniskringen")
    key_figures = [
        KeyFigure(show_number(total), _("partners (doel: 350)")),
        KeyFigure(show_number(new), _("nieuwe partners")),
        KeyFigure(show_number(children) if children is not None else "–", _("kinderen bereikt")),
        KeyFigure(
            show_number(kenniskringen) if kenniskringen is not None else _("nog niet bijgehouden"),
            _("kenniskringen (doel: 8)"),
        ),
        KeyFigure(f"{show_number(round(involved))}%", _("activiteiten met ervaringsdeskundigen")),
    ]
    return sentences, key_figures


def _opgave_sections(numbers: dict, highlighted: list) -> list[OpgaveSection]:
    """Per opgave: how many partners work on it and whom they reached, its highlighted activities (each under its
    first opgave) and the quotes of ervaringsdeskundigen that named it."""
    opgaven = numbers["opgaven"]
    share = {bar.option: bar for bar in (opgaven.bars if opgaven else [])}
    reach = {row.code: row for row in numbers["reach"]["challenges"]}
    placed: dict[int, list] = {}
    for activity in highlighted:
        first = min(activity.challenges.all(), key=lambda c: c.number, default=None)
        if first is not None:
            placed.setdefault(first.number, []).append(activity)
    sections = []
    for challenge in Challenge.objects.order_by("number"):
        text = []
        bar = share.get(challenge.slug)
        if bar is not None and bar.count is not None:
            text.append(
                ngettext(
                    "%(n)s partner die de monitor invulde werkt hieraan (%(percent)s%%).",
                    "%(n)s partners die de monitor invulden werken hieraan (%(percent)s%%).",
                    bar.count,
                )
                % {"n": show_number(bar.count), "percent": show_number(bar.percent)}
            )
        elif opgaven:
            text.append(_("Minder dan vijf partners die de monitor invulden noemden deze opgave."))
        row = reach.get(str(challenge.number))
        if row is not None and row.children:
            text.append(
                _(
                    "Hun activiteiten bereikten volgens de gemelde voortgang %(children)s kinderen "
                    "en %(families)s gezinnen."
                )
                % {"children": show_number(row.children), "families": show_number(row.families or 0)}
            )
        elif row is not None and row.children is None:
            text.append(_("Het bereik komt van minder dan vijf partners en staat daarom niet apart vermeld."))
        else:
            text.append(_("Er is dit jaar geen bereik gemeld bij deze opgave."))
        sections.append(
            OpgaveSection(
                challenge.number,
                challenge.name,
                text,
                placed.get(challenge.number, []),
                numbers["quotes"].get(challenge.slug, []),
            )
        )
    return sections


def context(year: int, report: Report | None = None) -> dict:
    monitor_round = round_for(year, report)
    numbers = figures(year, monitor_round)
    counts = _counts(year)
    growth, reach, opgaven = numbers["growth"], numbers["reach"], numbers["opgaven"]
    highlighted = (
        list(
            report.highlighted_activities.select_related("organisation")
            .prefetch_related("challenges")
            .order_by(Lower("title"))
        )
        if report
        else []
    )
    sentences, key_figures = _summary(numbers, counts, year)
    return numbers | {
        "year": year,
        "report": report,
        "round": monitor_round,
        "summary": sentences,
        "key_figures": key_figures,
        "targets": _targets(numbers, counts, year),
        "opgave_sections": _opgave_sections(numbers, highlighted),
        "growth_chart": bar_chart(
            _("Partners aan het eind van het jaar"), [(str(y), n) for y, n, _new, _left in growth["years"]]
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
        "extra_sections": [mark_safe(section(year)) for section in EXTRA_SECTIONS],  # noqa: S308 - our templates
    }


def render_html(year: int, report: Report | None = None) -> str:
    """The report as one HTML document (its own styles, for the PDF and the command)."""
    return render_to_string("monitoring/report_document.html", context(year, report))


def render_pdf(year: int, report: Report | None = None) -> bytes:
    """PDF/UA (tagged, Dutch) on A4, from the same HTML."""
    return HTML(string=render_html(year, report)).write_pdf(pdf_variant="pdf/ua-1")


def pdf_version(report: Report) -> str:
    """What the PDF of a report shows depends on: its text and choices, the figures and the yearly counts of the
    other apps (one hash)."""
    monitor_round = round_for(report.year, report)
    parts = (
        report.pk,
        report.updated_at,
        report.published_at,
        results.round_version(monitor_round),
        data_version(),
        sorted(_counts(report.year).items()),
        get_language(),
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()
