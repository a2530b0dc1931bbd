from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from alliantie.accountability import permissions, selectors, services
from alliantie.accountability.forms import ContactMomentForm, WorklistForm
from alliantie.accountability.worklist import REASONS, worklist
from alliantie.partners.selectors import query_without


@login_required
@require_GET
def worklist_page(request: HttpRequest) -> HttpResponse:
    if not permissions.can_follow_up_partners(request.user):
        raise PermissionDenied
    form = WorklistForm(request.GET or None)
    context = {
        **worklist(form.filters(), request.GET.get("pagina")),
        "form": form,
        "reasons": REASONS,
        "query_without_page": query_without(request.GET, "pagina"),
    }
    return render(request, "accountability/worklist.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def contact_log(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = permissions.get_organisation_for_follow_up(request.user, slug)
    form = ContactMomentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_contact(organisation=organisation, recorded_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Het contactmoment is vastgelegd."))
            return redirect("accountability:contact-log", slug=organisation.slug)
    context = {**selectors.contact_log(organisation), "form": form}
    return render(request, "accountability/contact_log.html", context, status=400 if form.errors else 200)
