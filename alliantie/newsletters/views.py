from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import feedgenerator, timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliantie.core import ratelimit
from alliantie.core.robots import noindex
from alliantie.newsletters import bounces, links, permissions, rendering, selectors, services
from alliantie.newsletters.forms import (
    AccountSubscribeForm,
    BlockForm,
    EditionForm,
    InterestsForm,
    SegmentForm,
    SendForm,
    SubscribeForm,
    SubscriberSearchForm,
)
from alliantie.partners.selectors import query_without


def _posted(request: HttpRequest):
    """The form data of a POST (also when empty: unticking everything is an answer), None for a GET."""
    return request.POST if request.method == "POST" else None


SUBSCRIBED = gettext_lazy(
    "Bijna klaar: kijk in uw mail en bevestig uw aanmelding met de link. Geen mail gekregen? Kijk ook bij "
    "ongewenste mail."
)


def _feeds(request: HttpRequest) -> dict:
    return {
        "atom_feed_url": request.build_absolute_uri(reverse("newsletters:feed-atom")),
        "rss_feed_url": request.build_absolute_uri(reverse("newsletters:feed-rss")),
    }


# -- subscribing ----------------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    form = SubscribeForm(_posted(request))
    limited = False
    if request.method == "POST" and form.is_valid():
        verdict = ratelimit.hit(
            "newsletter-subscribe",
            ratelimit.client_ip(request),
            limit=settings.NEWSLETTER_SUBSCRIBES_PER_HOUR,
            window=3600,
        )
        if verdict:
            services.subscribe(
                email=form.cleaned_data["email"],
                language=get_language() or "nl",
                base_url=links.site(),
                **form.interests(),
            )
            messages.success(request, SUBSCRIBED)
            return redirect("newsletters:subscribe")
        limited = True
        form.add_error(
            None,
            ratelimit.UNAVAILABLE_MESSAGE
            if verdict.unavailable
            else _("Vanaf uw adres is vaak aangemeld. Probeer het over een uur opnieuw."),
        )
    context = {"form": form, "latest": selectors.sent_editions().first(), **_feeds(request)}
    status = 429 if limited else 400 if form.errors else 200
    return render(request, "newsletters/subscribe.html", context, status=status)


@noindex
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the confirmation mail. A GET only asks (mail scanners open links); the button confirms."""
    try:
        subscriber, nonce = permissions.get_subscriber_for_confirmation(token)
    except links.LinkExpired:
        return render(request, "newsletters/link_expired.html", status=410)
    if subscriber is None:
        return render(request, "newsletters/link_invalid.html", status=404)
    if request.method == "POST":
        try:
            services.confirm_subscription(subscriber=subscriber, nonce=nonce)
        except services.ConfirmationRefused as refused:
            return render(request, "newsletters/link_used.html", {"reason": str(refused)}, status=410)
        messages.success(request, _("Uw aanmelding is bevestigd. U krijgt de volgende nieuwsbrief."))
        return redirect("newsletters:preferences", token=links.subscriber_token(subscriber))
    if not subscriber.confirm_nonce or subscriber.confirm_nonce != nonce:
        return render(request, "newsletters/link_used.html", {"subscriber": subscriber}, status=410)
    return render(request, "newsletters/confirm.html", {"subscriber": subscriber})


@noindex
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest, token: str) -> HttpResponse:
    """Reachable from every mail without logging in: what the subscriber reads about, unsubscribing, forgetting."""
    subscriber = permissions.get_subscriber_for_token(token)
    if subscriber is None:
        return render(request, "newsletters/link_invalid.html", status=404)
    own = selectors.own_subscription(subscriber)
    form = InterestsForm(_posted(request), initial=own["initial"])
    if request.method == "POST" and form.is_valid():
        services.update_preferences(subscriber=subscriber, **form.interests())
        messages.success(request, _("Uw voorkeuren zijn opgeslagen."))
        return redirect("newsletters:preferences", token=token)
    context = {**own, "form": form, "token": token}
    return render(request, "newsletters/preferences.html", context, status=400 if form.errors else 200)


@csrf_exempt  # RFC 8058: the mail program POSTs without cookies; the token in the address is the authorisation
@noindex
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One-click unsubscribe (RFC 8058): a POST unsubscribes at once, without login or a page in between; a GET (a
    person following the link in the mail, or a link scanner) shows the button."""
    if token == rendering.TEST_TOKEN:
        return render(request, "newsletters/test_link.html")
    subscriber = permissions.get_subscriber_for_token(token)
    if subscriber is None:
        return render(request, "newsletters/link_invalid.html", status=404)
    if request.method == "POST":
        services.unsubscribe(subscriber=subscriber, how="afmeldlink (één klik)")
        return render(request, "newsletters/unsubscribed.html", {"token": token})
    return render(request, "newsletters/unsubscribe.html", {"subscriber": subscriber, "token": token})


@noindex
@require_POST
def forget(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = permissions.get_subscriber_for_token(token)
    if subscriber is None:
        return render(request, "newsletters/link_invalid.html", status=404)
    services.forget_subscriber(subscriber=subscriber)
    return render(request, "newsletters/forgotten.html")


@login_required
@require_http_methods(["GET", "POST"])
def mine(request: HttpRequest) -> HttpResponse:
    """A partner member manages the newsletter from their account: subscribe their own address at once (the account
    proved it), change what they read about, or unsubscribe."""
    subscriber = permissions.own_subscriber(request.user)
    own = selectors.own_subscription(subscriber)
    active = subscriber is not None and subscriber.is_active
    form_class = InterestsForm if active else AccountSubscribeForm
    form = form_class(_posted(request), initial=own.get("initial"))
    if request.method == "POST" and request.POST.get("actie") == "afmelden" and active:
        services.unsubscribe(subscriber=subscriber, how="eigen account", actor=request.user)
        messages.success(request, _("U bent afgemeld voor de nieuwsbrief."))
        return redirect("newsletters:mine")
    if request.method == "POST" and form.is_valid():
        if active:
            services.update_preferences(subscriber=subscriber, actor=request.user, **form.interests())
            messages.success(request, _("Uw voorkeuren zijn opgeslagen."))
        else:
            services.subscribe(
                email=request.user.email, user=request.user, language=get_language() or "nl", **form.interests()
            )
            messages.success(request, _("U bent aangemeld voor de nieuwsbrief."))
        return redirect("newsletters:mine")
    context = {**own, "form": form, "active": active}
    return render(request, "newsletters/mine.html", context, status=400 if form.errors else 200)


# -- the archive ----------------------------------------------------------------------------------------------------


@require_GET
def archive(request: HttpRequest) -> HttpResponse:
    context = {
        **selectors.archive_page(request.GET.get("pagina")),
        **_feeds(request),
        "newest_first": True,
        "query_without_page": query_without(request.GET, "pagina"),
    }
    return render(request, "newsletters/archive.html", context)


@require_GET
def edition_public(request: HttpRequest, number: int) -> HttpResponse:
    edition = permissions.get_public_edition(number)
    return render(request, "newsletters/edition_public.html", {**selectors.public_edition(edition), **_feeds(request)})


def _feed(request: HttpRequest, feed_class) -> HttpResponse:
    base = links.site(request.build_absolute_uri("/"))
    feed = feed_class(
        title=_("Nieuwsbrief Alliantie Kinderarmoede"),
        link=base + reverse("newsletters:archive"),
        description=_("Alle nieuwsbrieven van de Alliantie Kinderarmoede"),
        language="nl",
        feed_url=request.build_absolute_uri(),
        feed_guid=base + reverse("newsletters:archive"),
    )
    for edition in selectors.feed_editions():
        url = base + edition.get_absolute_url()
        feed.add_item(
            title=_("Nieuwsbrief %(number)s: %(title)s") % {"number": edition.number, "title": edition.title},
            link=url,
            description=rendering.feed_summary(edition),
            unique_id=url,
            unique_id_is_permalink=True,
            pubdate=edition.sent_at,
            updateddate=edition.sent_at,
        )
    return HttpResponse(feed.writeString("utf-8"), content_type=f"{feed.content_type}")


@require_GET
def feed_atom(request: HttpRequest) -> HttpResponse:
    return _feed(request, feedgenerator.Atom1Feed)


@require_GET
def feed_rss(request: HttpRequest) -> HttpResponse:
    return _feed(request, feedgenerator.Rss201rev2Feed)


# -- the team's composer --------------------------------------------------------------------------------------------


@login_required
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    permissions.require_team(request.user)
    return render(request, "newsletters/manage.html", {**selectors.manage_overview(), "form": EditionForm()})


@login_required
@require_POST
def edition_create(request: HttpRequest) -> HttpResponse:
    permissions.require_team(request.user)
    form = EditionForm(request.POST)
    if not form.is_valid():
        context = {**selectors.manage_overview(), "form": form}
        return render(request, "newsletters/manage.html", context, status=400)
    edition = services.create_edition(created_by=request.user, **form.cleaned_data)
    messages.success(
        request, _("De editie is gemaakt met %(n)s voorstellen van het platform.") % {"n": edition.blocks.count()}
    )
    return redirect("newsletters:edition-edit", pk=edition.pk)


def _composer(request: HttpRequest, edition, *, form=None, block_forms=None, new_block=None, status=200):
    context = selectors.edition_detail(edition)
    blocks = context["blocks"]
    block_forms = block_forms or {}
    context["block_rows"] = [
        (block, block_forms.get(block.pk) or BlockForm(prefix=f"b{block.pk}", initial=_block_initial(block)))
        for block in blocks
    ]
    context["form"] = form or SegmentForm(initial=SegmentForm.initial_for(context["edition"]))
    context["new_block"] = new_block or BlockForm(prefix="nieuw")
    return render(request, "newsletters/edition_edit.html", context, status=status)


def _block_initial(block) -> dict:
    return {"title": block.title, "body": block.body, "url": block.url}


@login_required
@require_http_methods(["GET", "POST"])
def edition_edit(request: HttpRequest, pk: int) -> HttpResponse:
    edition = permissions.get_edition_for_user(request.user, pk)
    if request.method == "GET":
        return _composer(request, edition)
    form = SegmentForm(request.POST)
    if form.is_valid():
        try:
            services.save_edition(edition=edition, saved_by=request.user, **form.edition_data())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De editie is opgeslagen."))
            return redirect("newsletters:edition-edit", pk=edition.pk)
    return _composer(request, edition, form=form, status=400)


@login_required
@require_POST
def block_edit(request: HttpRequest, pk: int, block_pk: int) -> HttpResponse:
    edition = permissions.get_edition_for_user(request.user, pk)
    block = permissions.get_block_for_user(request.user, edition, block_pk)
    form = BlockForm(request.POST, prefix=f"b{block.pk}")
    if form.is_valid():
        try:
            services.save_block(block=block, saved_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Het blok “%(title)s” is opgeslagen.") % {"title": block.title})
            return redirect(f"{reverse('newsletters:edition-edit', kwargs={'pk': edition.pk})}#blok-{block.pk}")
    return _composer(request, edition, block_forms={block.pk: form}, status=400)


@login_required
@require_POST
def block_action(request: HttpRequest, pk: int, block_pk: int) -> HttpResponse:
    """Move a block up or down, or remove it."""
    edition = permissions.get_edition_for_user(request.user, pk)
    block = permissions.get_block_for_user(request.user, edition, block_pk)
    action = request.POST.get("actie")
    try:
        if action in ("omhoog", "omlaag"):
            services.move_block(block=block, up=action == "omhoog", moved_by=request.user)
        elif action == "verwijderen":
            services.remove_block(block=block, removed_by=request.user)
            messages.success(request, _("Het blok “%(title)s” is weggehaald.") % {"title": block.title})
        else:
            messages.error(request, _("Kies wat er met het blok moet gebeuren."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("newsletters:edition-edit", pk=edition.pk)


@login_required
@require_POST
def block_add(request: HttpRequest, pk: int) -> HttpResponse:
    edition = permissions.get_edition_for_user(request.user, pk)
    form = BlockForm(request.POST, prefix="nieuw")
    if form.is_valid():
        try:
            services.add_free_block(edition=edition, added_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Het blok is toegevoegd."))
            return redirect("newsletters:edition-edit", pk=edition.pk)
    return _composer(request, edition, new_block=form, status=400)


@login_required
@require_POST
def proposals_refresh(request: HttpRequest, pk: int) -> HttpResponse:
    edition = permissions.get_edition_for_user(request.user, pk)
    try:
        added = services.refresh_proposals(edition=edition, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(n)s nieuwe voorstellen toegevoegd.") % {"n": added})
    return redirect("newsletters:edition-edit", pk=edition.pk)


@login_required
@require_GET
def edition_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The edition as its web version will look (the mail has the same text)."""
    edition = permissions.get_edition_for_user(request.user, pk)
    context = {"edition": edition, "blocks": list(edition.blocks.all()), "preview": True}
    return render(request, "newsletters/edition_public.html", context)


@login_required
@require_POST
def edition_test(request: HttpRequest, pk: int) -> HttpResponse:
    edition = permissions.get_edition_for_user(request.user, pk)
    services.send_test(edition=edition, to=request.user)
    messages.success(request, _("Een test is onderweg naar %(email)s.") % {"email": request.user.email})
    target = "newsletters:edition-send" if request.POST.get("terug") == "versturen" else "newsletters:edition-edit"
    return redirect(target, pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def edition_send(request: HttpRequest, pk: int) -> HttpResponse:
    """Who it reaches (the count and a sample), a test, and sending: now, or at a planned moment."""
    edition = permissions.get_edition_for_user(request.user, pk)
    form = SendForm(_posted(request), initial={"scheduled_for": edition.scheduled_for})
    if request.method == "POST" and form.is_valid():
        try:
            edition = services.submit_edition(
                edition=edition, submitted_by=request.user, scheduled_for=form.cleaned_data["scheduled_for"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _SUBMITTED[edition.status])
            if edition.status == edition.Status.SENDING and edition.job_id:
                return redirect("backoffice:job-detail", job_id=edition.job_id)
            return redirect("newsletters:edition-send", pk=edition.pk)
    context = {
        **selectors.edition_detail(edition),
        "preview": selectors.recipient_preview(edition),
        "form": form,
        "to_everyone": services.is_to_everyone(edition),
        "can_confirm": permissions.can_confirm_edition(request.user, edition),
    }
    return render(request, "newsletters/edition_send.html", context, status=400 if form.errors else 200)


_SUBMITTED = {
    "awaiting": gettext_lazy(
        "De editie gaat naar alle abonnees: een tweede lid van het projectteam moet haar nu bevestigen."
    ),
    "scheduled": gettext_lazy("De editie is ingepland."),
    "sending": gettext_lazy("De editie wordt verstuurd."),
}


@login_required
@require_POST
def edition_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    edition = permissions.get_edition_for_user(request.user, pk)
    try:
        edition = services.confirm_edition(edition=edition, confirmed_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("newsletters:edition-send", pk=edition.pk)
    messages.success(request, _SUBMITTED[edition.status])
    if edition.status == edition.Status.SENDING and edition.job_id:
        return redirect("backoffice:job-detail", job_id=edition.job_id)
    return redirect("newsletters:edition-send", pk=edition.pk)


@login_required
@require_POST
def edition_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    edition = permissions.get_edition_for_user(request.user, pk)
    try:
        edition = services.cancel_edition(edition=edition, cancelled_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Het versturen is gestopt; wat nog wachtte gaat niet meer weg.")
            if edition.status == edition.Status.CANCELLED
            else _("De editie is weer een concept."),
        )
    return redirect("newsletters:edition-edit", pk=edition.pk)


@login_required
@require_GET
def subscribers(request: HttpRequest) -> HttpResponse:
    permissions.require_team(request.user)
    form = SubscriberSearchForm(request.GET or None)
    query = form.cleaned_data["zoek"] if form.is_valid() else ""
    context = {
        **selectors.subscriber_page(query, request.GET.get("pagina")),
        "form": form,
        "query_without_page": query_without(request.GET, "pagina"),
    }
    return render(request, "newsletters/subscribers.html", context)


@login_required
@require_GET
def holds(request: HttpRequest) -> HttpResponse:
    permissions.require_team(request.user)
    context = {**selectors.holds_page(request.GET.get("pagina")), "query_without_page": ""}
    return render(request, "newsletters/holds.html", context)


@login_required
@require_POST
def hold_release(request: HttpRequest, pk: int) -> HttpResponse:
    hold = permissions.get_hold_for_user(request.user, pk)
    services.release_hold(hold=hold, released_by=request.user)
    messages.success(request, _("%(email)s krijgt weer mail.") % {"email": hold.email})
    return redirect("newsletters:holds")


@csrf_exempt  # called by the mail provider, which proves itself with the shared secret
@require_POST
def bounce_webhook(request: HttpRequest) -> HttpResponse:
    """Bounces reported by the mail provider: a DSN or JSON (see bounces.handle_webhook)."""
    if not permissions.webhook_is_on():
        return JsonResponse({"detail": "De webhook voor bounces staat uit."}, status=404)
    if not permissions.webhook_caller_is_trusted(request.headers.get("Authorization", "")):
        return JsonResponse({"detail": "Geen geldige sleutel."}, status=401, headers={"WWW-Authenticate": "Bearer"})
    try:
        recorded = bounces.handle_webhook(request.body, request.META.get("CONTENT_TYPE", ""))
    except bounces.WebhookRefused as refused:
        return JsonResponse({"detail": str(refused)}, status=400)
    return JsonResponse({"vastgelegd": recorded, "tijd": timezone.now().isoformat()}, status=202)
