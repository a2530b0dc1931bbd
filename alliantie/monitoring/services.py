"""Every write of the monitor: questionnaires and their versions, rounds, the invitation and reminder mails,
partners' answers, the team's coding, the progress report's confirmation."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_tasks import task

from alliantie.accounts.models import User
from alliantie.core import audit, jobs, mail, summaries, versions
from alliantie.monitoring import counts
from alliantie.monitoring.models import (
    Answer,
    Code,
    Invitation,
    MonitorRound,
    Question,
    Questionnaire,
    Report,
    ReportPdf,
    Response,
    Section,
)
from alliantie.monitoring.report import pdf_version as report_pdf_version
from alliantie.monitoring.selectors import other_open_rounds, partners_to_invite, reminder_targets, unanswered
from alliantie.monitoring.template import TEMPLATE_NAME
from alliantie.partners.models import Organisation
from alliantie.partners.selectors import contact_emails_of

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
    """Add a section at the end of a questionnaire; audited."""
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
    """Create or change a question of a section; a follow-up belongs to a yes/no question; audited."""
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
    """Swap a question with the one above or below it in its section (nothing at either end); audited."""
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
    """Delete a question from a questionnaire that has no answers yet (answers protect it); audited."""
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
    """Plan a monitor round for a year with a questionnaire, its dates and reminder days (a draft until opened)."""
    monitor_round = MonitorRound(
        include_dormant=include_dormant,
        name=name,
        year=year,
        questionnaire=questionnaire,
        opens_on=opens_on,
        closes_on=closes_on,
        reminder_days=sorted(set(reminder_days), reverse=True),
        created_by=created_by,
        counted=True,  # nothing to count yet: its counts are kept from the start (monitoring/counts.py)
    )
    monitor_round.full_clean()
    monitor_round.save()
    audit.record(actor=created_by, action="round.created", target=monitor_round)
    return monitor_round


@transaction.atomic
def open_round(*, monitor_round: MonitorRound, opened_by: User, reason: str = "") -> int:
    """Open a round: invite every partner and, in the background, mail their contacts a personal link. A second
    open round in the same year needs a reason. Returns the number invited."""
    locked = MonitorRound.objects.select_for_update().get(pk=monitor_round.pk)
    if locked.status != MonitorRound.Status.DRAFT:
        raise ValidationError(_("Deze ronde is al geopend."))
    if locked.closes_on < timezone.localdate():
        raise ValidationError(_("De sluitdatum is al voorbij. Kies een latere sluitdatum."))
    if other_open_rounds(locked) and not reason.strip():
        raise ValidationError(
            {
                "reason": _(
                    "Er is al een open ronde voor %(year)s: partners krijgen dan twee keer dezelfde vraag. "
                    "Schrijf waarom deze ronde er ook moet zijn, of sluit eerst de andere ronde."
                )
                % {"year": locked.year}
            }
        )
    locked.status, locked.opened_at = MonitorRound.Status.OPEN, timezone.now()
    locked.save(update_fields=["status", "opened_at"])
    partners = partners_to_invite(locked).values_list("pk", flat=True)
    Invitation.objects.bulk_create(
        [Invitation(round=locked, organisation_id=pk) for pk in partners], batch_size=2000, ignore_conflicts=True
    )
    audit.record(actor=opened_by, action="round.opened", target=locked, reason=reason.strip())
    counts.rebuild_round(locked)
    summaries.organisations_changed(partners)  # invited: "no answer to the latest monitor" on the worklist
    round_id = locked.pk
    transaction.on_commit(lambda: queue_invitation_mails.enqueue(round_id))
    return locked.invitations.count()


@transaction.atomic
def close_round(*, monitor_round: MonitorRound, closed_by: User | None) -> None:
    """Close a round: no more answers; audited when a person closes it (the daily job closes expired rounds)."""
    MonitorRound.objects.filter(pk=monitor_round.pk).update(status=MonitorRound.Status.CLOSED)
    if closed_by:
        audit.record(actor=closed_by, action="round.closed", target=monitor_round)


def answer_url(invitation: Invitation) -> str:
    """The full address of an invitation's answer page, for mail."""
    return settings.SITE_URL + reverse("monitoring:answer", kwargs={"token": invitation.token})


MAIL_BATCH = 500


@task()
def queue_invitation_mails(round_id: int) -> int:
    """Put the invitation of every invited partner of a round in the outbox, in batches that each commit, so a
    crash halfway resumes where it stopped and nobody gets two (the outbox key is the invitation). Returns how
    many were queued."""
    queued = 0
    while True:
        with transaction.atomic():
            batch = list(
                Invitation.objects.select_for_update(skip_locked=True)
                .filter(round_id=round_id, mail__isnull=True, round__status=MonitorRound.Status.OPEN)
                .select_related("round", "organisation")
                .order_by("pk")[:MAIL_BATCH]
            )
            if not batch:
                return queued
            queued += _queue_round_mails(
                batch,
                kind="monitor.invitation",
                key=lambda invitation: f"monitor-invitation:{invitation.pk}",
                subject=lambda r: _("Monitor %(year)s: hoe werkt u aan uw belofte?") % {"year": r.year},
                template="monitoring/email/invitation.txt",
                link_invitation=True,
            )
            counts.refresh_members(round_id, [invitation.organisation_id for invitation in batch])


def _queue_round_mails(
    batch: list[Invitation], *, kind: str, key, subject, template: str, link_invitation=False
) -> int:
    """Build one mail per invitation (to the organisation's contacts) and queue them together. An organisation
    without a contact person gets no mail; the dashboard counts it as not sent."""
    emails = contact_emails_of([invitation.organisation_id for invitation in batch])
    messages = [
        mail.build_mail(
            key=key(invitation),
            kind=kind,
            to=emails.get(invitation.organisation_id, []),
            subject=subject(invitation.round),
            template=template,
            context={
                "round": invitation.round,
                "organisation": invitation.organisation,
                "link": answer_url(invitation),
            },
            priority=mail.Priority.NOTICE,
        )
        for invitation in batch
    ]
    stored = mail.queue_many(messages)
    if link_invitation:
        for invitation in batch:
            invitation.mail = stored.get(key(invitation))
            if invitation.mail is None:
                # Nobody to mail: keep a failed outbox row so the dashboard and the outbox say why.
                invitation.mail = _unsendable(key(invitation), kind, invitation)
        Invitation.objects.bulk_update(batch, ["mail"])
    return len(stored)


def _unsendable(key: str, kind: str, invitation: Invitation):
    from alliantie.core.models import OutboxMessage

    message, _created = OutboxMessage.objects.get_or_create(
        key=key,
        defaults={
            "kind": kind,
            "recipients": [],
            "subject": _("Monitor %(year)s: hoe werkt u aan uw belofte?") % {"year": invitation.round.year},
            "body_text": "",
            "message_id": f"<{key.replace(':', '.')}@alliantie.invalid>",
            "status": OutboxMessage.Status.FAILED,
            "last_error": _("%(org)s heeft geen contactpersoon met een e-mailadres.")
            % {"org": invitation.organisation.name},
        },
    )
    return message


def queue_due_reminders(*, today: date | None = None) -> int:
    """The automatic reminders (daily job): on each configured day before closing, the partners that have not
    submitted get one reminder. Safe to run twice: a reminder's outbox key is the invitation and the day."""
    today = today or timezone.localdate()
    queued = 0
    for monitor_round in MonitorRound.objects.filter(status=MonitorRound.Status.OPEN, closes_on__gte=today):
        days_left = (monitor_round.closes_on - today).days
        due = [d for d in monitor_round.reminder_days if d >= days_left]
        if not due:
            continue
        invitations = unanswered(monitor_round).filter(mail__status="sent").select_related("round", "organisation")
        for start in range(0, invitations.count(), MAIL_BATCH):
            with transaction.atomic():
                batch = [
                    i
                    for i in invitations.order_by("pk")[start : start + MAIL_BATCH]
                    if set(due) - set(i.reminders_sent)
                ]
                queued += _queue_round_mails(
                    batch,
                    kind="monitor.reminder",
                    key=lambda invitation, due=due: f"monitor-reminder:{invitation.pk}:{min(due)}",
                    subject=_reminder_subject,
                    template="monitoring/email/reminder.txt",
                )
                for invitation in batch:
                    invitation.reminders_sent = sorted(set(invitation.reminders_sent) | set(due), reverse=True)
                    invitation.last_reminded_at = timezone.now()
                Invitation.objects.bulk_update(batch, ["reminders_sent", "last_reminded_at"])
    return queued


def _reminder_subject(monitor_round: MonitorRound) -> str:
    return _("Herinnering: de monitor %(year)s sluit op %(date)s") % {
        "year": monitor_round.year,
        "date": date_format(monitor_round.closes_on, "j F Y"),
    }


@transaction.atomic
def remind_now(*, monitor_round: MonitorRound, reminded_by: User) -> int:
    """The team's one action (after confirming who it reaches): remind every partner that has not submitted, not
    twice on the same day. The mails are made in the background. Returns how many partners it reaches."""
    if monitor_round.status != MonitorRound.Status.OPEN:
        raise ValidationError(_("Alleen een open ronde kan herinneringen sturen."))
    targets = list(reminder_targets(monitor_round).values_list("pk", flat=True))
    Invitation.objects.filter(pk__in=targets).update(last_reminded_at=timezone.now())
    audit.record(actor=reminded_by, action="round.reminded", target=monitor_round, partners=len(targets))
    day = timezone.localdate().isoformat()
    transaction.on_commit(lambda: queue_manual_reminders.enqueue(targets, day))
    return len(targets)


@task()
def queue_manual_reminders(invitation_ids: list[int], day: str) -> int:
    """The mails of the team's reminder, in batches; the key holds the day, so a repeated run sends nothing twice."""
    queued = 0
    for start in range(0, len(invitation_ids), MAIL_BATCH):
        with transaction.atomic():
            batch = list(
                Invitation.objects.filter(pk__in=invitation_ids[start : start + MAIL_BATCH])
                .select_related("round", "organisation")
                .order_by("pk")
            )
            queued += _queue_round_mails(
                batch,
                kind="monitor.reminder",
                key=lambda invitation: f"monitor-reminder:{invitation.pk}:team:{day}",
                subject=_reminder_subject,
                template="monitoring/email/reminder.txt",
            )
    return queued


def daily() -> str:
    """The monitor's daily job: invitations that an interrupted background task left (see queue_invitation_mails),
    the reminders due today, and rounds past their closing date. Safe to run twice."""
    waiting_rounds = (
        Invitation.objects.filter(mail__isnull=True, round__status=MonitorRound.Status.OPEN)
        .values_list("round_id", flat=True)
        .distinct()
    )
    queued = sum(queue_invitation_mails.call(round_id) for round_id in list(waiting_rounds))
    reminded = queue_due_reminders()
    closed = close_expired_rounds()
    return f"{queued} uitnodiging(en) klaargezet, {reminded} herinnering(en), {closed} ronde(s) gesloten."


def close_expired_rounds(today: date | None = None) -> int:
    """Close the open rounds whose closing day has passed; the number closed (safe to run twice)."""
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
    agrees_to_be_quoted: bool = False,
) -> Response:
    """Store a draft or submit, as one step: all answers or none. Refused (ValidationError) when the round no
    longer takes answers or the response was already submitted; Conflict when it changed since `revision`."""
    # get_or_create survives two first saves at the same moment (it retries the get on the unique constraint).
    response, _created = Response.objects.get_or_create(round=monitor_round, organisation=organisation)
    response = Response.objects.select_for_update().get(pk=response.pk)
    if response.status == Response.Status.SUBMITTED:
        raise ValidationError(
            _("Deze antwoorden zijn al ingediend op %(when)s. U kunt ze bekijken en downloaden.")
            % {"when": date_format(timezone.localtime(response.submitted_at), "DATETIME_FORMAT")}
        )
    if not MonitorRound.objects.get(pk=monitor_round.pk).accepts_answers():
        raise ValidationError(
            _("De monitor %(name)s is gesloten op %(date)s; er kan niets meer worden opgeslagen of ingediend.")
            % {"name": monitor_round.name, "date": date_format(monitor_round.closes_on, "DATE_FORMAT")}
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
    response.agrees_to_be_quoted = agrees_to_be_quoted
    if submit:
        response.status, response.submitted_at, response.submitted_by = (
            Response.Status.SUBMITTED,
            timezone.now(),
            user,
        )
    response.save()
    audit.record(actor=user, action="response.submitted" if submit else "response.saved", target=response)
    versions.bump(versions.monitor_round(monitor_round.pk))
    counts.refresh_members(monitor_round.pk, [organisation.pk])
    if submit:
        summaries.organisations_changed([organisation.pk])
    return response


# Coding and the report -----------------------------------------------------------------------------------------


@transaction.atomic
def code_answer(*, answer: Answer, labels: list[str], coded_by: User) -> list[Code]:
    """Put an open answer in the team's categories for its question (new labels make new categories)."""
    codes = []
    for label in [label.strip()[:200] for label in labels if label.strip()]:
        code, _created = Code.objects.get_or_create(question=answer.question, label=label)
        codes.append(code)
    before = set(answer.codes.values_list("pk", flat=True))
    answer.codes.set(codes)
    counts.recode(answer.response.round_id, answer.response.organisation_id, before, {c.pk for c in codes})
    audit.record(actor=coded_by, action="answer.coded", target=answer.response, labels=[c.label for c in codes])
    versions.bump(versions.monitor_round(answer.response.round_id))
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
    for language, _name in settings.LANGUAGES:
        request_report_pdf(report=locked, language=language, requested_by=confirmed_by)
    return locked


def request_report_pdf(*, report: Report, language: str, requested_by: User | None) -> ReportPdf:
    """Make sure a PDF of the report's current version is (being) made: at most one job per version and language,
    however many people ask. Returns the stored PDF record (its `job` shows the rendering in progress)."""
    with translation.override(language):
        version = report_pdf_version(report)
    stored, _created = ReportPdf.objects.get_or_create(report=report, language=language)
    if stored.version == version and stored.file:
        return stored
    asked = ReportPdf.objects.filter(pk=stored.pk).exclude(requested_version=version).update(requested_version=version)
    if asked:
        stored.job = jobs.start(
            kind="report-pdf",
            title=_("PDF van de Voortgangsrapportage %(year)s (%(language)s)")
            % {"year": report.year, "language": language},
            handler="alliantie.monitoring.jobs.render_report_pdf",
            created_by=requested_by,
            params={"report_id": report.pk, "language": language},
        )
        stored.requested_version = version
        stored.save(update_fields=["job", "requested_version"])
        stored.refresh_from_db()  # with a backend that runs jobs at once, the PDF is there already
    return stored


def start_round_export(*, monitor_round: MonitorRound, file_format: str, started_by: User):
    """The round's answers as CSV or XLSX, made in the background."""
    return jobs.start(
        kind="monitor-export",
        title=_("Export van %(round)s (%(format)s)") % {"round": monitor_round.name, "format": file_format.upper()},
        handler="alliantie.monitoring.jobs.export_round",
        created_by=started_by,
        params={"round_id": monitor_round.pk, "format": file_format},
    )


@transaction.atomic
def publish_results(*, monitor_round: MonitorRound, published_by: User, publish: bool) -> None:
    """Publish a round's summary on the public site, or take it off again; audited."""
    MonitorRound.objects.filter(pk=monitor_round.pk).update(results_published_at=timezone.now() if publish else None)
    audit.record(
        actor=published_by,
        action="round.results_published" if publish else "round.results_hidden",
        target=monitor_round,
    )
