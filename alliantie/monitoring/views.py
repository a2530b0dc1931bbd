from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliantie.core import spreadsheets
from alliantie.monitoring import permissions, report, results, selectors, services
from alliantie.monitoring.forms import (
    AnswerForm,
    CodeForm,
    ConfirmMailForm,
    QuestionForm,
    QuestionnaireForm,
    ReportForm,
    ResultFilterForm,
    RoundForm,
    SectionForm,
)
from alliantie.monitoring.models import Question, Questionnaire, Report, Response, Section

# The partner's side --------------------------------------------------------------------------------------------


@login_required
@require_GET
def my_monitor(request: HttpRequest) -> HttpResponse:
    rows = selectors.my_rounds(permissions.own_invitations(request.user))
    context = {"rows": rows, "can_run": permissions.can_run_monitor(request.user)}
    return render(request, "monitoring/my_monitor.html", context)


def _answer_context(invitation, form, response, conflict=None) -> dict:
    return {
        "invitation": invitation,
        "round": invitation.round,
        "organisation": invitation.organisation,
        "form": form,
        "response": response,
        "conflict": conflict,
        "open": invitation.round.accepts_answers(),
    }


@login_required
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """Answer the monitor for one's organisation: a draft to come back to, then submit once."""
    invitation = permissions.get_invitation_for_user(request.user, token)
    monitor_round, organisation = invitation.round, invitation.organisation
    questions = selectors.questions_of(monitor_round)
    response = selectors.response_of(monitor_round, organisation)
    if response is not None and response.status == Response.Status.SUBMITTED:
        if request.method == "POST":
            messages.info(request, _("Uw antwoorden waren al ingediend. Hieronder ziet u wat is ontvangen."))
        return redirect("monitoring:answers", token=token)
    if request.method == "GET":
        initial = (
            selectors.stored_values(response, questions)
            if response
            else selectors.prefilled_values(monitor_round, organisation, questions)
        )
        initial |= {
            "revision": response.revision if response else 0,
            "agrees_to_be_named": response.agrees_to_be_named if response else False,
            "agrees_to_be_quoted": response.agrees_to_be_quoted if response else False,
        }
        form = AnswerForm(initial=initial, questions=questions)
        return render(request, "monitoring/answer.html", _answer_context(invitation, form, response))
    submitting = "indienen" in request.POST
    form = AnswerForm(request.POST, questions=questions, submitting=submitting)
    if not form.is_valid():
        context = _answer_context(invitation, form, response)
        return render(request, "monitoring/answer.html", context, status=400)
    try:
        saved = services.save_answers(
            monitor_round=monitor_round,
            organisation=organisation,
            user=request.user,
            values=form.values(),
            revision=form.cleaned_data["revision"],
            submit=submitting,
            agrees_to_be_named=form.cleaned_data["agrees_to_be_named"],
            agrees_to_be_quoted=form.cleaned_data["agrees_to_be_quoted"],
        )
    except services.Conflict as conflict:
        context = _answer_context(invitation, form, conflict.response, conflict=conflict.response)
        return render(request, "monitoring/answer.html", context, status=409)
    except ValidationError as error:
        current = selectors.response_of(monitor_round, organisation)
        if current is not None and current.status == Response.Status.SUBMITTED:
            messages.info(request, " ".join(error.messages))
            return redirect("monitoring:answers", token=token)
        form.add_error(None, error)
        return render(request, "monitoring/answer.html", _answer_context(invitation, form, response), status=409)
    if saved.status == Response.Status.SUBMITTED:
        messages.success(request, _("Dank u wel. Uw antwoorden zijn ingediend."))
        return redirect("monitoring:answers", token=token)
    messages.success(request, _("Uw antwoorden zijn bewaard als concept. U kunt later verder gaan."))
    return redirect("monitoring:answer", token=token)


@login_required
@require_GET
def answers(request: HttpRequest, token: str) -> HttpResponse:
    """One's own answers: on the page after submitting, and as a download."""
    invitation = permissions.get_invitation_for_user(request.user, token)
    response = selectors.response_of(invitation.round, invitation.organisation)
    if response is None:
        return redirect("monitoring:answer", token=token)
    rows = selectors.answered_rows(response, selectors.questions_of(invitation.round))
    if request.GET.get("download") == "csv":
        content = spreadsheets.csv_bytes([_("vraag"), _("antwoord")], [(q.text, value) for q, value in rows])
        download = HttpResponse(content, content_type="text/csv; charset=utf-8")
        download["Content-Disposition"] = (
            f'attachment; filename="monitor-{invitation.round.year}-{invitation.organisation.slug}.csv"'
        )
        return download
    context = {"invitation": invitation, "round": invitation.round, "response": response, "rows": rows}
    return render(request, "monitoring/answers.html", context)


# The team's side: rounds ---------------------------------------------------------------------------------------


@login_required
@require_GET
def round_list(request: HttpRequest) -> HttpResponse:
    if not permissions.can_run_monitor(request.user):
        raise PermissionDenied
    return render(request, "monitoring/round_list.html", selectors.team_overview())


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_run_monitor(request.user):
        raise PermissionDenied
    initial = {"questionnaire": services.template()}
    form = RoundForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            monitor_round = services.create_round(
                name=data["name"],
                year=data["year"],
                questionnaire=data["questionnaire"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                reminder_days=data["reminder_days"],
                created_by=request.user,
                include_dormant=data["include_dormant"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De ronde is aangemaakt. Controleer de vragenlijst en open de ronde."))
            return redirect(monitor_round)
    return render(request, "monitoring/round_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_GET
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The live response dashboard."""
    monitor_round = permissions.get_round_for_team(request.user, pk)
    waiting, waiting_count = selectors.not_answered(monitor_round)
    context = {
        "round": monitor_round,
        "stats": selectors.dashboard(monitor_round),
        "waiting": waiting,
        "waiting_count": waiting_count,
    }
    return render(request, "monitoring/round_detail.html", context)


def _round_action(request: HttpRequest, pk: int, action) -> HttpResponse:
    monitor_round = permissions.get_round_for_team(request.user, pk)
    try:
        message = action(monitor_round)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, message)
    return redirect(monitor_round)


@login_required
@require_http_methods(["GET", "POST"])
def round_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Opening mails every partner: first show who, then open when confirmed."""
    monitor_round = permissions.get_round_for_team(request.user, pk)
    other_open = selectors.other_open_rounds(monitor_round)
    form = ConfirmMailForm(request.POST if request.method == "POST" else None, needs_reason=bool(other_open))
    if request.method == "POST" and form.is_valid():
        try:
            invited = services.open_round(
                monitor_round=monitor_round, opened_by=request.user, reason=form.cleaned_data.get("reason", "")
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("De ronde is open. %(n)s partners krijgen hun persoonlijke link per e-mail.") % {"n": invited},
            )
            return redirect(monitor_round)
    context = {
        "round": monitor_round,
        "form": form,
        "other_open": other_open,
        "preview": selectors.invitation_preview(monitor_round),
        "action": "open",
    }
    return render(request, "monitoring/round_confirm.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def round_remind(request: HttpRequest, pk: int) -> HttpResponse:
    """The team's reminder to everyone who has not answered: first show who, then send when confirmed."""
    monitor_round = permissions.get_round_for_team(request.user, pk)
    form = ConfirmMailForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            reached = services.remind_now(monitor_round=monitor_round, reminded_by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(n)s partners krijgen een herinnering.") % {"n": reached})
            return redirect(monitor_round)
    context = {
        "round": monitor_round,
        "form": form,
        "preview": selectors.reminder_preview(monitor_round),
        "action": "remind",
    }
    return render(request, "monitoring/round_confirm.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    def action(monitor_round):
        services.close_round(monitor_round=monitor_round, closed_by=request.user)
        return _("De ronde is gesloten.")

    return _round_action(request, pk, action)


@login_required
@require_POST
def round_publish(request: HttpRequest, pk: int) -> HttpResponse:
    publish = request.POST.get("publiceren") == "1"

    def action(monitor_round):
        services.publish_results(monitor_round=monitor_round, published_by=request.user, publish=publish)
        return _("De samenvatting is openbaar.") if publish else _("De samenvatting is niet meer openbaar.")

    return _round_action(request, pk, action)


def _filters(request: HttpRequest) -> tuple[ResultFilterForm, results.Filters]:
    form = ResultFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return form, results.Filters(
        sector=data.get("sector", ""),
        scope=data.get("schaal", ""),
        province=data.get("provincie", ""),
        challenge=data.get("opgave", ""),
    )


@login_required
@require_GET
def round_results(request: HttpRequest, pk: int) -> HttpResponse:
    monitor_round = permissions.get_round_for_team(request.user, pk)
    form, filters = _filters(request)
    context = {
        "round": monitor_round,
        "results": results.presented(results.shown_on_page(results.question_results(monitor_round, filters))),
        "sources_url": reverse("monitoring:round-sources", args=[monitor_round.pk]),
        "filter_form": form,
        "filter_query": request.GET.urlencode(),
        **selectors.filter_choices(),
        "previous": results.previous_round(monitor_round),
        "reach": results.reach(monitor_round.year),
    }
    return render(request, "monitoring/results.html", context)


@login_required
@require_GET
def round_sources(request: HttpRequest, pk: int) -> HttpResponse:
    """The answers a figure was computed from."""
    monitor_round = permissions.get_round_for_team(request.user, pk)
    question = selectors.question_of_round(monitor_round, request.GET.get("vraag", ""))
    if question is None:
        raise Http404
    _form, filters = _filters(request)
    option = request.GET.get("keuze", "")[:100]
    code = request.GET.get("code", "")[:200]
    context = {
        "round": monitor_round,
        "question": question,
        "option": option,
        "code": code,
        "rows": selectors.sources(monitor_round, question, filters, option=option, code=code),
    }
    return render(request, "monitoring/sources.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def round_coding(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    """The team sorts the open answers of a question into categories."""
    monitor_round = permissions.get_round_for_team(request.user, pk)
    question = selectors.open_question(monitor_round, question_pk)
    if question is None:
        raise Http404
    if request.method == "POST":
        answer_row = selectors.answer_for_coding(monitor_round, question, request.POST.get("antwoord", ""))
        if answer_row is None:
            raise Http404
        form = CodeForm(request.POST)
        if form.is_valid():
            services.code_answer(answer=answer_row, labels=form.cleaned_data["labels"], coded_by=request.user)
            messages.success(request, _("Ingedeeld."))
            return redirect(f"{request.path}?pagina={request.POST.get('pagina', '1')}#antwoord-{answer_row.pk}")
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    context = {
        "round": monitor_round,
        "question": question,
        **selectors.coding_page(monitor_round, question, request.GET.get("pagina")),
    }
    return render(request, "monitoring/coding.html", context)


@login_required
@require_POST
def round_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The round's answers as CSV or XLSX: made in the background, downloaded from the job's page."""
    monitor_round = permissions.get_round_for_team(request.user, pk)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    job = services.start_round_export(monitor_round=monitor_round, file_format=fmt, started_by=request.user)
    return redirect("backoffice:job-detail", job_id=job.pk)


@require_GET
def published(request: HttpRequest) -> HttpResponse:
    """The public list of the alliance's published progress reports and monitor results."""
    return render(request, "monitoring/published.html", selectors.published_results())


@require_GET
def public_results(request: HttpRequest, pk: int) -> HttpResponse:
    monitor_round = permissions.get_published_round(pk)
    context = {
        "round": monitor_round,
        "results": results.presented(results.question_results(monitor_round, public=True)),
    }
    return render(request, "monitoring/public_results.html", context)


# The team's side: questionnaires -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def questionnaire_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_run_monitor(request.user):
        raise PermissionDenied
    form = QuestionnaireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        questionnaire = services.create_questionnaire(
            name=form.cleaned_data["name"], description=form.cleaned_data["description"], created_by=request.user
        )
        messages.success(request, _("De vragenlijst is gemaakt. Voeg een onderdeel en vragen toe."))
        return redirect("monitoring:questionnaire", pk=questionnaire.pk)
    return render(request, "monitoring/questionnaire_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_GET
def questionnaire_detail(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = permissions.get_questionnaire_for_team(request.user, pk)
    context = {
        "questionnaire": questionnaire,
        "sections": questionnaire.sections.prefetch_related("questions__follow_up_of"),
        "locked": services.is_locked(questionnaire),
        "section_form": SectionForm(),
    }
    return render(request, "monitoring/questionnaire_detail.html", context)


def _editable(request: HttpRequest, questionnaire: Questionnaire) -> Questionnaire:
    editable, copied = services.editable_questionnaire(questionnaire, user=request.user)
    if copied:
        messages.info(
            request,
            _("Versie %(old)s is al beantwoord en blijft zoals zij was. De wijziging staat in versie %(new)s.")
            % {"old": questionnaire.version, "new": editable.version},
        )
    return editable


@login_required
@require_POST
def section_add(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = permissions.get_questionnaire_for_team(request.user, pk)
    form = SectionForm(request.POST)
    if not form.is_valid():
        context = {
            "questionnaire": questionnaire,
            "sections": questionnaire.sections.all(),
            "locked": services.is_locked(questionnaire),
            "section_form": form,
        }
        return render(request, "monitoring/questionnaire_detail.html", context, status=400)
    target = _editable(request, questionnaire)
    services.add_section(
        questionnaire=target, title=form.cleaned_data["title"], intro=form.cleaned_data["intro"], added_by=request.user
    )
    return redirect("monitoring:questionnaire", pk=target.pk)


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, pk: int, question_pk: int | None = None) -> HttpResponse:
    """Add a question to a section (?onderdeel=) or change one; an answered questionnaire gets a new version."""
    questionnaire = permissions.get_questionnaire_for_team(request.user, pk)
    question = None
    if question_pk is not None:
        question = (
            Question.objects.filter(pk=question_pk, section__questionnaire=questionnaire)
            .select_related("section")
            .first()
        )
        if question is None:
            raise Http404
    section_id = request.POST.get("onderdeel") or request.GET.get("onderdeel")
    section = (
        question.section
        if question
        else Section.objects.filter(
            pk=section_id if str(section_id).isdigit() else 0, questionnaire=questionnaire
        ).first()
    )
    if section is None:
        raise Http404
    form = QuestionForm(
        request.POST or None,
        questionnaire=questionnaire,
        initial=QuestionForm.initial_for(question) if question else None,
    )
    if request.method == "POST" and form.is_valid():
        target = _editable(request, questionnaire)
        if target.pk != questionnaire.pk:  # the same section and question in the new version
            section = target.sections.get(position=section.position)
            question = section.questions.get(position=question.position) if question else None
            follow = form.cleaned_data["follow_up_of"]
            form.cleaned_data["follow_up_of"] = (
                Question.objects.get(section__questionnaire=target, key=follow.key) if follow else None
            )
        try:
            services.save_question(section=section, values=form.cleaned_data, saved_by=request.user, question=question)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De vraag is bewaard."))
            return redirect("monitoring:questionnaire", pk=target.pk)
    context = {"questionnaire": questionnaire, "section": section, "question": question, "form": form}
    return render(request, "monitoring/question_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def question_move(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    questionnaire = permissions.get_questionnaire_for_team(request.user, pk)
    question = Question.objects.filter(pk=question_pk, section__questionnaire=questionnaire).first()
    if question is None:
        raise Http404
    target = _editable(request, questionnaire)
    if target.pk != questionnaire.pk:
        question = Question.objects.get(section__questionnaire=target, key=question.key)
    services.move_question(question=question, up=request.POST.get("richting") == "omhoog", moved_by=request.user)
    return redirect("monitoring:questionnaire", pk=target.pk)


@login_required
@require_POST
def question_delete(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    questionnaire = permissions.get_questionnaire_for_team(request.user, pk)
    question = Question.objects.filter(pk=question_pk, section__questionnaire=questionnaire).first()
    if question is None:
        raise Http404
    target = _editable(request, questionnaire)
    if target.pk != questionnaire.pk:
        question = Question.objects.get(section__questionnaire=target, key=question.key)
    services.delete_question(question=question, deleted_by=request.user)
    messages.success(request, _("De vraag is verwijderd."))
    return redirect("monitoring:questionnaire", pk=target.pk)


# The progress report -------------------------------------------------------------------------------------------


@require_GET
def progress_report(request: HttpRequest, year: int) -> HttpResponse:
    """The published report (or the team's draft) as a page; ?formaat=pdf gives the PDF."""
    found = permissions.get_report_for_user(request.user, year)
    if request.GET.get("formaat") == "pdf":
        return _report_pdf(request, found)
    context = report.context(year, found) | {
        "can_run": permissions.can_run_monitor(request.user),
        "can_confirm": permissions.can_run_monitor(request.user)
        and found.published_at is None
        and found.prepared_by_id != request.user.pk,
    }
    return render(request, "monitoring/report.html", context)


def _report_pdf(request: HttpRequest, found: Report) -> HttpResponse:
    """The stored PDF of the report's current version; a visitor never makes one render. While it is being made,
    the team follows the job, a visitor is asked to come back in a minute."""
    stored = services.request_report_pdf(report=found, language=get_language(), requested_by=None)
    if stored.file:
        return FileResponse(
            stored.file.open("rb"), filename=f"voortgangsrapportage-{found.year}.pdf", content_type="application/pdf"
        )
    if permissions.can_run_monitor(request.user) and stored.job_id:
        return redirect("backoffice:job-detail", job_id=stored.job_id)
    response = render(request, "monitoring/report_pdf_pending.html", {"report": found}, status=503)
    response["Retry-After"] = "60"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request: HttpRequest, year: int) -> HttpResponse:
    existing = permissions.get_report_to_edit(request.user, year)
    initial = {
        "introduction": existing.introduction if existing else "",
        "round": existing.round if existing else report.round_for(year),
        "activities": ", ".join(str(pk) for pk in existing.highlighted_activities.values_list("pk", flat=True))
        if existing
        else "",
    }
    form = ReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        known = selectors.existing_activity_ids(data["activities"])
        if len(known) != len(set(data["activities"])):
            form.add_error(
                "activities",
                _("Deze nummers kennen we niet: %(ids)s.")
                % {"ids": ", ".join(str(i) for i in sorted(set(data["activities"]) - known))},
            )
        else:
            services.save_report(
                year=year,
                prepared_by=request.user,
                introduction=data["introduction"],
                round_id=data["round"].pk if data["round"] else None,
                activity_ids=sorted(known),
            )
            messages.success(request, _("De rapportage is bewaard. Een tweede lid van het projectteam bevestigt haar."))
            return redirect("monitoring:report", year=year)
    return render(
        request, "monitoring/report_form.html", {"form": form, "year": year}, status=400 if form.errors else 200
    )


@login_required
@require_POST
def report_confirm(request: HttpRequest, year: int) -> HttpResponse:
    if not permissions.can_run_monitor(request.user):
        raise PermissionDenied
    found = permissions.get_report_for_user(request.user, year)
    try:
        services.confirm_report(report=found, confirmed_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De rapportage is bevestigd en gepubliceerd."))
    return redirect(reverse("monitoring:report", kwargs={"year": year}))
