from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliantie.marketplace import permissions, selectors, services
from alliantie.marketplace.forms import (
    AnswerForm,
    CloseForm,
    DigestForm,
    IntroduceForm,
    MarketplaceFilterForm,
    OutcomeForm,
    PostForm,
)
from alliantie.partners.selectors import query_without


@login_required
@require_GET
def post_list(request: HttpRequest) -> HttpResponse:
    if not permissions.can_use_marketplace(request.user):
        raise PermissionDenied
    form = MarketplaceFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    context = {
        **selectors.post_list(request.user, data, request.GET.get("pagina")),
        "form": form,
        "can_post": permissions.posting_organisations(request.user).exists(),
        "digests": selectors.digest_choices(request.user),
        "query_without_page": query_without(request.GET, "pagina"),
    }
    return render(request, "marketplace/post_list.html", context, status=400 if form.errors else 200)


def _save(request: HttpRequest, form: PostForm, post=None) -> HttpResponse | None:
    data = form.cleaned_data
    try:
        saved = services.save_post(
            organisation=post.organisation if post else data["organisation"],
            saved_by=request.user,
            kind=data["kind"],
            title=data["title"],
            body=data["body"],
            help_types=data["help_types"],
            challenges=data["challenges"],
            municipalities=data["municipalities"],
            provinces=data["provinces"],
            open_until=data["open_until"],
            post=post,
        )
    except ValidationError as error:
        form.add_error(None, error)
        return None
    messages.success(request, _("Uw bericht staat op de marktplaats."))
    return redirect(saved)


@login_required
@require_http_methods(["GET", "POST"])
def post_create(request: HttpRequest) -> HttpResponse:
    organisations = permissions.posting_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied
    form = PostForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        done = _save(request, form)
        if done:
            return done
    return render(request, "marketplace/post_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request: HttpRequest, pk: int) -> HttpResponse:
    post = permissions.get_post_for_user(request.user, pk, write=True)
    organisations = selectors.organisation_of(post)
    form = PostForm(request.POST or None, organisations=organisations, initial=PostForm.initial_for(post))
    if request.method == "POST" and form.is_valid():
        done = _save(request, form, post)
        if done:
            return done
    context = {"form": form, "post": post}
    return render(request, "marketplace/post_form.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def post_detail(request: HttpRequest, pk: int) -> HttpResponse:
    post = permissions.get_post_for_user(request.user, pk)
    context = {**selectors.post_detail(request.user, post), "close_form": CloseForm()}
    return render(request, "marketplace/post_detail.html", context)


@login_required
@require_POST
def post_close(request: HttpRequest, pk: int) -> HttpResponse:
    post = permissions.get_post_for_user(request.user, pk, write=True)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.close_post(post=post, closed_by=request.user, outcome=form.cleaned_data["outcome"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Het bericht is gesloten."))
            return redirect(post)
    context = {**selectors.post_detail(request.user, post), "close_form": form}
    return render(request, "marketplace/post_detail.html", context, status=400)


@login_required
@require_POST
def introduce(request: HttpRequest, pk: int) -> HttpResponse:
    post = permissions.get_post_for_user(request.user, pk)
    if not permissions.can_introduce(request.user, post):
        raise PermissionDenied
    form = IntroduceForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(post)
    other = selectors.organisation_for_introduction(form.cleaned_data["other"])
    if other is None:
        messages.error(request, _("Deze partner bestaat niet (meer)."))
        return redirect(post)
    try:
        services.introduce(
            post=post,
            other=other,
            other_post=selectors.post_for_introduction(form.cleaned_data["other_post"]),
            reason=form.cleaned_data["reason"],
            message=form.cleaned_data["message"],
            introduced_by=request.user,
            base_url=request.build_absolute_uri("/"),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(org)s en %(other)s krijgen een e-mail.") % {"org": post.organisation.name, "other": other.name},
        )
    return redirect(post)


@login_required
@require_POST
def digest_toggle(request: HttpRequest) -> HttpResponse:
    if not permissions.can_use_marketplace(request.user):
        raise PermissionDenied
    form = DigestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies de organisatie waarvoor u het overzicht wilt."))
        return redirect("marketplace:post-list")
    organisation = permissions.posting_organisations(request.user).filter(pk=form.cleaned_data["organisatie"]).first()
    if organisation is None:
        raise PermissionDenied
    wanted = services.set_digest(user=request.user, organisation=organisation, wanted=form.cleaned_data["aan"])
    done = (
        _("U krijgt elke week een e-mail met nieuwe berichten voor %(org)s.")
        if wanted
        else _("U krijgt geen wekelijkse e-mail meer voor %(org)s.")
    )
    messages.success(request, done % {"org": organisation.name})
    return redirect("marketplace:post-list")


@login_required
@require_GET
def introduction_list(request: HttpRequest) -> HttpResponse:
    if not permissions.can_use_marketplace(request.user):
        raise PermissionDenied
    return render(request, "marketplace/introduction_list.html", selectors.introductions_overview(request.user))


@login_required
@require_http_methods(["GET", "POST"])
def introduction_detail(request: HttpRequest, pk: int) -> HttpResponse:
    introduction = permissions.get_introduction_for_user(request.user, pk)
    form = OutcomeForm(request.POST or None, initial={"status": introduction.status, "outcome": introduction.outcome})
    if request.method == "POST" and form.is_valid():
        services.record_outcome(introduction=introduction, recorded_by=request.user, **form.cleaned_data)
        messages.success(request, _("De uitkomst is opgeslagen."))
        return redirect("marketplace:introduction-detail", pk=introduction.pk)
    context = {"introduction": introduction, "form": form}
    return render(request, "marketplace/introduction_detail.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def introduction_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The answer link from the follow-up e-mail: no login; the link itself is the key. A GET only shows the
    question (mail scanners open links), the button records it."""
    introduction = selectors.find_introduction_by_token(token)
    if introduction is None:
        return render(request, "marketplace/answer_invalid.html", status=404)
    form = AnswerForm(request.POST or None, initial={"status": request.GET.get("antwoord")})
    if request.method == "POST" and form.is_valid():
        services.record_outcome(
            introduction=introduction, status=form.cleaned_data["status"], outcome="", recorded_by=None
        )
        return render(request, "marketplace/answer_thanks.html", {"introduction": introduction})
    context = {"introduction": introduction, "form": form}
    return render(request, "marketplace/answer.html", context, status=400 if form.errors else 200)
