from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliantie.events import permissions as event_permissions
from alliantie.knowledge import permissions, selectors, services
from alliantie.knowledge.attachments import AttachmentRefused, SizeLimitedUploadHandler
from alliantie.knowledge.forms import (
    AttachmentForm,
    CollectionAddForm,
    CollectionForm,
    ConsentForm,
    ItemForm,
    ReportForm,
    SearchForm,
    StatusForm,
    WithdrawConsentForm,
)
from alliantie.partners.selectors import query_without


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["zoek"] if form.is_bound and form.is_valid() else ""
    filters = selectors.SearchFilters(
        query=query,
        kind=request.GET.get("soort", "")[:40],
        source=request.GET.get("bron", "")[:12],
        challenge=request.GET.get("opgave", "")[:80],
        line=request.GET.get("lijn", "")[:12],
        sector=request.GET.get("sector", "")[:60],
    )
    context = {
        **selectors.search(request.user, filters, request.GET.get("pagina")),
        "form": form,
        "filters": filters,
        "collections": selectors.collection_list(),
        "can_contribute": permissions.can_contribute(request.user),
        "can_review": permissions.can_review(request.user),
        "query_without_page": query_without(request.GET, "pagina"),
    }
    return render(request, "knowledge/search.html", context, status=400 if form.errors else 200)


@require_GET
def item_detail(request: HttpRequest, slug: str) -> HttpResponse:
    item = permissions.get_item_for_user(request.user, slug)
    context = {
        **selectors.item_detail(request.user, item),
        "attachment_form": AttachmentForm(),
        "consent_form": ConsentForm(),
        "status_form": StatusForm(),
    }
    return render(request, "knowledge/item_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def item_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_contribute(request.user):
        raise PermissionDenied
    activity = selectors.activity_for_prefill(request.user, request.GET.get("activiteit"))
    initial = selectors.prefill_from_activity(activity) if activity else {}
    form = ItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.save_item(data=form.item_data(), saved_by=request.user, activity=activity)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Uw bijdrage is opgeslagen als concept. Voeg bijlagen toe en dien haar in."))
            return redirect(item)
    context = {"form": form, "activity": activity}
    return render(request, "knowledge/item_form.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, slug: str) -> HttpResponse:
    item = permissions.get_item_for_user(request.user, slug, write=True)
    form = ItemForm(request.POST or None, initial=ItemForm.initial_for(item))
    if request.method == "POST" and form.is_valid():
        try:
            services.save_item(data=form.item_data(), saved_by=request.user, item=item)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect(item)
    context = {"form": form, "item": item}
    return render(request, "knowledge/item_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def item_status(request: HttpRequest, slug: str) -> HttpResponse:
    """Submit (authors), or publish, send back and withdraw (the team)."""
    item = permissions.get_item_for_user(request.user, slug)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies wat er met het item moet gebeuren."))
        return redirect(item)
    action, note = form.cleaned_data["action"], form.cleaned_data["note"]
    if action == "indienen" and not permissions.can_submit_item(request.user, item):
        raise PermissionDenied
    if action != "indienen" and not permissions.can_review(request.user):
        raise PermissionDenied
    base_url = request.build_absolute_uri("/")
    try:
        if action == "indienen":
            services.submit_item(item=item, submitted_by=request.user, base_url=base_url)
        elif action == "publiceren":
            services.publish_item(item=item, published_by=request.user)
        elif action == "terugsturen":
            services.return_item(item=item, returned_by=request.user, note=note, base_url=base_url)
        else:
            services.withdraw_item(item=item, withdrawn_by=request.user, reason=note)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, DONE[action])
    return redirect(item)


DONE = {
    "indienen": _("Ingediend: het projectteam bekijkt uw bijdrage."),
    "publiceren": _("Gepubliceerd: het item staat in de kennisbank en is te vinden."),
    "terugsturen": _("Teruggestuurd naar de auteurs met uw opmerking."),
    "intrekken": _("Ingetrokken: het item is nergens meer te zien."),
}


def _limit_uploads(request: HttpRequest) -> None:
    request.upload_handlers.insert(0, SizeLimitedUploadHandler(request))


@csrf_exempt
@login_required
@require_POST
def attachment_add(request: HttpRequest, slug: str) -> HttpResponse:
    _limit_uploads(request)  # before anything reads the body; the CSRF check follows in _attachment_add
    return _attachment_add(request, slug)


@csrf_protect
def _attachment_add(request: HttpRequest, slug: str) -> HttpResponse:
    item = permissions.get_item_for_user(request.user, slug, write=True)
    form = AttachmentForm(request.POST, request.FILES)
    if getattr(request, "upload_too_large", False):
        form.add_error("file", _("Dit bestand is te groot: een bijlage mag hoogstens 20 MB zijn."))
    elif form.is_valid():
        try:
            services.add_attachment(item=item, upload=form.cleaned_data["file"], uploaded_by=request.user)
        except AttachmentRefused as refused:
            form.add_error("file", str(refused))
        else:
            messages.success(request, _("De bijlage is toegevoegd; de tekst ervan is doorzoekbaar."))
            return redirect(item)
    context = {
        **selectors.item_detail(request.user, item),
        "attachment_form": form,
        "consent_form": ConsentForm(),
        "status_form": StatusForm(),
    }
    return render(request, "knowledge/item_detail.html", context, status=400)


@require_GET
def attachment_download(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    item = permissions.get_item_for_user(request.user, slug)
    attachment = permissions.get_attachment_for_user(request.user, item, pk)
    response = FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.filename)
    response["Content-Type"] = attachment.content_type
    return response


@login_required
@require_POST
def attachment_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    item = permissions.get_item_for_user(request.user, slug, write=True)
    attachment = permissions.get_attachment_for_user(request.user, item, pk)
    services.remove_attachment(attachment=attachment, removed_by=request.user)
    messages.success(request, _("De bijlage is verwijderd."))
    return redirect(item)


@login_required
@require_POST
def consent_record(request: HttpRequest, slug: str) -> HttpResponse:
    item = permissions.get_item_for_user(request.user, slug)
    if not permissions.can_review(request.user):
        raise PermissionDenied
    form = ConsentForm(request.POST)
    if form.is_valid():
        try:
            services.record_consent(item=item, recorded_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De toestemming is vastgelegd."))
            return redirect(item)
    context = {
        **selectors.item_detail(request.user, item),
        "attachment_form": AttachmentForm(),
        "consent_form": form,
        "status_form": StatusForm(),
    }
    return render(request, "knowledge/item_detail.html", context, status=400)


@login_required
@require_POST
def consent_withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    item = permissions.get_item_for_user(request.user, slug)
    consent = permissions.get_consent_for_user(request.user, item, pk)
    form = WithdrawConsentForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    services.withdraw_consent(consent=consent, withdrawn_by=request.user, note=note)
    messages.success(
        request,
        _("De toestemming is ingetrokken. Zonder andere geldige toestemming is het verhaal nergens meer te zien."),
    )
    return redirect(item)


@login_required
@require_GET
def review_list(request: HttpRequest) -> HttpResponse:
    if not permissions.can_review(request.user):
        raise PermissionDenied
    return render(request, "knowledge/review_list.html", {"items": selectors.review_queue()})


@login_required
@require_GET
def my_contributions(request: HttpRequest) -> HttpResponse:
    if not permissions.can_contribute(request.user):
        raise PermissionDenied
    return render(request, "knowledge/my_contributions.html", {"items": selectors.my_contributions(request.user)})


@require_GET
def collection_detail(request: HttpRequest, slug: str) -> HttpResponse:
    collection = permissions.get_collection_for_user(request.user, slug)
    return render(request, "knowledge/collection_detail.html", selectors.collection_detail(request.user, collection))


@login_required
@require_http_methods(["GET", "POST"])
def collection_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_manage_collections(request.user):
        raise PermissionDenied
    form = CollectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        collection = services.save_collection(saved_by=request.user, **form.cleaned_data)
        messages.success(request, _("De collectie is gemaakt. Voeg er items aan toe."))
        return redirect("knowledge:collection-edit", slug=collection.slug)
    return render(request, "knowledge/collection_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def collection_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Add items (found by title), move them up or down, remove them."""
    collection = permissions.get_collection_for_user(request.user, slug, write=True)
    if request.method == "POST":
        action, entry = request.POST.get("actie", ""), request.POST.get("onderdeel", "")
        try:
            if action == "toevoegen":
                form = CollectionAddForm(request.POST)
                item = (
                    permissions.visible_items(request.user).filter(pk=form.data.get("item") or 0).first()
                    if form.is_valid()
                    else None
                )
                if item is None:
                    raise ValidationError(_("Kies een item uit de lijst."))
                services.add_to_collection(collection=collection, item=item, added_by=request.user)
            elif action in ("omhoog", "omlaag") and entry.isdigit():
                services.move_in_collection(
                    collection=collection, entry_id=int(entry), up=action == "omhoog", moved_by=request.user
                )
            elif action == "verwijderen" and entry.isdigit():
                services.remove_from_collection(collection=collection, entry_id=int(entry), removed_by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("knowledge:collection-edit", slug=collection.slug)
    query = request.GET.get("zoek", "")[:100]
    context = {
        **selectors.collection_detail(request.user, collection),
        "query": query,
        "found": selectors.items_for_collection(request.user, query),
    }
    return render(request, "knowledge/collection_edit.html", context)


@csrf_exempt
@login_required
@require_http_methods(["GET", "POST"])
def event_report(request: HttpRequest, slug: str) -> HttpResponse:
    if request.method == "POST":
        _limit_uploads(request)
    return _event_report(request, slug)


@csrf_protect
def _event_report(request: HttpRequest, slug: str) -> HttpResponse:
    """After an event its organiser records what was shared and learned; it becomes a kennisbank item (verslag)."""
    event = event_permissions.get_event_for_user(request.user, slug, manage=True)
    form = ReportForm(request.POST or None, request.FILES or None, initial=selectors.report_initial(event))
    if request.method == "POST" and getattr(request, "upload_too_large", False):
        form.add_error("slides", _("Dit bestand is te groot: een bijlage mag hoogstens 20 MB zijn."))
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.record_event_report(
                event=event,
                written_by=request.user,
                summary=data["summary"],
                shared=data["shared"],
                lessons=data["lessons"],
                slides=data["slides"],
            )
        except AttachmentRefused as refused:
            form.add_error("slides", str(refused))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            done = (
                _("Het verslag staat in de kennisbank.")
                if item.status == item.Status.PUBLISHED
                else _("Het verslag is ingediend; het projectteam publiceert het.")
            )
            messages.success(request, done)
            return redirect(item)
    return render(
        request, "knowledge/report_form.html", {"form": form, "event": event}, status=400 if form.errors else 200
    )
