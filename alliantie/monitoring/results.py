"""The figures of the monitor, counted in the database: per question the distribution with its base, numbers,
the team's codes of open answers, the comparison with the previous round; reach from activity progress; the
alliance's growth. Public figures never single out a partner: a group of fewer than MONITOR_MIN_GROUP partners
is merged into "other answers" (or left out), unless every partner in it agreed to be named."""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Avg, Count, Q, QuerySet, Sum
from django.db.models.functions import Lower
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from alliantie.activities.models import Activity, Involvement, ProgressUpdate
from alliantie.core import caching, versions
from alliantie.core.models import Challenge, ChangeLine, Municipality, Sector
from alliantie.monitoring.charts import Chart, bar_chart
from alliantie.monitoring.models import Answer, Code, MonitorRound, Question, Response
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
    responses = submitted(monitor_round, filters)
    base, options, numbers = _counts(responses, questions)
    code_counts = defaultdict(list)
    for code in Code.objects.filter(question__in=[q.pk for q in questions]).annotate(
        n=Count("answers", filter=Q(answers__response__in=responses.values("pk")), distinct=True),
        named=Count(
            "answers",
            filter=Q(answers__response__in=responses.values("pk"), answers__response__agrees_to_be_named=True),
            distinct=True,
        ),
    ):
        code_counts[code.question_id].append((code.label, code.n, code.named))
    previous: dict[tuple[str, str], float] = {}
    previous_bases: dict[str, int] = {}
    if earlier is not None:
        old_questions = list(Question.objects.filter(section__questionnaire=earlier.questionnaire_id))
        same = [q for q in old_questions if q.key in {n.key for n in questions}]
        old_base, old_options, _numbers = _counts(submitted(earlier, filters), same)
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
    than MONITOR_MIN_GROUP partners behind it shows no numbers."""
    updates = ProgressUpdate.objects.filter(reported_on__year=year)
    sums = {
        "children": Sum("children_reached"),
        "families": Sum("families_reached"),
        "partners": Count("activity__organisation", distinct=True),
    }
    per_challenge = {
        row["activity__challenges"]: row for row in updates.values("activity__challenges").annotate(**sums)
    }
    per_line = {row["activity__change_line"]: row for row in updates.values("activity__change_line").annotate(**sums)}
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
        "total": row(
            "total",
            _("Alle activiteiten"),
            updates.aggregate(
                children=Sum("children_reached"),
                families=Sum("families_reached"),
                partners=Count("activity__organisation", distinct=True),
            ),
        ),
        "challenges": [
            row(str(c.number), f"{c.number}. {c.name}", per_challenge.get(c.pk, {}))
            for c in Challenge.objects.order_by("number")
        ],
        "lines": [row(line.code, line.name, per_line.get(line.pk, {})) for line in ChangeLine.objects.order_by("pk")],
    }


def involvement(year: int) -> list[tuple[str, str, int, float]]:
    """How activities running in the year involve people with lived experience: (code, label, count, share)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    running = Activity.objects.filter(starts_on__lte=end).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=start))
    counts = dict(running.values("involvement").annotate(n=Count("pk")).values_list("involvement", "n"))
    total = sum(counts.values())
    return [
        (value, str(label), counts.get(value, 0), round(100 * counts.get(value, 0) / total, 1) if total else 0.0)
        for value, label in Involvement.choices
    ]


def growth(year: int, first_year: int = 2019) -> dict:
    """Partners at the end of each year since the start, new partners and partners that stopped per year (so each
    year's end is the previous end plus the new minus those that stopped), and partners by sector now."""
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
    by_sector = dict(current.values("sector").annotate(n=Count("pk")).values_list("sector", "n"))
    sectors = [(s.name, by_sector.get(s.pk, 0)) for s in Sector.objects.order_by(Lower("name"))]
    return {
        "years": [(y, counts[f"end_{y}"], counts[f"new_{y}"], counts[f"left_{y}"]) for y in years],
        "by_sector": sorted([row for row in sectors if row[1]], key=lambda r: -r[1]),
    }
