from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.functions import Lower
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliantie.core import ratelimit, tokens
from alliantie.core.models import Sector
from alliantie.localalliances import permissions, selectors, services
from alliantie.localalliances.forms import (
    AllianceFilterForm,
    AllianceForm,
    CloseRequestForm,
    ConfirmForm,
    CoordinatorAcceptForm,
    CoordinatorForm,
    FollowUpForm,
    GoalForm,
    IntroductionAnswerForm,
    InvitationAnswerForm,
    InvitationForm,
    LessonFilterForm,
    LessonForm,
    LocalOrganisationForm,
    MemberForm,
    PhaseForm,
    PoolConfirmForm,
    PoolDeleteForm,
    PoolEditForm,
    PoolFilterForm,
    PoolForSomeoneForm,
    PoolLinkForm,
    PoolRegisterForm,
    PoolRequestForm,
    ProgressNoteForm,
    ProposeForm,
    RequestDecisionForm,
    RequestForm,
    ToolkitPhasesForm,
)
from alliantie.localalliances.models import (
    AllianceRequest,
    CoordinatorInvitation,
    Phase,
    PoolIntroduction,
    PoolMember,
)
from alliantie.partners.selectors import mail_preview, query_without


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def _form_limit(request: HttpRequest, scope: str) -> ratelimit.Verdict:
    """Public forms that store something and mail: at most LOCAL_ALLIANCE_FORMS_PER_HOUR per visitor's address."""
    limit = settings.LOCAL_ALLIANCE_FORMS_PER_HOUR
    return ratelimit.hit(scope, ratelimit.client_ip(request), limit=limit, window=3600)


def _refused(form, verdict: ratelimit.Verdict) -> bool:
    if verdict:
        return False
    form.add_error(
        None,
        ratelimit.UNAVAILABLE_MESSAGE
        if verdict.unavailable
        else _("U heeft dit formulier in korte tijd vaak verstuurd. Probeer het over een uur opnieuw."),
    )
    return True


# -- public pages -----------------------------------------------------------------------------------------------------


@require_GET
@ratelimit.limit_visitors("local-alliances")
def alliance_list(request: HttpRequest) -> HttpResponse:
    form = AllianceFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    filters = selectors.AllianceFilters(
        query=data.get("zoek", ""), province=data.get("provincie"), phase=data.get("fase", "")
    )
    context = {
        **selectors.alliance_list(filters, request.GET.get("pagina")),
        "form": form,
        "can_create": permissions.can_create_alliances(request.user),
        "query_without_page": query_without(request.GET, "pagina"),
    }
    return render(request, "localalliances/alliance_list.html", context, status=400 if form.errors else 200)


@require_GET
def alliance_detail(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = permissions.get_alliance_for_user(request.user, slug)
    context = {
        **selectors.alliance_detail(request.user, alliance),
        "phase_form": PhaseForm(initial={"phase": alliance.phase}),
    }
    return render(request, "localalliances/alliance_detail.html", context)


@require_http_methods(["GET", "POST"])
def request_create(request: HttpRequest) -> HttpResponse:
    """ "Wij willen een lokale alliantie starten in …": anyone may ask; the team answers from its worklist."""
    form = RequestForm(request.POST if request.method == "POST" else None)
    existing = None
    if request.method == "POST" and form.is_valid() and not _refused(form, _form_limit(request, "local-request")):
        try:
            services.submit_request(**form.cleaned_data, base_url=_base(request))
        except services.DuplicateAlliance as duplicate:
            form.add_error("municipalities", duplicate.messages[0])
            existing = duplicate.alliance
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return render(request, "localalliances/request_sent.html", {"email": form.cleaned_data["email"]})
    context = {"form": form, "existing": existing}
    return render(request, "localalliances/request_form.html", context, status=400 if form.errors else 200)


@require_GET
def leernetwerk(request: HttpRequest) -> HttpResponse:
    form = LessonFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    sector = data.get("sector")
    filters = selectors.LessonFilters(
        factor=data.get("soort", ""), phase=data.get("fase", ""), sector=sector.slug if sector else ""
    )
    context = {
        **selectors.leernetwerk(request.user, filters, request.GET.get("pagina")),
        "form": form,
        "query_without_page": query_without(request.GET, "pagina"),
    }
    return render(request, "localalliances/leernetwerk.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def invitation_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The link in an invitation to join: a GET only shows it (mail scanners open links), the button answers."""
    invitation = permissions.get_member_invitation_for_token(token)
    if invitation is None:
        return render(request, "localalliances/link_invalid.html", status=404)
    form = InvitationAnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        accept = form.cleaned_data["answer"] == "ja"
        try:
            services.answer_invitation(
                invitation=invitation,
                accept=accept,
                contribution=form.cleaned_data["contribution"],
                base_url=_base(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Dank u wel. De coördinator van de alliantie krijgt uw antwoord."))
            return redirect(invitation.alliance)
    context = {"invitation": invitation, "alliance": invitation.alliance, "form": form}
    return render(request, "localalliances/invitation_answer.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def coordinator_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The link for a person named coordinator without an account: make it, then set up the second factor."""
    invitation = permissions.get_coordinator_invitation_for_token(token)
    if invitation is None or not permissions.can_accept_coordinator_invitation(request.user, invitation):
        return render(request, "localalliances/link_invalid.html", status=404)
    user = request.user if request.user.is_authenticated else None
    form = (
        None
        if user
        else CoordinatorAcceptForm(
            request.POST if request.method == "POST" else None,
            email=invitation.email,
            initial={"name": invitation.name},
        )
    )
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            person = services.accept_coordinator_invitation(
                invitation=invitation,
                user=user,
                name=form.cleaned_data["name"] if form else "",
                password=form.cleaned_data["password1"] if form else "",
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if user is None:
                auth_login(request, person, backend="alliantie.accounts.backends.AccountBackend")
            messages.success(request, _("U bent coördinator van %(name)s.") % {"name": invitation.alliance.name})
            return redirect("localalliances:coordinator-home")
    context = {"invitation": invitation, "form": form}
    return render(
        request, "localalliances/coordinator_accept.html", context, status=400 if form and form.errors else 200
    )


# -- coordinators and the team ----------------------------------------------------------------------------------------


@login_required
@require_GET
def coordinator_home(request: HttpRequest) -> HttpResponse:
    if not permissions.can_use_start_page(request.user):
        raise PermissionDenied
    if permissions.can_see_worklist(request.user) and not permissions.coordinated_alliance_ids(request.user):
        return render(request, "localalliances/worklist.html", {**selectors.worklist(), "from_start": True})
    return render(request, "localalliances/coordinator_home.html", selectors.coordinator_home(request.user))


@login_required
@require_GET
def worklist(request: HttpRequest) -> HttpResponse:
    if not permissions.can_see_worklist(request.user):
        raise PermissionDenied
    return render(request, "localalliances/worklist.html", selectors.worklist())


@login_required
@require_http_methods(["GET", "POST"])
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    found = permissions.get_request_for_user(request.user, pk)
    places = ", ".join(m.short_name for m in found.municipalities.order_by(Lower("name")))
    form = RequestDecisionForm(
        request.POST or None,
        initial={
            "name": _("Lokale alliantie %(places)s") % {"places": places},
            "coordinator_email": found.email,
            "coordinator_name": found.name,
            "decision": "starten",
        },
    )
    existing = None
    if request.method == "POST" and found.status != AllianceRequest.Status.NEW:
        messages.error(request, _("Over deze aanvraag is al besloten."))
        return redirect("localalliances:request-detail", pk=found.pk)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "starten":
                alliance = services.accept_request(
                    request=found,
                    accepted_by=request.user,
                    name=data["name"],
                    answer=data["answer"],
                    coordinator_email=data["coordinator_email"],
                    coordinator_name=data["coordinator_name"],
                    base_url=_base(request),
                )
                messages.success(request, _("%(name)s is gestart.") % {"name": alliance.name})
                return redirect(alliance)
            services.decline_request(request=found, declined_by=request.user, answer=data["answer"])
            messages.success(request, _("De aanvrager krijgt uw antwoord per e-mail."))
            return redirect("localalliances:worklist")
        except services.DuplicateAlliance as duplicate:
            form.add_error(None, duplicate.messages[0])
            existing = duplicate.alliance
        except ValidationError as error:
            form.add_error(None, error)
    context = {**selectors.request_detail(found), "form": form, "existing": existing}
    return render(request, "localalliances/request_detail.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def alliance_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create_alliances(request.user):
        raise PermissionDenied
    form = AllianceForm(request.POST if request.method == "POST" else None, team=True, creating=True)
    existing = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            alliance = services.create_alliance(created_by=request.user, **data)
        except services.DuplicateAlliance as duplicate:
            form.add_error("municipalities", duplicate.messages[0])
            existing = duplicate.alliance
        else:
            messages.success(request, _("De lokale alliantie is gestart. Noem nu een coördinator."))
            return redirect("localalliances:coordinators", slug=alliance.slug)
    context = {"form": form, "existing": existing}
    return render(request, "localalliances/alliance_form.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def alliance_edit(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = permissions.get_alliance_for_user(request.user, slug, manage=True)
    team = permissions.can_end_alliance(request.user)
    places = list(alliance.municipalities.order_by(Lower("name")))
    form = AllianceForm(
        request.POST if request.method == "POST" else None,
        team=team,
        initial=AllianceForm.initial_for(alliance, places),
    )
    existing = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_alliance(
                alliance=alliance,
                changed_by=request.user,
                name=data["name"],
                summary=data["summary"],
                origin=data["origin"],
                contact_email=data["contact_email"],
                website=data["website"],
                municipalities=data.get("municipalities") if team else None,
                ended_on=data.get("ended_on"),
                change_ended=team,
            )
        except services.DuplicateAlliance as duplicate:
            form.add_error("municipalities", duplicate.messages[0])
            existing = duplicate.alliance
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect(alliance)
    context = {"form": form, "alliance": alliance, "existing": existing}
    return render(request, "localalliances/alliance_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def phase_record(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = permissions.get_alliance_for_user(request.user, slug, manage=True)
    form = PhaseForm(request.POST)
    if form.is_valid():
        try:
            services.record_phase(alliance=alliance, recorded_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De fase is vastgelegd."))
            return redirect(alliance)
    context = {**selectors.alliance_detail(request.user, alliance), "phase_form": form}
    return render(request, "localalliances/alliance_detail.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def coordinators(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = permissions.get_alliance_for_user(request.user, slug, manage=True)
    if not permissions.can_name_coordinators(request.user):
        raise PermissionDenied
    form = CoordinatorForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            named = services.name_coordinator(
                alliance=alliance, named_by=request.user, base_url=_base(request), **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            invited = isinstance(named, CoordinatorInvitation)
            messages.success(request, _("De uitnodiging is verstuurd.") if invited else _("De coördinator is genoemd."))
            return redirect("localalliances:coordinators", slug=alliance.slug)
    context = {
        "alliance": alliance,
        "form": form,
        "roles": list(alliance.coordinator_roles.select_related("user").order_by("since")),
        "invitations": list(alliance.coordinator_invitations.filter(accepted_at__isnull=True).order_by("-created_at")),
    }
    return render(request, "localalliances/coordinators.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def coordinator_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    alliance = permissions.get_alliance_for_user(request.user, slug)
    role = permissions.get_coordinator_for_team(request.user, alliance, pk)
    services.remove_coordinator(role=role, removed_by=request.user)
    messages.success(request, _("%(name)s coördineert deze alliantie niet meer.") % {"name": role.user.name})
    return redirect("localalliances:coordinators", slug=alliance.slug)


def _members_page(request: HttpRequest, alliance, member_form=None, local_form=None, status: int = 200):
    context = {
        **selectors.member_page(alliance),
        "alliance": alliance,
        "member_form": member_form or MemberForm(),
        "local_form": local_form or LocalOrganisationForm(places=alliance.municipalities.order_by(Lower("name"))),
    }
    return render(request, "localalliances/members.html", context, status=status)


@login_required
@require_GET
def members(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = permissions.get_alliance_for_user(request.user, slug, manage=True)
    return _members_page(request, alliance)


@login_required
@require_POST
def member_add(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = permissions.get_alliance_for_user(request.user, slug, manage=True)
    form = MemberForm(request.POST)
    if form.is_valid():
        try:
            member = services.add_member(alliance=alliance, added_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s doet mee.") % {"name": member.organisation.name})
            return redirect("localalliances:members", slug=alliance.slug)
    return _members_page(request, alliance, member_form=form, status=400)


@login_required
@require_POST
def member_add_local(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = permissions.get_alliance_for_user(request.user, slug, manage=True)
    form = LocalOrganisationForm(request.POST, places=alliance.municipalities.order_by(Lower("name")))
    if form.is_valid():
        try:
            member = services.add_local_organisation(alliance=alliance, added_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s doet mee.") % {"name": member.organisation.name})
            return redirect("localalliances:members", slug=alliance.slug)
    return _members_page(request, alliance, local_form=form, status=400)


@login_required
@require_POST
def member_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    alliance = permissions.get_alliance_for_user(request.user, slug, manage=True)
    member = permissions.get_member_for_manager(request.user, alliance, pk)
    services.remove_member(member=member, removed_by=request.user)
    messages.success(request, _("%(name)s doet niet meer mee.") % {"name": member.organisation.name})
    return redirect("localalliances:members", slug=alliance.slug)


@login_required
@require_http_methods(["GET", "POST"])
def member_invite(request: HttpRequest, slug: str) -> HttpResponse:
    """Invite an organisation the check suggested (or any partner or provider): ?organisatie=slug or ?aanbieder=slug."""
    alliance = permissions.get_alliance_for_user(request.user, slug, manage=True)
    source = request.POST if request.method == "POST" else request.GET
    target = selectors.invitation_target(alliance, source.get("organisatie", ""), source.get("aanbieder", ""))
    if target is None:
        raise Http404
    reason = source.get("reden", "")[:2000]
    form = InvitationForm(
        request.POST if request.method == "POST" else None, initial={"email": target["email"], "reason": reason}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.invite_organisation(
                alliance=alliance,
                invited_by=request.user,
                organisation=target.get("organisation"),
                provider=target.get("provider"),
                sector=target["sector"] or _sector(source),
                base_url=_base(request),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De uitnodiging aan %(name)s is verstuurd.") % {"name": target["name"]})
            return redirect(alliance)
    context = {"alliance": alliance, "target": target, "form": form, "sector_slug": source.get("sector", "")[:60]}
    return render(request, "localalliances/member_invite.html", context, status=400 if form.errors else 200)


def _sector(source):
    return Sector.objects.filter(slug=source.get("sector", "")[:60]).first()


def _goal_form(data, alliance, **kwargs) -> GoalForm:
    members = alliance.members.select_related("organisation").order_by(Lower("organisation__name"))
    activities = (
        selectors.activities_here(alliance)
        .select_related("organisation")
        .order_by(Lower("organisation__name"), Lower("title"))
    )
    return GoalForm(data, members=members, activities=activities, **kwargs)


@login_required
@require_http_methods(["GET", "POST"])
def goal_create(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = permissions.get_alliance_for_user(request.user, slug, manage=True)
    form = _goal_form(request.POST if request.method == "POST" else None, alliance)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_goal(alliance=alliance, data=form.goal_data(), saved_by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Het doel staat op de agenda."))
            return redirect(f"{alliance.get_absolute_url()}#agenda")
    context = {"alliance": alliance, "form": form}
    return render(request, "localalliances/goal_form.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    alliance = permissions.get_alliance_for_user(request.user, slug, manage=True)
    goal = permissions.get_goal_for_user(request.user, alliance, pk, manage=True)
    form = _goal_form(request.POST if request.method == "POST" else None, alliance, initial=GoalForm.initial_for(goal))
    if request.method == "POST" and form.is_valid():
        try:
            services.save_goal(alliance=alliance, data=form.goal_data(), saved_by=request.user, goal=goal)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect(f"{alliance.get_absolute_url()}#agenda")
    context = {
        "alliance": alliance,
        "goal": goal,
        "form": form,
        "notes": list(goal.notes.select_related("written_by")),
        "note_form": ProgressNoteForm(),
    }
    return render(request, "localalliances/goal_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def goal_progress(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    alliance = permissions.get_alliance_for_user(request.user, slug, manage=True)
    goal = permissions.get_goal_for_user(request.user, alliance, pk, manage=True)
    form = ProgressNoteForm(request.POST)
    if form.is_valid():
        try:
            services.add_progress_note(goal=goal, written_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De voortgang is vastgelegd."))
            return redirect("localalliances:goal-edit", slug=alliance.slug, pk=goal.pk)
    context = {
        "alliance": alliance,
        "goal": goal,
        "form": _goal_form(None, alliance, initial=GoalForm.initial_for(goal)),
        "notes": list(goal.notes.select_related("written_by")),
        "note_form": form,
    }
    return render(request, "localalliances/goal_form.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def lesson_create(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = permissions.get_alliance_for_user(request.user, slug, manage=True)
    events = selectors.event_choices_for_lessons()
    form = LessonForm(
        request.POST if request.method == "POST" else None,
        events=events,
        initial={"phase": alliance.phase, "event": events.first()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            lesson = services.record_lesson(alliance=alliance, recorded_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De les staat in de kennisbank; andere allianties vinden haar nu ook."))
            return redirect(lesson.item)
    context = {"alliance": alliance, "form": form}
    return render(request, "localalliances/lesson_form.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def leernetwerk_invite(request: HttpRequest, slug: str) -> HttpResponse:
    """Mail every local alliance about a leernetwerk meeting, after seeing who will receive it."""
    if not permissions.can_invite_to_leernetwerk(request.user):
        raise PermissionDenied
    event = selectors.leernetwerk_event(request.user, slug)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.invite_to_leernetwerk(event=event, invited_by=request.user, base_url=_base(request))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De uitnodiging gaat naar %(n)s adressen.") % {"n": sent})
            return redirect(event)
    context = {
        "event": event,
        "form": form,
        "preview": mail_preview(services.leernetwerk_organisations().values("organisation_id")),
        "coordinators": len(services.leernetwerk_coordinators()),
    }
    return render(request, "localalliances/leernetwerk_invite.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def toolkit(request: HttpRequest) -> HttpResponse:
    """The team says in which phases each item of the toolkit collection is shown."""
    if not permissions.can_manage_toolkit(request.user):
        raise PermissionDenied
    rows = selectors.toolkit_overview()
    context = {"rows": rows, "phases": Phase.choices}
    if request.method == "POST":
        form = ToolkitPhasesForm(request.POST)
        entry = next((r.entry for r in rows if form.is_valid() and r.entry.pk == form.cleaned_data["entry"]), None)
        if entry is None:
            return render(request, "localalliances/toolkit.html", context, status=400)
        services.set_toolkit_phases(entry=entry, phases=form.cleaned_data["phases"], set_by=request.user)
        messages.success(request, _("De fasen van “%(title)s” zijn opgeslagen.") % {"title": entry.item.title})
        return redirect("localalliances:toolkit")
    return render(request, "localalliances/toolkit.html", context)


# -- the pool ---------------------------------------------------------------------------------------------------------


@require_GET
def pool_home(request: HttpRequest) -> HttpResponse:
    context = {
        **selectors.public_pool(request.GET.get("pagina")),
        "can_see_pool": permissions.can_see_pool(request.user),
        "can_register_for_others": permissions.can_register_for_others(request.user),
        "can_ask": permissions.can_ask_for_expert(request.user),
        "query_without_page": query_without(request.GET, "pagina"),
    }
    return render(request, "localalliances/pool_home.html", context)


@require_http_methods(["GET", "POST"])
def pool_register(request: HttpRequest) -> HttpResponse:
    """Register oneself (with or without an account); without consent nothing is stored."""
    user = request.user if request.user.is_authenticated else None
    own = permissions.own_pool_entry(request.user)
    if own is not None:
        return redirect(services.entry_link(own, "/"))
    initial = {"name": user.name, "email": user.email} if user else {}
    form = PoolRegisterForm(request.POST if request.method == "POST" else None, initial=initial)
    if user:
        form.fields["email"].disabled = True
    if request.method == "POST" and form.is_valid() and (user or not _refused(form, _form_limit(request, "pool"))):
        try:
            member = services.register_in_pool(
                data=form.pool_data(), consent_given=form.cleaned_data["consent"], user=user, base_url=_base(request)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if member is not None and member.status != PoolMember.Status.PENDING:
                messages.success(request, _("U staat in de pool. U kunt uw inschrijving altijd zelf wijzigen."))
                return redirect(services.entry_link(member, "/"))
            return render(request, "localalliances/pool_check_mail.html", {"email": form.cleaned_data["email"]})
    return render(
        request, "localalliances/pool_form.html", {"form": form, "mode": "register"}, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def pool_register_for(request: HttpRequest) -> HttpResponse:
    """An organisation registers someone who wants to be in the pool; that person confirms it themselves."""
    if not permissions.can_register_for_others(request.user):
        raise PermissionDenied
    form = PoolForSomeoneForm(
        request.POST if request.method == "POST" else None,
        organisations=permissions.registering_organisations(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.register_for_someone(
                data=form.pool_data(),
                organisation=form.cleaned_data["organisation"],
                registered_by=request.user,
                person_agreed=form.cleaned_data["person_agreed"],
                base_url=_base(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Aangemeld. De persoon krijgt een e-mail en staat in de pool na het bevestigen.")
            )
            return redirect("localalliances:pool")
    return render(
        request, "localalliances/pool_form.html", {"form": form, "mode": "for"}, status=400 if form.errors else 200
    )


@login_required
@require_GET
def pool_mine(request: HttpRequest) -> HttpResponse:
    own = permissions.own_pool_entry(request.user)
    if own is None:
        return redirect("localalliances:pool-register")
    return redirect(services.entry_link(own, "/"))


@require_http_methods(["GET", "POST"])
def pool_link(request: HttpRequest) -> HttpResponse:
    """Ask for the link to one's own entry by mail; the answer is the same whether or not the address is in the pool."""
    form = PoolLinkForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid() and not _refused(form, _form_limit(request, "pool-link")):
        services.send_pool_link(email=form.cleaned_data["email"], base_url=_base(request))
        return render(request, "localalliances/pool_check_mail.html", {"email": form.cleaned_data["email"]})
    return render(request, "localalliances/pool_link.html", {"form": form}, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def pool_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the first mail: the person confirms their address and consent with the button."""
    member = permissions.get_pool_entry_for_token(token)
    if member is None:
        return render(request, "localalliances/link_invalid.html", status=404)
    if member.status != PoolMember.Status.PENDING:
        return redirect("localalliances:pool-entry", token=token)
    form = PoolConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.confirm_pool_entry(member=member, base_url=_base(request))
        messages.success(request, _("U staat in de pool. Bewaar de link in de e-mail om uw inschrijving te wijzigen."))
        return redirect("localalliances:pool-entry", token=token)
    context = {"member": member, "form": form, "token": token, **selectors.pool_member_detail(member)}
    return render(request, "localalliances/pool_confirm.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def pool_entry(request: HttpRequest, token: str) -> HttpResponse:
    """The person's own entry behind the link in their mail: see it, change it, pause it."""
    member = permissions.get_pool_entry_for_token(token)
    if member is None:
        return render(request, "localalliances/link_invalid.html", status=404)
    if member.status == PoolMember.Status.PENDING:
        return redirect("localalliances:pool-confirm", token=token)
    detail = selectors.pool_member_detail(member)
    initial = PoolEditForm.initial_for(member, detail["provinces"], detail["municipalities"], detail["themes"])
    form = PoolEditForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actor = request.user if request.user.is_authenticated else None
        services.update_pool_entry(member=member, data=form.pool_data(), changed_by=actor)
        messages.success(request, _("Uw inschrijving is bijgewerkt."))
        return redirect("localalliances:pool-entry", token=token)
    context = {**detail, "form": form, "token": token, "mode": "edit"}
    return render(request, "localalliances/pool_entry.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def pool_delete(request: HttpRequest, token: str) -> HttpResponse:
    member = permissions.get_pool_entry_for_token(token)
    if member is None:
        return render(request, "localalliances/link_invalid.html", status=404)
    form = PoolDeleteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.delete_pool_entry(member=member, deleted_by=request.user if request.user.is_authenticated else None)
        messages.success(request, _("Uw inschrijving is verwijderd. Er staat niets meer van u in de pool."))
        return redirect("localalliances:pool")
    return render(
        request,
        "localalliances/pool_delete.html",
        {"member": member, "form": form, "token": token},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def pool_overview(request: HttpRequest) -> HttpResponse:
    if not permissions.can_see_pool(request.user):
        raise PermissionDenied
    form = PoolFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    filters = selectors.PoolFilters(
        role=data.get("rol", ""),
        province=data.get("provincie"),
        challenge=data.get("thema"),
        availability=data.get("beschikbaar", ""),
        fee=data.get("vergoeding", ""),
    )
    context = {
        **selectors.pool_overview(request.user, filters, request.GET.get("pagina")),
        "form": form,
        "query_without_page": query_without(request.GET, "pagina"),
    }
    return render(request, "localalliances/pool_overview.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def pool_member(request: HttpRequest, pk: int) -> HttpResponse:
    member = permissions.get_pool_member_for_user(request.user, pk)
    return render(request, "localalliances/pool_member.html", selectors.pool_member_detail(member))


@login_required
@require_http_methods(["GET", "POST"])
def pool_request_create(request: HttpRequest) -> HttpResponse:
    """Ask the team to be put in touch with an ervaringsdeskundige, for an organisation or a local alliance."""
    if not permissions.can_ask_for_expert(request.user):
        raise PermissionDenied
    choices = selectors.pool_request_choices(request.user)
    form = PoolRequestForm(
        request.POST if request.method == "POST" else None,
        choices=choices,
        initial={"on_behalf": request.GET.get("namens", "")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        on_behalf = permissions.get_on_behalf_for_user(request.user, data.pop("on_behalf"))
        services.ask_for_expert(requested_by=request.user, base_url=_base(request), **on_behalf, **data)
        messages.success(request, _("Uw vraag is bij het projectteam. U hoort het als iemand wil kennismaken."))
        return redirect("localalliances:pool")
    return render(request, "localalliances/pool_request_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def pool_request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The team proposes someone from the pool (who is asked first), or closes the request."""
    found = permissions.get_pool_request_for_user(request.user, pk)
    propose, close = (
        ProposeForm(request.POST if "member" in request.POST else None),
        CloseRequestForm(request.POST if "close" in request.POST else None),
    )
    if request.method == "POST":
        try:
            if propose.is_bound and propose.is_valid():
                member = permissions.get_pool_member_for_user(request.user, propose.cleaned_data["member"])
                services.propose_expert(
                    request=found,
                    member=member,
                    proposed_by=request.user,
                    message=propose.cleaned_data["message"],
                    base_url=_base(request),
                )
                messages.success(request, _("We vragen het de ervaringsdeskundige; u hoort het antwoord per e-mail."))
            elif close.is_bound and close.is_valid():
                services.close_pool_request(request=found, closed_by=request.user, note=close.cleaned_data["note"])
                messages.success(request, _("De vraag is gesloten."))
            else:
                raise ValidationError(_("Kies iemand om voor te stellen, of sluit de vraag."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("localalliances:pool-request-detail", pk=found.pk)
    context = {**selectors.pool_request_detail(found), "propose_form": propose, "close_form": close}
    return render(request, "localalliances/pool_request_detail.html", context)


@require_http_methods(["GET", "POST"])
def pool_introduction(request: HttpRequest, token: str) -> HttpResponse:
    """The person in the pool answers whether they want to meet the organisation (a GET only shows the question)."""
    introduction = permissions.get_introduction_for_token(token)
    if introduction is None:
        return render(request, "localalliances/link_invalid.html", status=404)
    form = IntroductionAnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_introduction(
                introduction=introduction, accept=form.cleaned_data["answer"] == "ja", base_url=_base(request)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Dank u wel voor uw antwoord."))
            return redirect("localalliances:pool-introduction", token=token)
    context = {
        "introduction": introduction,
        "request_": introduction.request,
        "form": form,
        "answered": introduction.status != PoolIntroduction.Status.ASKED,
    }
    return render(request, "localalliances/pool_introduction.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def pool_follow_up(request: HttpRequest, token: str) -> HttpResponse:
    """Either side says what the introduction led to; the link in the follow-up mail records nothing until the button
    is pressed."""
    pk = tokens.read(services.FOLLOW_UP_PURPOSE, token)
    introduction = (
        permissions.get_introduction_for_token(tokens.make(PoolIntroduction.LINK_PURPOSE, pk)) if pk else None
    )
    if introduction is None:
        return render(request, "localalliances/link_invalid.html", status=404)
    form = FollowUpForm(
        request.POST if request.method == "POST" else None, initial={"status": request.GET.get("antwoord", "")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_introduction_outcome(introduction=introduction, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Dank u wel: het projectteam weet nu wat de kennismaking opleverde."))
            return redirect("localalliances:pool")
    context = {"introduction": introduction, "form": form}
    return render(request, "localalliances/pool_follow_up.html", context, status=400 if form.errors else 200)
