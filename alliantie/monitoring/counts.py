"""The monitor's counts per round, kept as answers arrive (a summary, see core/summaries.py).

Counting 40,000 answers of a round at every request took most of a second at national scale. Instead, per round:

- `RoundMember`: every invited or answering partner, with the group it was counted in (sector, scale, province);
- `RoundCount`: per group, how many were invited, have a mail, submitted, have a draft (the response dashboard);
- `AnswerCount`: per question, option and group, the submitted responses with it, those agreeing to be named and
  the sum and number of the numbers (`option` "" for: answered the question at all);
- `CodeCount`: per code of the team and group, the answers with it.

The results and the dashboard add up the rows of the groups a filter asks for (a filter on an opgave still counts the
answers themselves). `save_answers`, `code_answer`, `open_round` and the mail task call the functions here in their
transaction; a change to a partner's sector, scale or place reaches `organisations_changed` through core.summaries
and moves its counts to the new group. Each change locks the round's row, so two partners submitting at the same
moment add up one after the other. A round is used from its counts once `MonitorRound.counted` is set: when the
service makes it, or when `rebuild_round` counted it (the nightly job rebuilds every round)."""

from collections import Counter
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, F, Q, Sum

from alliantie.monitoring.models import (
    Answer,
    AnswerCount,
    Code,
    CodeCount,
    Invitation,
    MonitorRound,
    Response,
    RoundCount,
    RoundMember,
)
from alliantie.partners.models import Organisation

Group = tuple[str, str, str]  # sector slug, scope code, province code ("" without a seat)
PARTICIPATION = ("invited", "mailed", "answered", "submitted", "drafts")
ANY = "*"  # in a group: any value; every count is also kept for the whole round and per sector, scale, province


def rolled_up(group: Group) -> list[Group]:
    """The rows a partner's counts go to: its own group, the whole round, and its sector, scale and province alone.
    The results without a filter or with one then read a few dozen rows instead of adding up thousands."""
    sector, scope, province = group
    return [group, (ANY, ANY, ANY), (sector, ANY, ANY), (ANY, scope, ANY), (ANY, ANY, province)]


def group_q(sector: str = "", scope: str = "", province: str = "") -> Q:
    """The count rows that together hold, once, the partners of these groups ("" for any value): a rolled-up row for
    none or one of them, the rows of the full groups for two or three."""
    asked = {"sector": sector, "scope": scope, "province": province}
    given = {name: value for name, value in asked.items() if value}
    if len(given) <= 1:
        return Q(**{name: value or ANY for name, value in asked.items()})
    found = Q(**given)
    for name in asked.keys() - given.keys():
        found &= ~Q(**{name: ANY})
    return found


def _groups(organisation_ids: Iterable[int]) -> dict[int, Group]:
    rows = Organisation.objects.filter(pk__in=list(organisation_ids)).values_list(
        "pk", "sector__slug", "scope__code", "municipality__province__code"
    )
    return {pk: (sector, scope, province or "") for pk, sector, scope, province in rows}


def _members_now(monitor_round: MonitorRound, organisation_ids: Iterable[int] | None = None) -> dict[int, RoundMember]:
    """The round's members as the data says now (each in its current group)."""
    invitations = Invitation.objects.filter(round=monitor_round)
    responses = Response.objects.filter(round=monitor_round)
    if organisation_ids is not None:
        ids = list(organisation_ids)
        invitations, responses = invitations.filter(organisation__in=ids), responses.filter(organisation__in=ids)
    members: dict[int, RoundMember] = {}
    for pk, mail in invitations.values_list("organisation_id", "mail_id"):
        members[pk] = RoundMember(round=monitor_round, organisation_id=pk, invited=True, mailed=mail is not None)
    for pk, status, named in responses.values_list("organisation_id", "status", "agrees_to_be_named"):
        member = members.setdefault(pk, RoundMember(round=monitor_round, organisation_id=pk))
        member.status, member.named = status, named
    for pk, (sector, scope, province) in _groups(members).items():
        members[pk].sector, members[pk].scope, members[pk].province = sector, scope, province
    return members


def _participation(member: RoundMember) -> Counter:
    return Counter(
        invited=member.invited,
        mailed=member.invited and member.mailed,
        answered=member.invited and member.status == Response.Status.SUBMITTED,
        submitted=member.status == Response.Status.SUBMITTED,
        drafts=member.status == Response.Status.DRAFT,
    )


def _group(member: RoundMember) -> Group:
    return (member.sector, member.scope, member.province)


def _answers(monitor_round: MonitorRound, members: list[RoundMember]) -> tuple[dict, dict]:
    """What the submitted responses of these members add: {(question, option, group): [n, named, total, count]}
    and {(code, group): [n, named]}."""
    submitted = {m.organisation_id: m for m in members if m.status == Response.Status.SUBMITTED}
    answers: dict = {}
    codes: dict = {}
    if not submitted:
        return answers, codes
    rows = Answer.objects.filter(response__round=monitor_round, response__organisation__in=list(submitted)).values_list(
        "pk", "response__organisation_id", "question_id", "option", "number"
    )
    seen = set()
    for _pk, organisation, question, option, number in rows:
        member = submitted[organisation]
        options = ("", option) if option else ("",)
        for key in [(question, o, group) for group in rolled_up(_group(member)) for o in options]:
            entry = answers.setdefault(key, [0, 0, Decimal(0), 0])
            if (organisation, key) not in seen:  # responses, not answer rows
                seen.add((organisation, key))
                entry[0] += 1
                entry[1] += member.named
            if number is not None and not key[1]:
                entry[2] += number
                entry[3] += 1
    for organisation, code in Code.answers.through.objects.filter(
        answer__response__round=monitor_round, answer__response__organisation__in=list(submitted)
    ).values_list("answer__response__organisation_id", "code_id"):
        member = submitted[organisation]
        for group in rolled_up(_group(member)):
            entry = codes.setdefault((code, group), [0, 0])
            entry[0] += 1
            entry[1] += member.named
    return answers, codes


def _add(monitor_round: MonitorRound, members: list[RoundMember], sign: int) -> None:
    """Add (sign 1) or take away (sign -1) what these members contribute to the round's counts."""
    participation: dict[Group, Counter] = {}
    for member in members:
        for group in rolled_up(_group(member)):
            participation.setdefault(group, Counter()).update(_participation(member))
    if participation:
        existing = {
            (c.sector, c.scope, c.province): c
            for c in RoundCount.objects.filter(round=monitor_round).filter(
                Q.create([Q(sector=g[0], scope=g[1], province=g[2]) for g in participation], connector=Q.OR)
            )
        }
        new = []
        for group, tally in participation.items():
            count = existing.get(group) or RoundCount(
                round=monitor_round, sector=group[0], scope=group[1], province=group[2]
            )
            for name in PARTICIPATION:
                setattr(count, name, getattr(count, name) + sign * tally[name])
            if count.pk is None:
                new.append(count)
        RoundCount.objects.bulk_update([c for c in existing.values()], list(PARTICIPATION))
        RoundCount.objects.bulk_create(new)
    answers, codes = _answers(monitor_round, members)
    if answers:
        existing = {
            (c.question_id, c.option, (c.sector, c.scope, c.province)): c
            for c in AnswerCount.objects.filter(round=monitor_round).filter(
                Q.create(
                    [Q(question_id=q, option=o, sector=g[0], scope=g[1], province=g[2]) for q, o, g in answers],
                    connector=Q.OR,
                )
            )
        }
        new = []
        for (question, option, group), (n, named, total, number_count) in answers.items():
            count = existing.get((question, option, group)) or AnswerCount(
                round=monitor_round,
                question_id=question,
                option=option,
                sector=group[0],
                scope=group[1],
                province=group[2],
            )
            count.n += sign * n
            count.named += sign * named
            count.number_total += sign * total
            count.number_count += sign * number_count
            if count.pk is None:
                new.append(count)
        AnswerCount.objects.bulk_update(list(existing.values()), ["n", "named", "number_total", "number_count"])
        AnswerCount.objects.bulk_create(new)
    if codes:
        _add_codes(monitor_round, {key: (sign * n, sign * named) for key, (n, named) in codes.items()})


def _add_codes(monitor_round: MonitorRound, change: dict) -> None:
    existing = {
        (c.code_id, (c.sector, c.scope, c.province)): c
        for c in CodeCount.objects.filter(round=monitor_round).filter(
            Q.create([Q(code_id=c, sector=g[0], scope=g[1], province=g[2]) for c, g in change], connector=Q.OR)
        )
    }
    new = []
    for (code, group), (n, named) in change.items():
        count = existing.get((code, group)) or CodeCount(
            round=monitor_round, code_id=code, sector=group[0], scope=group[1], province=group[2]
        )
        count.n += n
        count.named += named
        if count.pk is None:
            new.append(count)
    CodeCount.objects.bulk_update(list(existing.values()), ["n", "named"])
    CodeCount.objects.bulk_create(new)


def _lock(monitor_round_id: int) -> MonitorRound | None:
    """The round, locked, when it is counted: changes to its counts take their turn."""
    return MonitorRound.objects.select_for_update().filter(pk=monitor_round_id, counted=True).first()


@transaction.atomic
def refresh_members(monitor_round_id: int, organisation_ids: Iterable[int]) -> None:
    """Bring the counts of these partners in the round up to date: take away what they added as the counts hold
    them, add what they add now (a response saved or submitted, an invitation mailed, a partner in a new group)."""
    monitor_round = _lock(monitor_round_id)
    if monitor_round is None:
        return
    ids = list(organisation_ids)
    before = list(RoundMember.objects.filter(round=monitor_round, organisation__in=ids))
    after = _members_now(monitor_round, ids)
    fields = ["sector", "scope", "province", "invited", "mailed", "status", "named"]
    changed = [
        m
        for m in before
        if [getattr(m, f) for f in fields] != [getattr(after.get(m.organisation_id), f, None) for f in fields]
    ]
    unchanged = {m.organisation_id for m in before} - {m.organisation_id for m in changed}
    new = [m for pk, m in after.items() if pk not in unchanged]
    if not changed and not new:
        return
    _add(monitor_round, changed, -1)
    _add(monitor_round, new, 1)
    RoundMember.objects.filter(pk__in=[m.pk for m in changed]).delete()
    RoundMember.objects.bulk_create(new)


@transaction.atomic
def recode(monitor_round_id: int, organisation_id: int, before: set[int], after: set[int]) -> None:
    """An answer of this partner got other codes (code_answer): move its counts from the old codes to the new."""
    monitor_round = _lock(monitor_round_id)
    member = RoundMember.objects.filter(round_id=monitor_round_id, organisation_id=organisation_id).first()
    if monitor_round is None or member is None or member.status != Response.Status.SUBMITTED or before == after:
        return
    groups = rolled_up(_group(member))
    change = {(code, group): (1, int(member.named)) for code in after - before for group in groups}
    change |= {(code, group): (-1, -int(member.named)) for code in before - after for group in groups}
    _add_codes(monitor_round, change)


def organisations_changed(ids: set[int]) -> None:
    """Partners whose sector, scale or place changed move to their new group in every round that counts them."""
    now = _groups(ids)
    moved: dict[int, set[int]] = {}
    for member in RoundMember.objects.filter(organisation__in=list(ids)).only(
        "round_id", "organisation_id", "sector", "scope", "province"
    ):
        if now.get(member.organisation_id) != _group(member):
            moved.setdefault(member.round_id, set()).add(member.organisation_id)
    for round_id, organisation_ids in sorted(moved.items()):
        refresh_members(round_id, organisation_ids)


def _with_rollups(rows: list, keys: list[str], numbers: list[str]) -> list:
    """Rows of full groups, with the rows of the whole round and of each sector, scale and province added up."""
    added: dict = {}
    for row in rows:
        for group in rolled_up((row.sector, row.scope, row.province))[1:]:
            key = (*(getattr(row, name) for name in keys), group)
            total = added.get(key)
            if total is None:
                total = added[key] = type(row)(
                    round=row.round,
                    sector=group[0],
                    scope=group[1],
                    province=group[2],
                    **{name: getattr(row, name) for name in keys},
                )
            for name in numbers:
                setattr(total, name, getattr(total, name) + getattr(row, name))
    return rows + list(added.values())


@transaction.atomic
def rebuild_round(monitor_round: MonitorRound) -> int:
    """Count one round again from its invitations, responses and answers; the round is counted from then on."""
    MonitorRound.objects.select_for_update().filter(pk=monitor_round.pk).first()
    for model in (RoundMember, RoundCount, AnswerCount, CodeCount):
        model.objects.filter(round=monitor_round).delete()
    members = list(_members_now(monitor_round).values())
    RoundMember.objects.bulk_create(members, batch_size=2000)
    participation: dict[Group, Counter] = {}
    for member in members:
        for group in rolled_up(_group(member)):
            participation.setdefault(group, Counter()).update(_participation(member))
    RoundCount.objects.bulk_create(
        [
            RoundCount(round=monitor_round, sector=g[0], scope=g[1], province=g[2], **{n: t[n] for n in PARTICIPATION})
            for g, t in participation.items()
        ]
    )
    submitted = Answer.objects.filter(response__round=monitor_round, response__status=Response.Status.SUBMITTED)
    organisation = "response__organisation__"
    group = {
        "sector": F(organisation + "sector__slug"),
        "scope": F(organisation + "scope__code"),
        "province": F(organisation + "municipality__province__code"),
    }
    named = Q(response__agrees_to_be_named=True)
    rows = []
    for row in (
        submitted.values("question", **group)
        .annotate(
            n=Count("response", distinct=True),
            n_named=Count("response", distinct=True, filter=named),
            total=Sum("number"),
            numbers=Count("number"),
        )
        .order_by()
    ):
        rows.append(
            AnswerCount(
                round=monitor_round,
                question_id=row["question"],
                option="",
                sector=row["sector"],
                scope=row["scope"],
                province=row["province"] or "",
                n=row["n"],
                named=row["n_named"],
                number_total=row["total"] or 0,
                number_count=row["numbers"],
            )
        )
    for row in (
        submitted.exclude(option="")
        .values("question", "option", **group)
        .annotate(n=Count("response", distinct=True), n_named=Count("response", distinct=True, filter=named))
        .order_by()
    ):
        rows.append(
            AnswerCount(
                round=monitor_round,
                question_id=row["question"],
                option=row["option"],
                sector=row["sector"],
                scope=row["scope"],
                province=row["province"] or "",
                n=row["n"],
                named=row["n_named"],
            )
        )
    AnswerCount.objects.bulk_create(
        _with_rollups(rows, ["question_id", "option"], ["n", "named", "number_total", "number_count"]), batch_size=2000
    )
    through = Code.answers.through.objects.filter(
        answer__response__round=monitor_round, answer__response__status=Response.Status.SUBMITTED
    )
    answer_organisation = "answer__response__organisation__"
    CodeCount.objects.bulk_create(
        _with_rollups(
            [
                CodeCount(
                    round=monitor_round,
                    code_id=row["code"],
                    sector=row["sector"],
                    scope=row["scope"],
                    province=row["province"] or "",
                    n=row["n"],
                    named=row["n_named"],
                )
                for row in through.values(
                    "code",
                    sector=F(answer_organisation + "sector__slug"),
                    scope=F(answer_organisation + "scope__code"),
                    province=F(answer_organisation + "municipality__province__code"),
                )
                .annotate(
                    n=Count("answer", distinct=True),
                    n_named=Count("answer", distinct=True, filter=Q(answer__response__agrees_to_be_named=True)),
                )
                .order_by()
            ],
            ["code_id"],
            ["n", "named"],
        )
    )
    MonitorRound.objects.filter(pk=monitor_round.pk).update(counted=True)
    monitor_round.counted = True
    return len(members)


def rebuild() -> str:
    """Count every round again (the nightly job)."""
    rounds = list(MonitorRound.objects.order_by("pk"))
    members = sum(rebuild_round(monitor_round) for monitor_round in rounds)
    return f"{len(rounds)} rondes, {members} deelnemers"


def rebuild_if_never_built() -> str:
    """The periodic job's part: count the rounds that were never counted."""
    rounds = list(MonitorRound.objects.filter(counted=False).order_by("pk"))
    for monitor_round in rounds:
        rebuild_round(monitor_round)
    return f"{len(rounds)} rondes geteld"


def _snapshot(monitor_round: MonitorRound) -> tuple:
    """The round's stored counts as sorted tuples, without rows that count nothing (differences can leave those)."""
    group = ["sector", "scope", "province"]

    def rows(model, keys: list[str], numbers: list[str]) -> list[tuple]:
        found = []
        for row in model.objects.filter(round=monitor_round):
            values = tuple(getattr(row, name) for name in numbers)
            if model is RoundMember or any(values):
                found.append(tuple(getattr(row, name) for name in keys) + values)
        return sorted(found)

    return (
        rows(RoundMember, ["organisation_id", *group, "invited", "mailed", "status", "named"], []),
        rows(RoundCount, group, list(PARTICIPATION)),
        rows(AnswerCount, ["question_id", "option", *group], ["n", "named", "number_total", "number_count"]),
        rows(CodeCount, ["code_id", *group], ["n", "named"]),
    )


class _Recounted(Exception):
    """Rolls back the recount of summary_matches_recount."""


def summary_matches_recount(monitor_round: MonitorRound) -> bool:
    """Whether the round's stored counts equal a full recount (the tests' check after every kind of change); the
    recount is made in a savepoint that is rolled back, so the stored counts stay as they were."""
    stored = _snapshot(monitor_round)
    try:
        with transaction.atomic():
            rebuild_round(monitor_round)
            recounted = _snapshot(monitor_round)
            raise _Recounted
    except _Recounted:
        pass
    return stored == recounted


def invited_and_answered(monitor_round: MonitorRound) -> tuple[int, int]:
    """How many partners the round invited, and how many submitted (invited or not); one query."""
    if monitor_round.counted:
        whole = RoundCount.objects.filter(round=monitor_round, sector=ANY, scope=ANY, province=ANY).first()
        return (whole.invited, whole.submitted) if whole else (0, 0)
    return (
        Invitation.objects.filter(round=monitor_round).count(),
        Response.objects.filter(round=monitor_round, status=Response.Status.SUBMITTED).count(),
    )
