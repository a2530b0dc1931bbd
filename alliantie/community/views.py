from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliantie.community import permissions, selectors, services
from alliantie.community.forms import (
    EditPostForm,
    FlagForm,
    GroupForm,
    ModerateForm,
    RemovalForm,
    ReplyForm,
    SearchForm,
    SettingsForm,
    ThreadForm,
)
from alliantie.core import ratelimit
from alliantie.core.robots import noindex
from alliantie.knowledge.attachments import AttachmentRefused, SizeLimitedUploadHandler
from alliantie.partners.selectors import query_without


def _posted(request: HttpRequest):
    """The form data of a POST (also when empty: unticking everything is an answer), None for a GET."""
    return request.POST if request.method == "POST" else None


def _files(request: HttpRequest):
    return request.FILES if request.method == "POST" else None


def _member(request: HttpRequest) -> None:
    permissions.require_member(request.user)
    services.ensure_profile(user=request.user)


def _errors(error: ValidationError) -> str:
    return " ".join(m for ms in getattr(error, "message_dict", {"": error.messages}).values() for m in ms)


def _too_big() -> str:
    return _("Dit bestand is te groot: een bijlage mag hoogstens %(mb)s MB zijn.") % {
        "mb": settings.COMMUNITY_ATTACHMENT_MAX_BYTES // (1024 * 1024)
    }


def _posting_allowed(request: HttpRequest) -> ratelimit.Verdict:
    return ratelimit.hit("community-post", str(request.user.pk), limit=settings.COMMUNITY_POSTS_PER_HOUR, window=3600)


def _limited_message(verdict: ratelimit.Verdict) -> str:
    if verdict.unavailable:
        return str(ratelimit.UNAVAILABLE_MESSAGE)
    return _("U plaatste het afgelopen uur veel berichten. Probeer het straks opnieuw.")


@noindex
@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    _member(request)
    context = {
        **selectors.overview(request.user),
        "form": SearchForm(),
        "can_manage": permissions.can_manage_groups(request.user),
    }
    return render(request, "community/overview.html", context)


@noindex
@login_required
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    _member(request)
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["zoek"] if form.is_valid() else ""
    context = {
        **selectors.search_page(request.user, query, request.GET.get("pagina")),
        "form": form,
        "query_without_page": query_without(request.GET, "pagina"),
    }
    return render(request, "community/search.html", context, status=400 if form.errors else 200)


@noindex
@login_required
@require_GET
def group(request: HttpRequest, group: str) -> HttpResponse:
    _member(request)
    found = permissions.get_group_for_user(request.user, group)
    context = {
        **selectors.group_page(request.user, found, request.GET.get("pagina")),
        "form": ThreadForm(),
        "can_post": permissions.can_post(request.user, found),
        "can_manage": permissions.can_manage_groups(request.user),
        "newest_first": True,
        "query_without_page": "",
    }
    return render(request, "community/group.html", context)


@noindex
@login_required
@require_POST
def group_membership(request: HttpRequest, group: str) -> HttpResponse:
    _member(request)
    found = permissions.get_group_for_user(request.user, group)
    if request.POST.get("actie") == "verlaten":
        services.leave_group(group=found, user=request.user)
        messages.success(request, _("U bent geen lid meer van %(group)s.") % {"group": found.name})
    else:
        services.join_group(group=found, user=request.user)
        messages.success(request, _("U bent lid van %(group)s.") % {"group": found.name})
    return redirect(found)


def _limit_uploads(request: HttpRequest) -> None:
    request.upload_handlers.insert(0, SizeLimitedUploadHandler(request, limit=settings.COMMUNITY_ATTACHMENT_MAX_BYTES))


@csrf_exempt
@noindex
@login_required
@require_http_methods(["GET", "POST"])
def thread_create(request: HttpRequest, group: str) -> HttpResponse:
    if request.method == "POST":
        _limit_uploads(request)  # before anything reads the body; the CSRF check follows
    return _thread_create(request, group)


@csrf_protect
def _thread_create(request: HttpRequest, group: str) -> HttpResponse:
    _member(request)
    found = permissions.get_group_for_user(request.user, group)
    if not permissions.can_post(request.user, found):
        raise PermissionDenied
    form = ThreadForm(_posted(request), _files(request))
    status = 400
    if request.method == "POST" and getattr(request, "upload_too_large", False):
        form.add_error("attachment", _too_big())
    elif request.method == "POST" and form.is_valid():
        verdict = _posting_allowed(request)
        if not verdict:
            form.add_error(None, _limited_message(verdict))
            status = 429
        else:
            data = form.cleaned_data
            try:
                thread = services.start_thread(
                    group=found,
                    author=request.user,
                    kind=data["kind"],
                    title=data["title"],
                    body=data["body"],
                    upload=data["attachment"],
                )
            except AttachmentRefused as refused:
                form.add_error("attachment", str(refused))
            except ValidationError as error:
                form.add_error(None, _errors(error))
            else:
                messages.success(request, _("Uw bericht staat in %(group)s.") % {"group": found.name})
                return redirect(thread)
    context = {"group": found, "form": form}
    return render(request, "community/thread_form.html", context, status=status if form.errors else 200)


@noindex
@login_required
@require_GET
def thread(request: HttpRequest, group: str, thread: int) -> HttpResponse:
    _member(request)
    found = permissions.get_group_for_user(request.user, group)
    shown = permissions.get_thread_for_user(request.user, found, thread)
    page = request.GET.get("pagina")
    context = {
        **selectors.thread_page(request.user, found, shown, page, request.GET.get("bericht")),
        "form": ReplyForm(),
    }
    _moderation_forms(context)
    services.mark_thread_read(user=request.user, thread=shown)
    return render(request, "community/thread.html", context)


def _moderation_forms(context: dict) -> None:
    """One decision form per post for moderators, each with its own field names."""
    if context["can_moderate"]:
        for shown in context["page"].object_list:
            shown.moderate_form = ModerateForm(prefix=f"m{shown.post.pk}")


@csrf_exempt
@noindex
@login_required
@require_POST
def reply(request: HttpRequest, group: str, thread: int) -> HttpResponse:
    _limit_uploads(request)
    return _reply(request, group, thread)


@csrf_protect
def _reply(request: HttpRequest, group: str, thread: int) -> HttpResponse:
    _member(request)
    found = permissions.get_group_for_user(request.user, group)
    shown = permissions.get_thread_for_user(request.user, found, thread)
    if not permissions.can_post(request.user, found, shown):
        raise PermissionDenied
    form = ReplyForm(request.POST, request.FILES)
    status = 400
    if getattr(request, "upload_too_large", False):
        form.add_error("attachment", _too_big())
    elif form.is_valid():
        verdict = _posting_allowed(request)
        if not verdict:
            form.add_error(None, _limited_message(verdict))
            status = 429
        else:
            data = form.cleaned_data
            reply_to = permissions.get_reply_target(shown, data["reply_to"])
            try:
                post = services.reply(
                    thread=shown, author=request.user, body=data["body"], upload=data["attachment"], reply_to=reply_to
                )
            except AttachmentRefused as refused:
                form.add_error("attachment", str(refused))
            except ValidationError as error:
                form.add_error(None, _errors(error))
            else:
                messages.success(request, _("Uw reactie is geplaatst."))
                return redirect(post.get_absolute_url())
    context = {**selectors.thread_page(request.user, found, shown, "last", None), "form": form}
    _moderation_forms(context)
    return render(request, "community/thread.html", context, status=status)


@noindex
@login_required
@require_POST
def accept_answer(request: HttpRequest, group: str, thread: int, post: int) -> HttpResponse:
    _member(request)
    found = permissions.get_group_for_user(request.user, group)
    shown = permissions.get_thread_for_user(request.user, found, thread)
    if not permissions.can_accept_answer(request.user, shown):
        raise PermissionDenied
    answer = permissions.get_post_for_user(request.user, post)
    try:
        services.accept_answer(thread=shown, post=answer, accepted_by=request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, _("Dit antwoord staat nu bovenaan als het antwoord dat hielp."))
    return redirect(shown)


@noindex
@login_required
@require_POST
def to_knowledge(request: HttpRequest, group: str, thread: int) -> HttpResponse:
    _member(request)
    found = permissions.get_group_for_user(request.user, group)
    shown = permissions.get_thread_for_user(request.user, found, thread)
    if not permissions.can_turn_into_knowledge(request.user):
        raise PermissionDenied
    try:
        item = services.turn_into_knowledge(thread=shown, by=request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
        return redirect(shown)
    messages.success(
        request,
        _(
            "Er is een concept in de kennisbank gemaakt (alleen voor partners). Lees het na, pas het aan en "
            "publiceer het."
        ),
    )
    return redirect(item)


@noindex
@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request: HttpRequest, post: int) -> HttpResponse:
    _member(request)
    found = permissions.get_post_for_editing(request.user, post)
    form = EditPostForm(_posted(request), initial={"body": services.body_for_editing(found)})
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_post(post=found, editor=request.user, body=form.cleaned_data["body"])
        except ValidationError as error:
            form.add_error(None, _errors(error))
        else:
            messages.success(request, _("Uw bericht is gewijzigd."))
            return redirect(found.get_absolute_url())
    return render(
        request, "community/post_edit.html", {"post": found, "form": form}, status=400 if form.errors else 200
    )


@noindex
@login_required
@require_http_methods(["GET", "POST"])
def post_flag(request: HttpRequest, post: int) -> HttpResponse:
    _member(request)
    found = permissions.get_post_for_user(request.user, post)
    if not permissions.can_flag(request.user, found):
        raise PermissionDenied
    form = FlagForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.flag_post(post=found, flagged_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, _errors(error))
        else:
            messages.success(request, _("Dank u. Een moderator kijkt naar het bericht."))
            return redirect(found.thread)
    people, organisations = selectors.names_for([found.body])
    context = {"post": found, "form": form, "html": selectors.text.render(found.body, people, organisations)}
    return render(request, "community/post_flag.html", context, status=400 if form.errors else 200)


@noindex
@login_required
@require_POST
def post_moderate(request: HttpRequest, post: int) -> HttpResponse:
    _member(request)
    found = permissions.get_post_for_moderation(request.user, post)
    form = ModerateForm(request.POST, prefix=f"m{found.pk}")
    if not form.is_valid():
        messages.error(request, _("Kies een besluit."))
        return redirect("community:moderation")
    try:
        services.moderate_post(post=found, moderator=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, _("Het besluit is vastgelegd."))
    if request.POST.get("terug") == "gesprek":
        return redirect(found.get_absolute_url())
    return redirect("community:moderation")


@noindex
@login_required
@require_GET
def moderation(request: HttpRequest) -> HttpResponse:
    _member(request)
    if not permissions.can_moderate_anything(request.user):
        raise PermissionDenied
    context = {
        **selectors.moderation_page(request.user, request.GET.get("pagina")),
        "removal_form": RemovalForm(),
        "query_without_page": "",
    }
    for post in context["page"].object_list:
        post.moderate_form = ModerateForm(prefix=f"m{post.pk}")
    return render(request, "community/moderation.html", context)


@noindex
@login_required
@require_POST
def member_remove(request: HttpRequest) -> HttpResponse:
    _member(request)
    if not permissions.can_remove_members(request.user):
        raise PermissionDenied
    form = RemovalForm(request.POST)
    person = selectors.removable_user(form.data.get("email", "")) if form.is_valid() else None
    if form.is_valid() and person is None:
        form.add_error("email", _("Er is geen actief account met dit e-mailadres."))
    if form.is_valid():
        try:
            services.remove_member(user=person, removed_by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, _errors(error))
        else:
            messages.success(request, _("%(name)s is uit de community verwijderd.") % {"name": person.name})
            return redirect("community:moderation")
    context = {**selectors.moderation_page(request.user, 1), "removal_form": form, "query_without_page": ""}
    for post in context["page"].object_list:
        post.moderate_form = ModerateForm(prefix=f"m{post.pk}")
    return render(request, "community/moderation.html", context, status=400)


@noindex
@login_required
@require_POST
def removal_lift(request: HttpRequest, pk: int) -> HttpResponse:
    _member(request)
    removal = permissions.get_removal_for_user(request.user, pk)
    services.lift_removal(removal=removal, lifted_by=request.user)
    messages.success(request, _("%(name)s mag weer in de community.") % {"name": removal.user.name})
    return redirect("community:moderation")


@noindex
@login_required
@require_GET
def notifications(request: HttpRequest) -> HttpResponse:
    _member(request)
    context = {
        **selectors.notifications_page(request.user, request.GET.get("pagina")),
        "newest_first": True,
        "query_without_page": "",
    }
    return render(request, "community/notifications.html", context)


@noindex
@login_required
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    _member(request)
    services.mark_all_read(user=request.user)
    messages.success(request, _("Alle meldingen staan op gelezen."))
    return redirect("community:notifications")


@noindex
@login_required
@require_http_methods(["GET", "POST"])
def email_settings(request: HttpRequest) -> HttpResponse:
    _member(request)
    current = selectors.settings_page(request.user)
    initial = {"default_frequency": current["profile"].default_frequency if current["profile"] else "never"}
    form = SettingsForm(_posted(request), members=current["members"], initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_email_settings(
                user=request.user,
                default_frequency=form.cleaned_data["default_frequency"],
                frequencies=form.frequencies(),
                consent_given=form.cleaned_data["consent"],
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Uw instellingen zijn opgeslagen."))
            return redirect("community:settings")
    context = {**current, "form": form}
    return render(request, "community/settings.html", context, status=400 if form.errors else 200)


@csrf_exempt  # RFC 8058: the mail program POSTs without cookies; the token in the address is the authorisation
@noindex
@require_http_methods(["GET", "POST"])
def email_stop(request: HttpRequest, token: str) -> HttpResponse:
    """The link under every community mail: a POST stops the mail at once; a GET shows the button."""
    person = permissions.get_person_for_email_token(token)
    if person is None:
        return render(request, "community/link_invalid.html", status=404)
    if request.method == "POST":
        services.stop_email(user=person, how="afmeldlink in een mail van de community")
        return render(request, "community/email_stopped.html")
    return render(request, "community/email_stop.html", {"person": person})


@noindex
@login_required
@require_GET
def attachment(request: HttpRequest, pk: int) -> HttpResponse:
    _member(request)
    found = permissions.get_attachment_for_user(request.user, pk)
    response = FileResponse(found.file.open("rb"), as_attachment=True, filename=found.filename)
    response["Content-Type"] = found.content_type
    return response


@noindex
@login_required
@require_http_methods(["GET", "POST"])
def group_create(request: HttpRequest) -> HttpResponse:
    _member(request)
    if not permissions.can_manage_groups(request.user):
        raise PermissionDenied
    form = GroupForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            created = services.save_group(saved_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, _errors(error))
        else:
            messages.success(request, _("De groep %(name)s is gemaakt.") % {"name": created.name})
            return redirect(created)
    return render(request, "community/group_form.html", {"form": form}, status=400 if form.errors else 200)


@noindex
@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request: HttpRequest, group: str) -> HttpResponse:
    _member(request)
    found = permissions.get_group_for_user(request.user, group)
    if not permissions.can_manage_groups(request.user):
        raise PermissionDenied
    form = GroupForm(_posted(request), initial=GroupForm.initial_for(found))
    if request.method == "POST" and form.is_valid():
        try:
            services.save_group(saved_by=request.user, group=found, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, _errors(error))
        else:
            messages.success(request, _("De groep is opgeslagen."))
            return redirect(found)
    return render(
        request, "community/group_form.html", {"form": form, "group": found}, status=400 if form.errors else 200
    )
