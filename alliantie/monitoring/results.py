"""The figures of the monitor, counted in the database: per question the distribution with its base, numbers,
the team's codes of open answers, the comparison with the previous round; reach from activity progress; the
alliance's growth. Public figures never single out a partner: a group of fewer than MONITOR_MIN_GROUP partners
is merged into "other answers" (or left out), unless every partner in it agreed to be named."""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Avg, Count, Q, QuerySet, Sum
from django.db.models.functions import Lower
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from alliantie.activities import figures
from alliantie.activities.models import Activity, Involvement
from alliantie.core import caching, versions
from alliantie.core.models import Challenge, ChangeLine, Municipality, Sector
from alliantie.monitoring import counts
from alliantie.monitoring.charts import Chart, bar_chart
from alliantie.monitoring.models import Answer, AnswerCount, Code, CodeCount, MonitorRound, Question, Response
from alliantie.partners import facets
from alliantie.partners.models import Organisation

OTHER = "__overig__"


@dataclass
class Bar:
    option: str
    label: str
    count: int | None  # None: fewer than the minimum, not shown
    percent: float | None
    previous_percent: float | None = None


@dataclass
class QuestionResult:
    question: Question
    base: int  # partners who answered this question
    bars: list[Bar] = field(default_factory=list)
    total: float | None = None
    mean: float | None = None
    codes: list[Bar] = field(default_factory=list)
    suppressed: bool = False
    previous_base: int | None = None
    more_options: int = 0  # options left off the page (shown_on_page)


@dataclass
class Filters:
    sector: str = ""
    scope: str = ""
    province: str = ""
    challenge: str = ""

    def apply(self, responses: QuerySet[Response]) -> QuerySet[Response]:
        if self.sector:
            responses = responses.filter(organisation__sector__slug=self.sector)
        if self.scope:
            responses = responses.filter(organisation__scope__code=self.scope)
        if self.province:
            responses = responses.filter(organisation__municipality__province__code=self.province)
        if self.challenge:
            working_on = Activity.objects.filter(challenges__slug=self.challenge).values("organisation_id")
            responses = responses.filter(organisation_id__in=working_on)
        return responses


def submitted(monitor_round: MonitorRound, filters: Filters | None = None) -> QuerySet[Response]:
    responses = Response.objects.filter(round=monitor_round, status=Response.Status.SUBMITTED)
    return (filters or Filters()).apply(responses)


def previous_round(monitor_round: MonitorRound) -> MonitorRound | None:
    return (
        MonitorRound.objects.filter(year__lt=monitor_round.year)
        .exclude(status=MonitorRound.Status.DRAFT)
        .order_by("-year", "-opens_on")
        .first()
    )


def _option_labels(questions: list[Question], options: set[str]) -> dict[str, str]:
    labels = {str(n): str(n) for n in range(1, 6)} | {"ja": _("ja"), "nee": _("nee")}
    if any(q.kind == Question.Kind.CHALLENGES for q in questions):
        labels |= {c.slug: f"{c.number}. {c.name}" for c in Challenge.objects.all()}
    codes = [o for o in options if o.startswith("GM")]
    if codes:
        labels |= dict(Municipality.objects.filter(code__in=codes).values_list("code", "name"))
    return labels


def _counts(responses: QuerySet[Response], questions: list[Question]):
    """(base per question, {(question, option): (count, named)}, numbers per question) in three queries."""
    answers = Answer.objects.filter(response__in=responses.values("pk"), question__in=[q.pk for q in questions])
    base = dict(answers.values("question").annotate(n=Count("response", distinct=True)).values_list("question", "n"))
    options = {
        (row["question"], row["option"]): (row["n"], row["named"])
        for row in answers.exclude(option="")
        .values("question", "option")
        .annotate(
            n=Count("response", distinct=True),
            named=Count("response", distinct=True, filter=Q(response__agrees_to_be_named=True)),
        )
    }
    numbers = {
        row["question"]: (row["total"], row["mean"])
        for row in answers.filter(number__isnull=False)
        .values("question")
        .annotate(total=Sum("number"), mean=Avg("number"))
    }
    return base, options, numbers


def _tallies(monitor_round: MonitorRound, filters: Filters, questions: list[Question], *, with_codes: bool = True):
    """(base, options, numbers, codes per question) of the round's submitted responses that pass the filters: added
    up from the round's counts when it is counted (monitoring/counts.py) and the filters ask only for groups,
    otherwise counted from the answers."""
    if monitor_round.counted and not filters.challenge:
        return _counted(monitor_round, filters, questions, with_codes)
    responses = submitted(monitor_round, filters)
    base, options, numbers = _counts(responses, questions)
    code_counts = defaultdict(list)
    if with_codes:
        for code in Code.objects.filter(question__in=[q.pk for q in questions]).annotate(
            n=Count("answers", filter=Q(answers__response__in=responses.values("pk")), distinct=True),
            named=Count(
                "answers",
                filter=Q(answers__response__in=responses.values("pk"), answers__response__agrees_to_be_named=True),
                distinct=True,
            ),
        ):
            code_counts[code.question_id].append((code.label, code.n, code.named))
    return base, options, numbers, code_counts


def _counted(monitor_round: MonitorRound, filters: Filters, questions: list[Question], with_codes: bool):
    """The same figures added up over the groups of the round's counts that the filters ask for; two queries."""
    groups = counts.group_q(filters.sector, filters.scope, filters.province)
    base: dict[int, int] = {}
    options: dict[tuple[int, str], tuple[int, int]] = {}
    numbers: dict[int, tuple[Decimal, Decimal]] = {}
    rows = (
        AnswerCount.objects.filter(groups, round=monitor_round, question__in=[q.pk for q in questions])
        .values_list("question", "option")
        .annotate(n=Sum("n"), n_named=Sum("named"), total=Sum("number_total"), numbers=Sum("number_count"))
        .order_by()
    )
    for question, option, n, named, total, count in rows:
        if option:
            if n:
                options[(question, option)] = (n, named)
            continue
        if n:
            base[question] = n
        if count:
            numbers[question] = (total, total / count)
    code_counts = defaultdict(list)
    if with_codes:
        for question, label, n, named in (
            CodeCount.objects.filter(groups, round=monitor_round, code__question__in=[q.pk for q in questions])
            .values_list("code__question", "code__label")
            .annotate(n=Sum("n"), n_named=Sum("named"))
            .order_by()
        ):
            code_counts[question].append((label, n, named))
    return base, options, numbers, code_counts


def round_version(monitor_round: MonitorRound | None) -> tuple:
    """Changes when any response of the round is saved, submitted or coded (see core/versions.py)."""
    if monitor_round is None:
        return ()
    return (monitor_round.pk, *versions.current(versions.monitor_round(monitor_round.pk)))


def question_results(
    monitor_round: MonitorRound, filters: Filters | None = None, *, public: bool = False
) -> list[QuestionResult]:
    """Every question of the round with its figures, kept in the cache until a response of this round or the
    previous one changes (closed rounds are read far more often than they change)."""
    filters = filters or Filters()
    earlier = previous_round(monitor_round)
    key = (
        "monitor-results:"
        + hashlib.sha256(
            repr((round_version(monitor_round), round_version(earlier), filters, public, get_language())).encode()
        ).hexdigest()
    )
    return caching.get_or_compute(
        key,
        lambda: _question_results(monitor_round, filters, earlier, public=public),
        settings.MONITOR_RESULTS_CACHE_SECONDS,
    )


def _question_results(
    monitor_round: MonitorRound, filters: Filters, earlier: MonitorRound | None, *, public: bool
) -> list[QuestionResult]:
    """Every question of the round with its figures; a fixed number of queries whatever the number of answers."""
    questions = list(
        Question.objects.filter(section__questionnaire=monitor_round.questionnaire_id)
        .select_related("section")
        .order_by("section__position", "position")
    )
    base, options, numbers, code_counts = _tallies(monitor_round, filters, questions)
    previous: dict[tuple[str, str], float] = {}
    previous_bases: dict[str, int] = {}
    if earlier is not None:
        old_questions = list(Question.objects.filter(section__questionnaire=earlier.questionnaire_id))
        same = [q for q in old_questions if q.key in {n.key for n in questions}]
        old_base, old_options, _numbers, _codes = _tallies(earlier, filters, same, with_codes=False)
        keys = {q.pk: q.key for q in same}
        previous_bases = {keys[pk]: n for pk, n in old_base.items()}
        for (pk, option), (n, _named) in old_options.items():
            if old_base.get(pk):
                previous[(keys[pk], option)] = round(100 * n / old_base[pk], 1)
    labels = _option_labels(questions, {option for _pk, option in options})
    minimum = settings.MONITOR_MIN_GROUP
    results = []
    for question in questions:
        n = base.get(question.pk, 0)
        result = QuestionResult(question=question, base=n, previous_base=previous_bases.get(question.key))
        if public and n < minimum:
            result.suppressed = True
            results.append(result)
            continue
        rows = [(option, count, named) for (pk, option), (count, named) in options.items() if pk == question.pk]
        if question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            order = {option: i for i, option in enumerate(question.options)}
            rows.sort(key=lambda r: (order.get(r[0], 999), r[0]))
        elif question.kind in (Question.Kind.LIKERT, Question.Kind.YES_NO):
            rows.sort(key=lambda r: r[0])
        else:
            rows.sort(key=lambda r: (-r[1], r[0]))
        result.bars = _bars(rows, n, labels, public, question.key, previous)
        if question.pk in numbers and not (public and n < minimum):
            total, mean = numbers[question.pk]
            result.total, result.mean = float(total), round(float(mean), 1)
        result.codes = _bars(
            sorted(code_counts[question.pk], key=lambda r: (-r[1], r[0])), n, {}, public, question.key, {}
        )
        results.append(result)
    return results


def _bars(rows, base: int, labels: dict, public: bool, key: str, previous: dict) -> list[Bar]:
    minimum = settings.MONITOR_MIN_GROUP
    bars, merged = [], 0
    for option, count, named in rows:
        if count == 0:
            continue
        if public and count < minimum and named < count:
            merged += count
            continue
        bars.append(
            Bar(
                option,
                labels.get(option, option),
                count,
                round(100 * count / base, 1) if base else 0.0,
                previous.get((key, option)),
            )
        )
    if merged:
        shown = merged >= minimum
        bars.append(
            Bar(
                OTHER,
                _("Overige antwoorden (samengevoegd, elk van minder dan %(n)s partners)") % {"n": minimum},
                merged if shown else None,
                round(100 * merged / base, 1) if shown and base else None,
            )
        )
    return bars


# The results page shows this many options of a question, the most chosen first for a list of places; the rest is
# one line with a link to all answers (the export and the API have every option). A question about municipalities
# has 342 options: their rows made up most of the page's weight and time.
MAX_BARS_SHOWN = 25


def shown_on_page(results: list[QuestionResult]) -> list[QuestionResult]:
    """The results as the page shows them: at most MAX_BARS_SHOWN options per question (copies: cached results are
    not changed)."""
    shown = []
    for result in results:
        if len(result.bars) > MAX_BARS_SHOWN:
            ordered = sorted(result.bars, key=lambda bar: -(bar.count or 0))
            result = replace(result, bars=ordered[:MAX_BARS_SHOWN], more_options=len(ordered) - MAX_BARS_SHOWN)
        shown.append(result)
    return shown


FOLD = 10  # a long list (110 municipalities) shows its top ten, the rest behind "toon alle"


@dataclass
class Presented:
    """A question's figures as a page shows them: the rows (choices, or the codes of an open question), the first
    FOLD of them and the rest, and a chart of the first FOLD beside the table."""

    result: QuestionResult
    rows: list[Bar]
    top: list[Bar]
    rest: list[Bar]
    chart: Chart | None


def presented(results: list[QuestionResult], *, fold: int = FOLD) -> list[Presented]:
    """Every question with its rows folded to the top `fold` and a chart of those; no query."""
    shown = []
    for result in results:
        rows = result.bars or result.codes
        chart = None
        if rows and not result.suppressed:
            title = (
                result.question.text
                if len(rows) <= fold
                else _("%(question)s (de %(n)s meest gekozen)")
                % {
                    "question": result.question.text,
                    "n": fold,
                }
            )
            chart = bar_chart(title, [(bar.label, bar.percent) for bar in rows[:fold]], "%")
        shown.append(Presented(result, rows, rows[:fold], rows[fold:], chart))
    return shown


def result_by_key(results: list[QuestionResult], key: str) -> QuestionResult | None:
    return next((r for r in results if r.question.key == key), None)


# Reach and growth ----------------------------------------------------------------------------------------------


@dataclass
class ReachRow:
    code: str
    label: str
    children: int | None  # None: fewer than the minimum of partners behind it, not shown in public
    families: int | None
    partners: int


def reach(year: int, *, public: bool = False) -> dict:
    """Children and families reached according to the activities' progress updates of the year, per opgave and
    per line of the theory of change. An activity with two opgaven counts for both. In public a row with fewer
    than MONITOR_MIN_GROUP partners behind it shows no numbers. From the year's figures once counted
    (activities/figures.py), otherwise summed from the progress."""
    stored = figures.counted(year)
    if stored is None:
        found = figures.reach_rows(year)
    else:
        found = {"total": {}, "challenge": {}, "line": {}}
        for figure in stored:
            if figure.kind in found:
                found[figure.kind][int(figure.key)] = {
                    "children": figure.children,
                    "families": figure.families,
                    "partners": figure.partners,
                }
    minimum = settings.MONITOR_MIN_GROUP

    def row(code: str, label: str, found: dict) -> ReachRow:
        partners = found.get("partners") or 0
        hidden = public and 0 < partners < minimum
        return ReachRow(
            code,
            label,
            None if hidden else found.get("children") or 0,
            None if hidden else found.get("families") or 0,
            partners,
        )

    return {
        "total": row("total", _("Alle activiteiten"), found["total"].get(0, {})),
        "challenges": [
            row(str(c.number), f"{c.number}. {c.name}", found["challenge"].get(c.pk, {}))
            for c in Challenge.objects.order_by("number")
        ],
        "lines": [
            row(line.code, line.name, found["line"].get(line.pk, {})) for line in ChangeLine.objects.order_by("pk")
        ],
    }


def involvement(year: int) -> list[tuple[str, str, int, float]]:
    """How activities running in the year involve people with lived experience: (code, label, count, share); from
    the year's figures once counted."""
    stored = figures.counted(year)
    if stored is None:
        counts = figures.involvement_counts(year)
    else:
        counts = {f.key: f.activities for f in stored if f.kind == "involvement"}
    total = sum(counts.values())
    return [
        (value, str(label), counts.get(value, 0), round(100 * counts.get(value, 0) / total, 1) if total else 0.0)
        for value, label in Involvement.choices
    ]


def growth(year: int, first_year: int = 2019) -> dict:
    """Partners at the end of each year since the start, new partners and partners that stopped per year (so each
    year's end is the previous end plus the new minus those that stopped), and partners by sector now: from the
    directory's counts once built (partners/facets.py), otherwise counted."""
    stored = facets.partner_years()
    if stored is None:
        return _growth_from_data(year, first_year)
    years = list(range(first_year, year + 1))
    joined, ended = stored["joined"], stored["ended"]
    rows = [
        (
            y,
            sum(n for j, n in joined.items() if j <= y) - sum(n for (e, j), n in ended.items() if e <= y and j <= y),
            joined.get(y, 0),
            sum(n for (e, j), n in ended.items() if e == y and j <= y),
        )
        for y in years
    ]
    return {"years": rows, "by_sector": _by_sector(stored["sector"])}


def _growth_from_data(year: int, first_year: int = 2019) -> dict:
    partners = Organisation.objects.exclude(status=Organisation.Status.APPLIED).exclude(joined_on__isnull=True)
    years = list(range(first_year, year + 1))
    aggregates = {}
    for y in years:
        end = date(y, 12, 31)
        left = Q(status=Organisation.Status.ENDED, status_since__lte=end)
        aggregates[f"end_{y}"] = Count("pk", filter=Q(joined_on__lte=end) & ~left)
        aggregates[f"new_{y}"] = Count("pk", filter=Q(joined_on__year=y))
        aggregates[f"left_{y}"] = Count(
            "pk", filter=Q(status=Organisation.Status.ENDED, status_since__year=y, joined_on__lte=end)
        )
    counts = partners.aggregate(**aggregates)
    current = Organisation.objects.filter(status__in=[Organisation.Status.ACTIVE, Organisation.Status.DORMANT])
    by_sector = dict(current.values("sector__slug").annotate(n=Count("pk")).values_list("sector__slug", "n"))
    return {
        "years": [(y, counts[f"end_{y}"], counts[f"new_{y}"], counts[f"left_{y}"]) for y in years],
        "by_sector": _by_sector(by_sector),
    }


def _by_sector(counts: dict[str, int]) -> list[tuple[str, int]]:
    sectors = [(s.name, counts.get(s.slug, 0)) for s in Sector.objects.order_by(Lower("name"))]
    return sorted([row for row in sectors if row[1]], key=lambda r: -r[1])
