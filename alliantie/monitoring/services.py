"""Every write of the monitor: questionnaires and their versions, rounds, the invitation and reminder mails,
partners' answers, the team's coding, the progress report's confirmation."""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_tasks import task

from alliantie.accounts.models import User
from alliantie.core import audit
from alliantie.monitoring.models import (
    Answer,
    Code,
    Invitation,
    MonitorRound,
    Question,
    Questionnaire,
    Report,
    Response,
    Section,
)
from alliantie.monitoring.template import TEMPLATE_NAME
from alliantie.partners.models import Organisation
from alliantie.partners.services import contact_emails, mail_problem

# Questionnaires ------------------------------------------------------------------------------------------------


def template() -> Questionnaire:
    """The latest version of the ready-made partner survey (loaded by a data migration)."""
    return Questionnaire.objects.filter(name=TEMPLATE_NAME, is_template=True).order_by("-version").first()


def is_locked(questionnaire: Questionnaire) -> bool:
    """Answered questionnaires keep their meaning: their questions no longer change."""
    return Answer.objects.filter(question__section__questionnaire=questionnaire).exists()


@transaction.atomic
def new_version(questionnaire: Questionnaire, *, made_by: User) -> Questionnaire:
    """A copy with the same sections and questions (and keys, so answers stay comparable) to edit further."""
    latest = Questionnaire.objects.filter(name=questionnaire.name).order_by("-version").first()
    copy = Questionnaire.objects.create(
        name=questionnaire.name,
        version=latest.version + 1,
        previous=questionnaire,
        is_template=questionnaire.is_template,
        description=questionnaire.description,
    )
    mapping: dict[int, Question] = {}
    for section in questionnaire.sections.prefetch_related("questions"):
        new_section = Section.objects.create(
            questionnaire=copy, position=section.position, title=section.title, intro=section.intro
        )
        for question in section.questions.order_by("position"):
            old_pk = question.pk
            question.pk = None
            question.section = new_section
            question.follow_up_of = mapping.get(question.follow_up_of_id)
            question.save()
            mapping[old_pk] = question
    audit.record(actor=made_by, action="questionnaire.versioned", target=copy, previous=questionnaire.pk)
    return copy


def editable_questionnaire(questionnaire: Questionnaire, *, user: User) -> tuple[Questionnaire, bool]:
    """The questionnaire to change: itself, or a new version when it has answers (then True)."""
    if is_locked(questionnaire):
        return new_version(questionnaire, made_by=user), True
    return questionnaire, False


@transaction.atomic
def create_questionnaire(*, name: str, description: str, created_by: User) -> Questionnaire:
    """A new, empty questionnaire to build in the browser."""
    questionnaire = Questionnaire.objects.create(name=name, description=description)
    audit.record(actor=created_by, action="questionnaire.created", target=questionnaire)
    return questionnaire


@transaction.atomic
def add_section(*, questionnaire: Questionnaire, title: str, intro: str, added_by: User) -> Section:
    position = (questionnaire.sections.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    section = Section.objects.create(questionnaire=questionnaire, position=position, title=title, intro=intro)
    audit.record(actor=added_by, action="questionnaire.section_added", target=questionnaire, title=title)
    return section


def _unique_key(section: Section, text: str, own: Question | None = None) -> str:
    taken = set(
        Question.objects.filter(section__questionnaire=section.questionnaire_id)
        .exclude(pk=own.pk if own else None)
        .values_list("key", flat=True)
    )
    base = slugify(text)[:50] or "vraag"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


@transaction.atomic
def save_question(*, section: Section, values: dict, saved_by: User, question: Question | None = None) -> Question:
    created = question is None
    question = question or Question(section=section)
    for name in ("kind", "text", "help_text", "required", "options", "follow_up_of"):
        setattr(question, name, values[name])
    if question.follow_up_of and question.follow_up_of.kind != Question.Kind.YES_NO:
        raise ValidationError({"follow_up_of": _("Een vervolgvraag hoort bij een ja/nee-vraag.")})
    if question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE) and len(question.options) < 2:
        raise ValidationError({"options": _("Geef minstens twee keuzes, één per regel.")})
    if question.kind not in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        question.options = []
    question.key = values.get("key") or question.key or _unique_key(section, question.text, question)
    if created:
        question.position = (
            section.questions.order_by("-position").values_list("position", flat=True).first() or 0
        ) + 1
    question.full_clean(exclude=["section"])
    question.save()
    audit.record(
        actor=saved_by, action="question.added" if created else "question.changed", target=section.questionnaire
    )
    return question


@transaction.atomic
def move_question(*, question: Question, up: bool, moved_by: User) -> None:
    siblings = list(question.section.questions.order_by("position"))
    index = siblings.index(question)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    # Two passes, so that the unique (section, position) constraint never sees a duplicate.
    for offset, item in enumerate(siblings):
        Question.objects.filter(pk=item.pk).update(position=1000 + offset)
    for offset, item in enumerate(siblings, 1):
        Question.objects.filter(pk=item.pk).update(position=offset)
    audit.record(actor=moved_by, action="question.moved", target=question.section.questionnaire)


@transaction.atomic
def delete_question(*, question: Question, deleted_by: User) -> None:
    questionnaire = question.section.questionnaire
    question.delete()
    audit.record(actor=deleted_by, action="question.deleted", target=questionnaire, text=question.text[:100])


# Rounds and their mail -----------------------------------------------------------------------------------------


@transaction.atomic
def create_round(
    *,
    name: str,
    year: int,
    questionnaire: Questionnaire,
    opens_on: date,
    closes_on: date,
    reminder_days: list[int],
    created_by: User,
    include_dormant: bool = False,
) -> MonitorRound:
    monitor_round = MonitorRound(
        include_dormant=include_dormant,
        name=name,
        year=year,
        questionnaire=questionnaire,
        opens_on=opens_on,
        closes_on=closes_on,
        reminder_days=sorted(set(reminder_days), reverse=True),
        created_by=created_by,
    )
    monitor_round.full_clean()
    monitor_round.save()
    audit.record(actor=created_by, action="round.created", target=monitor_round)
    return monitor_round


@transaction.atomic
def open_round(*, monitor_round: MonitorRound, opened_by: User, base_url: str) -> int:
    """Invite every active partner and mail their contacts a personal link, in the background. Returns the
    number invited."""
    locked = MonitorRound.objects.select_for_update().get(pk=monitor_round.pk)
    if locked.status != MonitorRound.Status.DRAFT:
        raise ValidationError(_("Deze ronde is al geopend."))
    if locked.closes_on < timezone.localdate():
        raise ValidationError(_("De sluitdatum is al voorbij. Kies een latere sluitdatum."))
    locked.status, locked.opened_at = MonitorRound.Status.OPEN, timezone.now()
    locked.save(update_fields=["status", "opened_at"])
    statuses = [Organisation.Status.ACTIVE] + ([Organisation.Status.DORMANT] if locked.include_dormant else [])
    partners = Organisation.objects.filter(status__in=statuses).values_list("pk", flat=True)
    Invitation.objects.bulk_create(
        [Invitation(round=locked, organisation_id=pk) for pk in partners], batch_size=2000, ignore_conflicts=True
    )
    audit.record(actor=opened_by, action="round.opened", target=locked)
    round_id = locked.pk
    transaction.on_commit(lambda: send_invitations.enqueue(round_id, base_url))
    return locked.invitations.count()


@transaction.atomic
def close_round(*, monitor_round: MonitorRound, closed_by: User | None) -> None:
    MonitorRound.objects.filter(pk=monitor_round.pk).update(status=MonitorRound.Status.CLOSED)
    if closed_by:
        audit.record(actor=closed_by, action="round.closed", target=monitor_round)


def answer_url(base_url: str, invitation: Invitation) -> str:
    return base_url.rstrip("/") + reverse("monitoring:answer", kwargs={"token": invitation.token})


def send_pending_invitations(round_id: int, base_url: str, now=None) -> tuple[int, int]:
    """Send the round's invitations that are due; a failure is kept with its reason and tried again later
    (2, 4, 8 … minutes). Returns (sent, still waiting)."""
    now = now or timezone.now()
    monitor_round = MonitorRound.objects.get(pk=round_id)
    pending = Invitation.objects.filter(
        round_id=round_id, sent_at__isnull=True, attempts__lt=settings.MONITOR_MAIL_ATTEMPTS
    )
    sent = 0
    for invitation in pending.filter(next_attempt_at__isnull=True) | pending.filter(next_attempt_at__lte=now):
        problem = mail_problem(
            subject=_("Monitor %(year)s: hoe werkt u aan uw belofte?") % {"year": monitor_round.year},
            template="monitoring/email/invitation.txt",
            context={
                "round": monitor_round,
                "organisation": invitation.organisation,
                "link": answer_url(base_url, invitation),
            },
            recipients=contact_emails(invitation.organisation),
        )
        if problem:
            attempts = invitation.attempts + 1
            Invitation.objects.filter(pk=invitation.pk).update(
                attempts=attempts, last_error=problem, next_attempt_at=now + timedelta(minutes=2**attempts)
            )
        else:
            Invitation.objects.filter(pk=invitation.pk).update(sent_at=now, last_error="")
            sent += 1
    waiting = pending.filter(sent_at__isnull=True).count()
    return sent, waiting


@task()
def send_invitations(round_id: int, base_url: str) -> int:
    """The background task that sends a round's invitations; while some wait for a retry it plans itself again
    (with a backend that can defer; otherwise `alliantie monitor_daily` picks them up)."""
    sent, waiting = send_pending_invitations(round_id, base_url)
    if waiting and send_invitations.get_backend().supports_defer:
        next_try = Invitation.objects.filter(round_id=round_id, sent_at__isnull=True).order_by("next_attempt_at")
        first = next_try.values_list("next_attempt_at", flat=True).first() or timezone.now()
        send_invitations.using(run_after=first).enqueue(round_id, base_url)
    return sent


def unanswered(monitor_round: MonitorRound):
    submitted = Response.objects.filter(round=monitor_round, status=Response.Status.SUBMITTED).values("organisation_id")
    return Invitation.objects.filter(round=monitor_round).exclude(organisation_id__in=submitted)


def _remind(monitor_round: MonitorRound, invitations, base_url: str, now) -> int:
    sent = 0
    for invitation in invitations.select_related("organisation"):
        problem = mail_problem(
            subject=_("Herinnering: de monitor %(year)s sluit op %(date)s")
            % {
                "year": monitor_round.year,
                "date": monitor_round.closes_on.strftime("%d-%m-%Y"),
            },
            template="monitoring/email/reminder.txt",
            context={
                "round": monitor_round,
                "organisation": invitation.organisation,
                "link": answer_url(base_url, invitation),
            },
            recipients=contact_emails(invitation.organisation),
        )
        if not problem:
            Invitation.objects.filter(pk=invitation.pk).update(last_reminded_at=now)
            sent += 1
    return sent


def send_due_reminders(*, base_url: str, today: date | None = None) -> int:
    """The automatic reminders: on each configured day before closing, partners that have not submitted."""
    today = today or timezone.localdate()
    now = timezone.now()
    sent = 0
    for monitor_round in MonitorRound.objects.filter(status=MonitorRound.Status.OPEN, closes_on__gte=today):
        days_left = (monitor_round.closes_on - today).days
        due = [d for d in monitor_round.reminder_days if d >= days_left]
        for invitation in unanswered(monitor_round).filter(sent_at__isnull=False):
            missing = [d for d in due if d not in invitation.reminders_sent]
            if missing and _remind(monitor_round, Invitation.objects.filter(pk=invitation.pk), base_url, now):
                Invitation.objects.filter(pk=invitation.pk).update(reminders_sent=invitation.reminders_sent + missing)
                sent += 1
    return sent


def remind_now(*, monitor_round: MonitorRound, reminded_by: User, base_url: str) -> int:
    """The team's one action: remind every partner that has not submitted (not twice on the same day)."""
    if monitor_round.status != MonitorRound.Status.OPEN:
        raise ValidationError(_("Alleen een open ronde kan herinneringen sturen."))
    now = timezone.now()
    today_start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    targets = unanswered(monitor_round).exclude(last_reminded_at__gte=today_start)
    sent = _remind(monitor_round, targets, base_url, now)
    audit.record(actor=reminded_by, action="round.reminded", target=monitor_round, sent=sent)
    return sent


def close_expired_rounds(today: date | None = None) -> int:
    today = today or timezone.localdate()
    return MonitorRound.objects.filter(status=MonitorRound.Status.OPEN, closes_on__lt=today).update(
        status=MonitorRound.Status.CLOSED
    )


# Answers -------------------------------------------------------------------------------------------------------


class Conflict(Exception):
    """The response changed since the form was opened (another tab, or a retried request)."""

    def __init__(self, response: Response) -> None:
        self.response = response
        super().__init__(_("Uw antwoorden zijn intussen ergens anders opgeslagen."))


def answer_rows(question: Question, value) -> list[Answer]:
    """The rows that store one question's value (unsaved, without response)."""
    if value in (None, "", []):
        return []
    kind = question.kind
    if kind in (Question.Kind.MULTIPLE, Question.Kind.CHALLENGES):
        return [Answer(question=question, option=str(v)) for v in value]
    if kind == Question.Kind.MUNICIPALITIES:
        return [Answer(question=question, option=m.code) for m in value]
    if kind in (Question.Kind.SINGLE, Question.Kind.LIKERT, Question.Kind.YES_NO):
        return [Answer(question=question, option=str(value))]
    if kind == Question.Kind.NUMBER:
        return [Answer(question=question, number=Decimal(value))]
    return [Answer(question=question, text=str(value))]


@transaction.atomic
def save_answers(
    *,
    monitor_round: MonitorRound,
    organisation: Organisation,
    user: User,
    values: dict[int, object],
    revision: int,
    submit: bool,
    agrees_to_be_named: bool = False,
) -> Response:
    """Store a draft or submit, as one step: all answers or none. Refused (ValidationError) when the round no
    longer takes answers or the response was already submitted; Conflict when it changed since `revision`."""
    # get_or_create survives two first saves at the same moment (it retries the get on the unique constraint).
    response, _created = Response.objects.get_or_create(round=monitor_round, organisation=organisation)
    response = Response.objects.select_for_update().get(pk=response.pk)
    if response.status == Response.Status.SUBMITTED:
        raise ValidationError(
            _("Deze antwoorden zijn al ingediend op %(when)s. U kunt ze bekijken en downloaden.")
            % {"when": timezone.localtime(response.submitted_at).strftime("%d-%m-%Y %H:%M")}
        )
    if not MonitorRound.objects.get(pk=monitor_round.pk).accepts_answers():
        raise ValidationError(
            _("De monitor %(name)s is gesloten op %(date)s; er kan niets meer worden opgeslagen of ingediend.")
            % {"name": monitor_round.name, "date": monitor_round.closes_on.strftime("%d-%m-%Y")}
        )
    if response.revision != revision:
        raise Conflict(response)
    questions = {q.pk: q for q in Question.objects.filter(section__questionnaire=monitor_round.questionnaire_id)}
    rows = []
    for pk, value in values.items():
        for row in answer_rows(questions[pk], value):
            row.response = response
            rows.append(row)
    response.answers.all().delete()
    Answer.objects.bulk_create(rows)
    response.revision += 1
    response.agrees_to_be_named = agrees_to_be_named
    if submit:
        response.status, response.submitted_at, response.submitted_by = (
            Response.Status.SUBMITTED,
            timezone.now(),
            user,
        )
    response.save()
    audit.record(actor=user, action="response.submitted" if submit else "response.saved", target=response)
    return response


# Coding and the report -----------------------------------------------------------------------------------------


@transaction.atomic
def code_answer(*, answer: Answer, labels: list[str], coded_by: User) -> list[Code]:
    """Put an open answer in the team's categories for its question (new labels make new categories)."""
    codes = []
    for label in [label.strip()[:200] for label in labels if label.strip()]:
        code, _created = Code.objects.get_or_create(question=answer.question, label=label)
        codes.append(code)
    answer.codes.set(codes)
    Response.objects.filter(pk=answer.response_id).update(updated_at=timezone.now())  # new figures
    audit.record(actor=coded_by, action="answer.coded", target=answer.response, labels=[c.label for c in codes])
    return codes


@transaction.atomic
def save_report(
    *, year: int, prepared_by: User, introduction: str, round_id: int | None, activity_ids: list[int]
) -> Report:
    """Draft or change the report of a year; any change asks for a new confirmation."""
    report, _created = Report.objects.get_or_create(year=year)
    report.introduction, report.round_id = introduction, round_id
    report.prepared_by, report.confirmed_by, report.published_at = prepared_by, None, None
    report.save()
    report.highlighted_activities.set(activity_ids)
    audit.record(actor=prepared_by, action="report.prepared", target=report)
    return report


@transaction.atomic
def confirm_report(*, report: Report, confirmed_by: User) -> Report:
    """A second team member confirms: then the report is published."""
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.published_at:
        raise ValidationError(_("Deze rapportage is al gepubliceerd."))
    if locked.prepared_by_id == confirmed_by.pk:
        raise ValidationError(
            _("U heeft deze rapportage zelf opgesteld. Een tweede lid van het projectteam moet haar bevestigen.")
        )
    locked.confirmed_by, locked.published_at = confirmed_by, timezone.now()
    locked.save(update_fields=["confirmed_by", "published_at"])
    audit.record(actor=confirmed_by, action="report.published", target=locked)
    return locked


@transaction.atomic
def publish_results(*, monitor_round: MonitorRound, published_by: User, publish: bool) -> None:
    MonitorRound.objects.filter(pk=monitor_round.pk).update(results_published_at=timezone.now() if publish else None)
    audit.record(
        actor=published_by,
        action="round.results_published" if publish else "round.results_hidden",
        target=monitor_round,
    )
