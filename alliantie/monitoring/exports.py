"""All answers of a round as a table: one row per partner, one column per question (a multiple-choice question
split into a column per option, 1 or empty), with a codebook that explains every column."""

from collections import defaultdict

from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from alliantie.core.models import Challenge
from alliantie.monitoring.models import Answer, MonitorRound, Question
from alliantie.monitoring.results import submitted

FIXED = ["organisatie", "sector", "schaal", "provincie", "ingediend_op", "mag_genoemd_worden"]


def _columns(questions: list[Question]) -> list[tuple[str, Question, str | None]]:
    """(column name, question, option for split columns)."""
    challenges = list(Challenge.objects.order_by("number").values_list("slug", flat=True))
    columns = []
    for question in questions:
        if question.kind == Question.Kind.MULTIPLE:
            columns += [(f"{question.key}__{n}", question, option) for n, option in enumerate(question.options, 1)]
        elif question.kind == Question.Kind.CHALLENGES:
            columns += [(f"{question.key}__{slug}", question, slug) for slug in challenges]
        else:
            columns.append((question.key, question, None))
    return columns


def table(monitor_round: MonitorRound) -> tuple[list[str], list[list[object]], list[list[object]]]:
    """(header, rows, codebook rows)."""
    questions = list(
        Question.objects.filter(section__questionnaire=monitor_round.questionnaire_id)
        .select_related("follow_up_of")
        .order_by("section__position", "position")
    )
    columns = _columns(questions)
    responses = list(
        submitted(monitor_round)
        .select_related("organisation__sector", "organisation__scope", "organisation__municipality__province")
        .order_by(Lower("organisation__name"))
    )
    values: dict[int, dict[int, list[Answer]]] = defaultdict(lambda: defaultdict(list))
    for answer in Answer.objects.filter(response__in=[r.pk for r in responses]).order_by("pk"):
        values[answer.response_id][answer.question_id].append(answer)
    rows = []
    for response in responses:
        organisation = response.organisation
        row = [
            organisation.name,
            organisation.sector.name,
            organisation.scope.name,
            organisation.municipality.province.name if organisation.municipality else "",
            timezone.localtime(response.submitted_at).strftime("%Y-%m-%d %H:%M"),
            "ja" if response.agrees_to_be_named else "nee",
        ]
        for _name, question, option in columns:
            answers = values[response.pk][question.pk]
            if option is not None:
                row.append(1 if any(a.option == option for a in answers) else "")
            elif question.kind == Question.Kind.MUNICIPALITIES:
                row.append(",".join(a.option for a in answers))
            elif question.kind == Question.Kind.NUMBER:
                row.append(float(answers[0].number) if answers else "")
            elif question.kind in Question.OPEN_KINDS:
                row.append(answers[0].text if answers else "")
            else:
                row.append(answers[0].option if answers else "")
        rows.append(row)
    codebook = [
        ["organisatie", _("Naam van de partner"), "", ""],
        ["sector", _("Sector van de partner"), "", ""],
        ["schaal", _("Schaal (lokaal, regionaal, landelijk)"), "", ""],
        ["provincie", _("Provincie van de vestiging"), "", ""],
        ["ingediend_op", _("Moment van indienen"), "", "JJJJ-MM-DD UU:MM"],
        ["mag_genoemd_worden", _("Mag bij naam genoemd worden in openbare cijfers"), "", "ja / nee"],
    ]
    for name, question, option in columns:
        if option is not None:
            meaning = _("1 = gekozen: %(option)s") % {"option": option}
        elif question.kind == Question.Kind.LIKERT:
            meaning = _("1 (zeer ontevreden) tot 5 (zeer tevreden)")
        elif question.kind == Question.Kind.MUNICIPALITIES:
            meaning = _("CBS-gemeentecodes, gescheiden door komma's")
        elif question.kind == Question.Kind.SINGLE:
            meaning = " / ".join(question.options)
        elif question.kind == Question.Kind.YES_NO:
            meaning = "ja / nee"
        else:
            meaning = ""
        follow = (
            _("alleen als “%(key)s” ja is") % {"key": question.follow_up_of.key} if question.follow_up_of_id else ""
        )
        codebook.append(
            [name, question.text, question.get_kind_display(), "; ".join(p for p in (meaning, follow) if p)]
        )
    return FIXED + [name for name, _q, _o in columns], rows, codebook
