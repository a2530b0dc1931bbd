from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliantie.core import ratelimit
from alliantie.core.models import Challenge
from alliantie.core.spreadsheets import csv_bytes, xlsx_bytes
from alliantie.events import ical, links, permissions, selectors, services
from alliantie.events.forms import (
    AccountRegistrationForm,
    AgendaFilterForm,
    CancelEventForm,
    CheckinSearchForm,
    EventForm,
    RegistrationForm,
)
from alliantie.events.models import KINDS_BY_SLUG, EventKind
from alliantie.partners.selectors import query_without

ICS_TYPE = "text/calendar; charset=utf-8"
SAMPLE = 10  # names shown before a mass mail is confirmed


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def _feeds(request: HttpRequest) -> dict:
    return {
        "ical_feed_url": request.build_absolute_uri(reverse("events:feed-ical")),
        "atom_feed_url": request.build_absolute_uri(reverse("events:feed-atom")),
    }


@require_GET
def agenda(request: HttpRequest) -> HttpResponse:
    form = AgendaFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    filters = selectors.AgendaFilters(
        kind=data.get("soort") or "",
        challenge=data.get("opgave"),
        province=data.get("provincie"),
        month=data.get("maand"),
        past=data.get("wanneer") == "voorbij",
    )
    context = {
        **selectors.agenda(request.user, filters, request.GET.get("pagina")),
        **_feeds(request),
        "form": form,
        "filters": filters,
        "can_create": permissions.can_create_events(request.user),
        "query_without_page": query_without(request.GET, "pagina"),
    }
    return render(request, "events/agenda.html", context, status=400 if form.errors else 200)


@require_GET
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = permissions.get_event_for_user(request.user, slug)
    form = AccountRegistrationForm() if request.user.is_authenticated else RegistrationForm()
    context = {**selectors.event_detail(request.user, event), **_feeds(request), "form": form}
    return render(request, "events/event_detail.html", context)


@require_POST
def event_register(request: HttpRequest, slug: str) -> HttpResponse:
    event = permissions.get_event_for_user(request.user, slug)
    if not permissions.can_register(request.user, event):
        raise PermissionDenied
    user = request.user if request.user.is_authenticated else None
    form = AccountRegistrationForm(request.POST) if user else RegistrationForm(request.POST)
    limited = form.is_valid() and user is None and not _allowed(request)
    if limited:
        form.add_error(None, _("U heeft zich in korte tijd vaak aangemeld. Probeer het over een uur opnieuw."))
    if form.is_valid():
        data = form.cleaned_data
        try:
            registration = services.register(
                event=event,
                name=user.name if user else data["name"],
                email=user.email if user else data["email"],
                organisation_name=data["organisation_name"],
                user=user,
                base_url=_base(request),
            )
        except ValidationError as error:
            form.add_error(None, error if user is None else _messages(error))
        else:
            messages.success(request, _registered_message(registration))
            return redirect(event)
    context = {**selectors.event_detail(request.user, event), **_feeds(request), "form": form}
    return render(request, "events/event_detail.html", context, status=429 if limited else 400)


def _allowed(request: HttpRequest) -> bool:
    """Registering without an account is limited per visitor's address (spam, mail bombing)."""
    limit = settings.EVENT_REGISTRATIONS_PER_HOUR
    return bool(ratelimit.hit("event-register", ratelimit.client_ip(request), limit=limit, window=3600))


def _messages(error: ValidationError) -> list[str]:
    return [m for messages_ in getattr(error, "message_dict", {"": error.messages}).values() for m in messages_]


def _registered_message(registration) -> str:
    status = registration.status
    if status == registration.Status.PENDING:
        return _("Bijna klaar: kijk in uw mail (%(email)s) en bevestig uw aanmelding met de link.") % {
            "email": registration.email
        }
    if status == registration.Status.WAITING:
        return _("De bijeenkomst is vol. U staat op de wachtlijst; komt er een plaats vrij, dan krijgt u een mail.")
    return _("U bent aangemeld. U krijgt een bevestiging per mail.")


@require_http_methods(["GET", "POST"])
def registration_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the first mail to someone without an account. A GET only asks (mail scanners open links); the
    button confirms."""
    registration = permissions.get_registration_for_token(token)
    if registration is None:
        return render(request, "events/link_invalid.html", status=404)
    if request.method == "POST":
        try:
            registration = services.confirm_email(registration=registration, base_url=_base(request))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _registered_message(registration))
        return redirect("events:registration-manage", token=token)
    return render(request, "events/registration_confirm.html", selectors.registration_context(registration))


@require_http_methods(["GET", "POST"])
def registration_manage(request: HttpRequest, token: str) -> HttpResponse:
    """The link in every mail: see the registration, cancel it, accept an offered place or leave the waiting list."""
    registration = permissions.get_registration_for_token(token)
    if registration is None:
        return render(request, "events/link_invalid.html", status=404)
    if request.method == "POST":
        action = request.POST.get("actie")
        try:
            if action == "accepteren":
                services.accept_offer(registration=registration, base_url=_base(request))
                messages.success(request, _("U heeft de plaats aangenomen. U krijgt een bevestiging per mail."))
            elif action == "afmelden":
                services.cancel_registration(registration=registration, base_url=_base(request))
                messages.success(request, _("U bent afgemeld. Dank u wel voor het doorgeven."))
            else:
                return render(
                    request, "events/registration_manage.html", selectors.registration_context(registration), status=400
                )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("events:registration-manage", token=token)
    return render(request, "events/registration_manage.html", selectors.registration_context(registration))


def _hidden_fields(post) -> list[tuple[str, str]]:
    return [
        (name, value)
        for name, values in post.lists()
        if name not in ("csrfmiddlewaretoken", "bevestigd")
        for value in values
    ]


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create_events(request.user):
        raise PermissionDenied
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.create_event(data=form.event_data(), created_by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De bijeenkomst staat in de agenda."))
            return redirect(event)
    return render(request, "events/event_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, slug: str) -> HttpResponse:
    event = permissions.get_event_for_user(request.user, slug, manage=True)
    form = EventForm(request.POST or None, initial=EventForm.initial_for(event))
    if request.method == "POST" and form.is_valid():
        data = form.event_data()
        to_tell = selectors.people_to_tell(event) if services.practical_changes(event, data) else []
        if to_tell and request.POST.get("bevestigd") != "1":
            context = {
                "event": event,
                "count": len(to_tell),
                "sample": to_tell[:SAMPLE],
                "fields": _hidden_fields(request.POST),
            }
            return render(request, "events/event_change_confirm.html", context)
        try:
            services.update_event(event=event, data=data, changed_by=request.user, base_url=_base(request))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            done = _("De bijeenkomst is gewijzigd.")
            if to_tell:
                done += " " + _("%(n)s aangemelde mensen krijgen een mail.") % {"n": len(to_tell)}
            messages.success(request, done)
            return redirect("events:event-detail", slug=event.slug)
    context = {"form": form, "event": event}
    return render(request, "events/event_form.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def event_cancel(request: HttpRequest, slug: str) -> HttpResponse:
    event = permissions.get_event_for_user(request.user, slug, manage=True)
    form = CancelEventForm(request.POST or None)
    to_tell = selectors.people_to_tell(event)
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_event(
                event=event, cancelled_by=request.user, reason=form.cleaned_data["reason"], base_url=_base(request)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("De bijeenkomst is geannuleerd; %(n)s mensen krijgen een mail.") % {"n": len(to_tell)}
            )
            return redirect(event)
    context = {"event": event, "form": form, "count": len(to_tell), "sample": to_tell[:SAMPLE]}
    return render(request, "events/event_cancel.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def event_registrations(request: HttpRequest, slug: str) -> HttpResponse:
    event = permissions.get_event_for_user(request.user, slug, manage=True)
    context = {"event": event, "when": services.when_label(event), **selectors.registrations_overview(event)}
    return render(request, "events/event_registrations.html", context)


@login_required
@require_GET
def event_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    event = permissions.get_event_for_user(request.user, slug, manage=True)
    rows = selectors.registration_rows(event)
    if fmt == "csv":
        response = HttpResponse(csv_bytes(selectors.EXPORT_HEADER, rows), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            xlsx_bytes(pgettext("bijeenkomst", "Aanmeldingen"), selectors.EXPORT_HEADER, rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="aanmeldingen-{event.slug[:80]}.{fmt}"'
    return response


@login_required
@require_POST
def registration_cancel_by_organiser(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = permissions.get_event_for_user(request.user, slug, manage=True)
    registration = permissions.get_registration_for_organiser(request.user, event, pk)
    try:
        services.cancel_registration(registration=registration, cancelled_by=request.user, base_url=_base(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s is afgemeld.") % {"name": registration.name})
    return redirect("events:event-registrations", slug=event.slug)


@login_required
@require_GET
def checkin_list(request: HttpRequest, slug: str) -> HttpResponse:
    event = permissions.get_event_for_user(request.user, slug, manage=True)
    form = CheckinSearchForm(request.GET or None)
    query = form.cleaned_data["zoek"] if form.is_valid() else ""
    context = {"event": event, "when": services.when_label(event), "form": form, **selectors.checkin_list(event, query)}
    return render(request, "events/checkin.html", context)


@login_required
@require_POST
def checkin_toggle(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = permissions.get_event_for_user(request.user, slug, manage=True)
    registration = permissions.get_registration_for_organiser(request.user, event, pk)
    _check_in_or_undo(request, registration, undo=request.POST.get("actie") == "ongedaan")
    query = request.POST.get("zoek", "")[:100]
    target = reverse("events:checkin", kwargs={"slug": event.slug})
    return redirect(f"{target}?zoek={query}" if query else target)


def _check_in_or_undo(request: HttpRequest, registration, *, undo: bool) -> None:
    try:
        if undo:
            services.undo_check_in(registration=registration, undone_by=request.user)
            messages.success(request, _("%(name)s staat niet meer als aanwezig.") % {"name": registration.name})
        else:
            already = registration.attended_at
            services.check_in(registration=registration, checked_in_by=request.user)
            if already:
                messages.success(request, _("%(name)s was al aanwezig gemeld.") % {"name": registration.name})
            else:
                messages.success(request, _("%(name)s is aanwezig.") % {"name": registration.name})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))


@login_required
@require_http_methods(["GET", "POST"])
def checkin_scan(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    """What the organiser's phone opens from the QR code in a confirmation mail: the person, and a button."""
    event = permissions.get_event_for_user(request.user, slug, manage=True)
    registration = permissions.get_registration_for_checkin(request.user, event, code)
    if request.method == "POST":
        _check_in_or_undo(request, registration, undo=False)
        return redirect("events:checkin", slug=event.slug)
    context = {"event": event, "registration": registration, "when": services.when_label(event)}
    return render(request, "events/checkin_scan.html", context)


@login_required
@require_GET
def my_registrations(request: HttpRequest) -> HttpResponse:
    feed = services.personal_feed(user=request.user)
    feed_url = request.build_absolute_uri(reverse("events:feed-personal", kwargs={"token": links.feed_token(feed)}))
    context = {**selectors.my_registrations(request.user), "feed_url": feed_url}
    return render(request, "events/my_registrations.html", context)


@login_required
@require_POST
def renew_feed(request: HttpRequest) -> HttpResponse:
    services.renew_personal_feed(user=request.user)
    messages.success(request, _("Uw agenda-adres is vernieuwd; het oude adres werkt niet meer."))
    return redirect("events:my-registrations")


@require_GET
def kenniskring_series(request: HttpRequest) -> HttpResponse:
    return render(request, "events/series.html", selectors.kenniskring_series(request.user))


def _calendar(
    request: HttpRequest, events, name: str, *, private: bool = False, filename: str = "agenda"
) -> HttpResponse:
    body = ical.calendar_bytes(events, name=name, base_url=_base(request), private=private)
    response = HttpResponse(body, content_type=ICS_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return response


@require_GET
def event_ical(request: HttpRequest, slug: str) -> HttpResponse:
    event = permissions.get_event_for_user(request.user, slug)
    private = request.user.is_authenticated and selectors.has_place_in_all(request.user, [event])
    return _calendar(request, [event], event.title, private=private, filename=event.slug[:80])


@require_GET
def feed_ical(request: HttpRequest) -> HttpResponse:
    events = selectors.feed_events(request.user)
    return _calendar(request, events, _("Agenda Alliantie Kinderarmoede"))


@require_GET
def feed_kind(request: HttpRequest, kind_slug: str) -> HttpResponse:
    kind = KINDS_BY_SLUG.get(kind_slug)
    if kind is None:
        raise Http404
    events = selectors.feed_events(request.user, kind=kind)
    return _calendar(
        request, events, _("Alliantie Kinderarmoede: %(kind)s") % {"kind": EventKind(kind).label}, filename=kind_slug
    )


@require_GET
def feed_challenge(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = Challenge.objects.filter(slug=slug[:80]).first()
    if challenge is None:
        raise Http404
    events = selectors.feed_events(request.user, challenge=challenge)
    return _calendar(
        request, events, _("Alliantie Kinderarmoede: %(name)s") % {"name": challenge.name}, filename=challenge.slug
    )


@require_GET
def feed_personal(request: HttpRequest, token: str) -> HttpResponse:
    """A person's own registrations behind a secret address (calendar programs cannot log in)."""
    user = permissions.get_feed_owner(token)
    if user is None:
        raise Http404
    events = selectors.personal_feed_events(user)
    return _calendar(
        request,
        events,
        _("Mijn bijeenkomsten"),
        private=selectors.has_place_in_all(user, events),
        filename="mijn-agenda",
    )


@require_GET
def feed_atom(request: HttpRequest) -> HttpResponse:
    events = selectors.upcoming_for_atom(request.user)
    body = ical.atom_bytes(
        events,
        title=_("Agenda Alliantie Kinderarmoede"),
        link=request.build_absolute_uri(reverse("events:agenda")),
        feed_url=request.build_absolute_uri(reverse("events:feed-atom")),
        base_url=_base(request),
    )
    return HttpResponse(body, content_type="application/atom+xml; charset=utf-8")
