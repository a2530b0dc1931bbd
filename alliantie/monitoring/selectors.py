"""What the monitor pages read: the form's starting values, the response dashboard, a partner's answers."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, Sum
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from alliantie.activities.models import Activity, ProgressUpdate
from alliantie.core.models import Municipality, OutboxMessage, Province, Scope, Sector
from alliantie.monitoring import counts
from alliantie.monitoring.forms import YES
from alliantie.monitoring.models import (
    Answer,
    Invitation,
    MonitorRound,
    Question,
    Report,
    Response,
    RoundCount,
    RoundMember,
)
from alliantie.partners.models import Organisation
from alliantie.partners.selectors import mail_preview

# The response dashboard lists this many partners that did not submit yet; the export has all of them.
WAITING_SHOWN = 50


def questions_of(monitor_round: MonitorRound) -> list[Question]:
    """The round's questions in the order of the questionnaire."""
    return list(
        Question.objects.filter(section__questionnaire=monitor_round.questionnaire_id)
        .select_related("section", "follow_up_of")
        .order_by("section__position", "position")
    )


def _values(question: Question, rows: list[Answer]):
    """A form value from the stored rows of one question."""
    kind = question.kind
    if kind in (Question.Kind.MULTIPLE, Question.Kind.CHALLENGES):
        return [row.option for row in rows]
    if kind == Question.Kind.MUNICIPALITIES:
        codes = [row.option for row in rows]
        return list(Municipality.objects.filter(code__in=codes).order_by(Lower("name")))
    if kind in (Question.Kind.SINGLE, Question.Kind.LIKERT, Question.Kind.YES_NO):
        return rows[0].option if rows else None
    if kind == Question.Kind.NUMBER:
        return rows[0].number if rows else None
    return rows[0].text if rows else ""


def stored_values(response: Response, questions: list[Question]) -> dict[str, object]:
    """A response's answers as form values by field name."""
    rows: dict[int, list[Answer]] = defaultdict(list)
    for answer in response.answers.order_by("pk"):
        rows[answer.question_id].append(answer)
    return {q.field_name: _values(q, rows[q.pk]) for q in questions if rows[q.pk]}


def _year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def prefilled_values(monitor_round: MonitorRound, organisation: Organisation, questions: list[Question]) -> dict:
    """Starting values for a partner's first visit: last round's submitted answer to the same question (same
    key), and what its activities say (their opgaven, places and this year's reach)."""
    initial: dict[str, object] = {}
    previous = (
        Response.objects.filter(
            organisation=organisation, status=Response.Status.SUBMITTED, round__year__lt=monitor_round.year
        )
        .order_by("-round__year", "-submitted_at")
        .first()
    )
    if previous is not None:
        previous_questions = {
            q.key: q for q in Question.objects.filter(section__questionnaire=previous.round.questionnaire_id)
        }
        rows: dict[str, list[Answer]] = defaultdict(list)
        for answer in previous.answers.select_related("question").order_by("pk"):
            rows[answer.question.key].append(answer)
        for question in questions:
            old = previous_questions.get(question.key)
            if old is not None and old.kind == question.kind and rows[question.key]:
                initial[question.field_name] = _values(question, rows[question.key])
    start, end = _year_bounds(monitor_round.year)
    running = Activity.objects.filter(organisation=organisation, starts_on__lte=end).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=start)
    )
    progress = ProgressUpdate.objects.filter(activity__organisation=organisation, reported_on__range=(start, end))
    for question in questions:
        if question.field_name in initial or not question.prefill:
            continue
        if question.prefill == "activity_challenges":
            value = sorted(set(running.values_list("challenges__slug", flat=True)) - {None})
        elif question.prefill == "activity_municipalities":
            value = list(Municipality.objects.filter(activities__in=running).distinct().order_by(Lower("name")))
        else:
            value = progress.aggregate(total=Sum(question.prefill))["total"]
        if value not in (None, []):
            initial[question.field_name] = value
    return initial


def response_of(monitor_round: MonitorRound, organisation: Organisation) -> Response | None:
    """An organisation's response to a round (draft or submitted), or None."""
    return Response.objects.filter(round=monitor_round, organisation=organisation).first()


def answered_rows(response: Response, questions: list[Question]) -> list[tuple[Question, str]]:
    """Each asked question with the answer as text, for the page and the download of one's own answers."""
    values = stored_values(response, questions)
    asked = {q.pk: values.get(q.field_name) for q in questions}
    rows = []
    for question in questions:
        if question.follow_up_of_id and asked.get(question.follow_up_of_id) != YES:
            continue
        value = values.get(question.field_name)
        if isinstance(value, list):
            value = ", ".join(str(getattr(v, "name", v)) for v in value)
        rows.append((question, "" if value is None else str(value)))
    return rows


def partners_to_invite(monitor_round: MonitorRound):
    """The organisations a round invites when it opens: all active partners, and the dormant ones if chosen."""
    statuses = [Organisation.Status.ACTIVE] + ([Organisation.Status.DORMANT] if monitor_round.include_dormant else [])
    return Organisation.objects.filter(status__in=statuses)


def unanswered(monitor_round: MonitorRound):
    """The round's invitations whose organisation has not submitted (drafts count as not answered)."""
    submitted = Response.objects.filter(round=monitor_round, status=Response.Status.SUBMITTED).values("organisation_id")
    return Invitation.objects.filter(round=monitor_round).exclude(organisation_id__in=submitted)


def reminder_targets(monitor_round: MonitorRound):
    """Who the team's reminder reaches now: partners without a submission not reminded today."""
    today_start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return unanswered(monitor_round).exclude(last_reminded_at__gte=today_start)


def invitation_preview(monitor_round: MonitorRound) -> dict:
    """Who opening the round mails (see partners.selectors.mail_preview)."""
    return mail_preview(partners_to_invite(monitor_round).values("pk"))


def reminder_preview(monitor_round: MonitorRound) -> dict:
    """Who the team's reminder reaches now."""
    return mail_preview(reminder_targets(monitor_round).values("organisation_id"))


def dashboard(monitor_round: MonitorRound) -> dict:
    """Response rate overall and by sector, scope and province: from the round's counts when it is counted
    (monitoring/counts.py), otherwise in grouped queries over its invitations."""
    if monitor_round.counted:
        return _counted_dashboard(monitor_round)
    invitations = Invitation.objects.filter(round=monitor_round)
    submitted = Response.objects.filter(round=monitor_round, status=Response.Status.SUBMITTED).values("organisation_id")
    done = Q(organisation_id__in=submitted)
    overall = invitations.aggregate(
        invited=Count("pk"),
        answered=Count("pk", filter=done),
        sent=Count("pk", filter=Q(mail__status=OutboxMessage.Status.SENT)),
        failed=Count(
            "pk",
            filter=Q(mail__status=OutboxMessage.Status.FAILED)
            | Q(mail__status=OutboxMessage.Status.WAITING, mail__attempts__gt=0),
        ),
    )
    drafts = Response.objects.filter(round=monitor_round, status=Response.Status.DRAFT).count()

    def by(field: str, label: str) -> list[dict]:
        rows = (
            invitations.values(label).annotate(invited=Count("pk"), answered=Count("pk", filter=done)).order_by(label)
        )
        return [_rate_row(row[label], row["invited"], row["answered"]) for row in rows]

    return {
        "overall": overall | {"drafts": drafts, "rate": _rate(overall["answered"], overall["invited"])},
        "by_sector": by("sector", "organisation__sector__name"),
        "by_scope": by("scope", "organisation__scope__name"),
        "by_province": by("province", "organisation__municipality__province__name"),
    }


def _rate(answered: int, invited: int) -> int:
    return round(100 * answered / invited) if invited else 0


def _rate_row(label: str | None, invited: int, answered: int) -> dict:
    return {"label": label or "–", "invited": invited, "answered": answered, "rate": _rate(answered, invited)}


def _counted_dashboard(monitor_round: MonitorRound) -> dict:
    """The dashboard from the round's counts per group (one query), the names of the groups (three small ones) and
    the invitation mails that are not (yet) sent, which a partial index finds without reading the sent ones."""
    any_ = counts.ANY
    rolled_up = Q(sector=any_, scope=any_) | Q(sector=any_, province=any_) | Q(scope=any_, province=any_)
    rows = list(
        RoundCount.objects.filter(rolled_up, round=monitor_round).values_list(
            "sector", "scope", "province", "invited", "mailed", "answered", "drafts"
        )
    )
    whole = next((row for row in rows if row[:3] == (any_, any_, any_)), (any_, any_, any_, 0, 0, 0, 0))
    unsent = OutboxMessage.objects.filter(
        pk__in=Invitation.objects.filter(round=monitor_round, mail__isnull=False).values("mail_id")
    ).exclude(status=OutboxMessage.Status.SENT)
    mail = unsent.aggregate(
        unsent=Count("pk"),
        failed=Count(
            "pk",
            filter=Q(status=OutboxMessage.Status.FAILED) | Q(status=OutboxMessage.Status.WAITING, attempts__gt=0),
        ),
    )
    invited, answered = whole[3], whole[5]
    names = {
        0: dict(Sector.objects.values_list("slug", "name")),
        1: dict(Scope.objects.values_list("code", "name")),
        2: dict(Province.objects.values_list("code", "name")),
    }

    def by(position: int) -> list[dict]:
        alone = [row for row in rows if row[position] != any_ and row[3]]
        labelled = [(names[position].get(row[position]), row[3], row[5]) for row in alone]
        ordered = sorted(labelled, key=lambda row: (row[0] is None, row[0] or ""))
        return [_rate_row(label, n, done) for label, n, done in ordered]

    return {
        "overall": {
            "invited": invited,
            "answered": answered,
            "sent": whole[4] - mail["unsent"],
            "failed": mail["failed"],
            "drafts": whole[6],
            "rate": _rate(answered, invited),
        },
        "by_sector": by(0),
        "by_scope": by(1),
        "by_province": by(2),
    }


def not_answered(monitor_round: MonitorRound, limit: int = WAITING_SHOWN) -> tuple[list[Invitation], int]:
    """The first invited partners (by name, ignoring case) that did not submit, with their invitation mail, and how many
    there are."""
    if not monitor_round.counted:
        waiting = unanswered(monitor_round)
        return (
            list(waiting.select_related("organisation", "mail").order_by(Lower("organisation__name"))[:limit]),
            waiting.count(),
        )
    members = RoundMember.objects.filter(round=monitor_round, invited=True).exclude(status=Response.Status.SUBMITTED)
    first = list(
        members.order_by(Lower("organisation__name"), "organisation_id").values_list("organisation_id", flat=True)[
            :limit
        ]
    )
    found = {
        i.organisation_id: i
        for i in Invitation.objects.filter(round=monitor_round, organisation__in=first).select_related(
            "organisation", "mail"
        )
    }
    whole = RoundCount.objects.filter(round=monitor_round, sector=counts.ANY, scope=counts.ANY, province=counts.ANY)
    count = sum(invited - answered for invited, answered in whole.values_list("invited", "answered"))
    return [found[pk] for pk in first if pk in found], count


def my_rounds(invitations) -> list[tuple[Invitation, Response | None]]:
    """The user's invitations (from permissions.own_invitations) with their responses."""
    invitations = list(
        invitations.select_related("round", "organisation").order_by("-round__year", Lower("organisation__name"))
    )
    responses = {
        (r.round_id, r.organisation_id): r
        for r in Response.objects.filter(
            round__in={i.round_id for i in invitations}, organisation__in={i.organisation_id for i in invitations}
        )
    }
    return [(i, responses.get((i.round_id, i.organisation_id))) for i in invitations]


def filter_choices() -> dict:
    """The choices of the results' filters."""
    from alliantie.core.models import Challenge, Province, Scope, Sector

    return {
        "sectors": Sector.objects.order_by(Lower("name")),
        "scopes": Scope.objects.order_by(Lower("name")),
        "provinces": Province.objects.order_by(Lower("name")),
        "challenges": Challenge.objects.order_by("number"),
    }


def sources(monitor_round: MonitorRound, question: Question, filters, *, option: str = "", code: str = "") -> list:
    """The submitted answers behind one figure: (organisation, values) per partner."""
    from alliantie.monitoring.results import submitted

    responses = submitted(monitor_round, filters)
    answers = Answer.objects.filter(question=question, response__in=responses.values("pk"))
    if option:
        answers = answers.filter(response__in=answers.filter(option=option).values("response_id"))
    if code:
        answers = answers.filter(codes__label=code)
    grouped: dict[int, list] = defaultdict(list)
    names = {}
    for answer in answers.select_related("response__organisation").order_by(
        Lower("response__organisation__name"), "pk"
    )[:2000]:
        grouped[answer.response_id].append(
            answer.option or answer.text or (answer.number if answer.number is not None else "")
        )
        names[answer.response_id] = answer.response.organisation
    return [(names[pk], values) for pk, values in grouped.items()]


def coding_page(monitor_round: MonitorRound, question: Question, page_number: str | None) -> dict:
    """One page of a question's open answers with their codes, for coding."""
    from django.core.paginator import Paginator

    from alliantie.monitoring.models import Code

    answers = (
        Answer.objects.filter(
            question=question, response__round=monitor_round, response__status=Response.Status.SUBMITTED
        )
        .exclude(text="")
        .select_related("response__organisation")
        .prefetch_related("codes")
        .order_by(Lower("response__organisation__name"), "pk")
    )
    page = Paginator(answers, 25).get_page(page_number)
    codes = list(
        Code.objects.filter(question=question)
        .annotate(n=Count("answers", filter=Q(answers__response__round=monitor_round)))
        .order_by("-n", "label")
    )
    uncoded = answers.filter(codes__isnull=True).count()
    return {"page": page, "codes": codes, "uncoded": uncoded, "total": page.paginator.count}


def answer_for_coding(monitor_round: MonitorRound, question: Question, answer_id: str) -> Answer | None:
    """An open answer of this question in this round, or None."""
    if not answer_id.isdigit():
        return None
    return Answer.objects.filter(pk=answer_id, question=question, response__round=monitor_round).first()


def existing_activity_ids(ids: list[int]) -> set[int]:
    """Which of these activity ids still exist."""
    return set(Activity.objects.filter(pk__in=ids).values_list("pk", flat=True))


def open_question(monitor_round: MonitorRound, question_pk: int) -> Question | None:
    """An open (text) question of the round's questionnaire, or None."""
    return Question.objects.filter(
        pk=question_pk, section__questionnaire=monitor_round.questionnaire_id, kind__in=Question.OPEN_KINDS
    ).first()


def question_of_round(monitor_round: MonitorRound, value: str) -> Question | None:
    """A question of the round's questionnaire by its id as text, or None."""
    if not value.isdigit():
        return None
    return Question.objects.filter(pk=value, section__questionnaire=monitor_round.questionnaire_id).first()


def team_overview() -> dict:
    """The team's monitor page: rounds, questionnaires and reports, newest first."""
    from alliantie.monitoring.models import Questionnaire, Report

    return {
        "rounds": MonitorRound.objects.select_related("questionnaire").order_by("-year", "-opens_on")[:50],
        "questionnaires": Questionnaire.objects.order_by(Lower("name"), "-version")[:50],
        "reports": Report.objects.order_by("-year")[:20],
    }


def other_open_rounds(monitor_round: MonitorRound) -> list[MonitorRound]:
    """Rounds of the same year that are open already: opening another asks partners the same twice."""
    return list(
        MonitorRound.objects.filter(year=monitor_round.year, status=MonitorRound.Status.OPEN).exclude(
            pk=monitor_round.pk
        )
    )


def published_results() -> dict:
    """What the public may read of the monitor: published progress reports, newest first, and the rounds whose
    summary is public. Two queries."""
    return {
        "reports": list(
            Report.objects.filter(published_at__isnull=False).order_by("-year").only("year", "published_at")
        ),
        "rounds": list(
            MonitorRound.objects.filter(results_published_at__isnull=False)
            .order_by("-year", "-opens_on")
            .only("name", "year", "results_published_at")
        ),
    }


QUOTED_QUESTIONS = ("resultaat", "belofte-hoe")  # the open questions whose answers may become a quote
QUOTE_MAX_CHARS = 500
QUOTES_PER_OPGAVE = 2
EXPERIENCE_SECTOR = "ervaringsdeskundigen"


@dataclass
class Quote:
    text: str
    attribution: str


def report_quotes(monitor_round: MonitorRound) -> dict[str, list[Quote]]:
    """The voices of ervaringsdeskundigen for the progress report, per opgave slug. A quote needs all of: a submitted
    response of a partner of the ervaringsdeskundigen sector, that response's consent to be quoted
    (`agrees_to_be_quoted`), an answer to an open question of at most QUOTE_MAX_CHARS characters, and an opgave the
    response chose. The organisation is named only with its consent to be named. Each answer is quoted once, under
    the first of its opgaven that has room. Two queries."""
    consenting = Response.objects.filter(
        round=monitor_round,
        status=Response.Status.SUBMITTED,
        agrees_to_be_quoted=True,
        organisation__sector__slug=EXPERIENCE_SECTOR,
    )
    texts = list(
        Answer.objects.filter(response__in=consenting, question__key__in=QUOTED_QUESTIONS)
        .exclude(text="")
        .select_related("response__organisation")
        .order_by(Lower("response__organisation__name"), "question__position", "pk")
    )
    chosen: dict[int, list[str]] = defaultdict(list)
    for response_id, slug in (
        Answer.objects.filter(response__in=consenting, question__key="opgaven")
        .order_by("option")
        .values_list("response_id", "option")
    ):
        chosen[response_id].append(slug)
    quotes: dict[str, list[Quote]] = defaultdict(list)
    for answer in texts:
        text = " ".join(answer.text.split())
        if not text or len(text) > QUOTE_MAX_CHARS:
            continue
        response = answer.response
        attribution = (
            response.organisation.name if response.agrees_to_be_named else _("een organisatie van ervaringsdeskundigen")
        )
        for slug in chosen.get(response.pk, []):
            if len(quotes[slug]) < QUOTES_PER_OPGAVE:
                quotes[slug].append(Quote(text, attribution))
                break
    return dict(quotes)
