from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from alliantie.backoffice import permissions, selectors, services
from alliantie.backoffice.forms import AuditFilterForm, DataRequestForm, EraseConfirmForm
from alliantie.core import mail
from alliantie.core.models import OutboxMessage
from alliantie.partners.selectors import query_without


def _team_only(request: HttpRequest) -> None:
    if not permissions.can_see_platform(request.user):
        raise PermissionDenied


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    _team_only(request)
    context = {
        "periodic": selectors.periodic_overview(),
        "jobs": selectors.recent_jobs(),
        "waiting_mail": selectors.waiting_mail_count(),
    }
    return render(request, "backoffice/overview.html", context)


@login_required
@require_GET
def outbox(request: HttpRequest) -> HttpResponse:
    _team_only(request)
    status = request.GET.get("status", "") if request.GET.get("status") in OutboxMessage.Status.values else ""
    filters = {"status": status, "kind": request.GET.get("soort", "")[:60], "address": request.GET.get("adres", "")}
    context = selectors.outbox_page(**filters, page_number=request.GET.get("pagina", 1))
    context |= {"filters": filters, "statuses": OutboxMessage.Status, "newest_first": True}
    return render(
        request, "backoffice/outbox.html", context | {"query_without_page": query_without(request.GET, "pagina")}
    )


@login_required
@require_POST
def outbox_retry(request: HttpRequest, pk: int) -> HttpResponse:
    message = permissions.get_message_for_user(request.user, pk)
    mail.retry_message(message=message)
    messages.success(request, _("De e-mail “%(subject)s” wordt opnieuw verstuurd.") % {"subject": message.subject[:80]})
    return redirect("backoffice:outbox")


@login_required
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    """Who did what, when, on which record; filter and export (the export is a background job)."""
    _team_only(request)
    form = AuditFilterForm(request.GET or None, kinds=selectors.audit_kinds())
    filters = form.cleaned_data if form.is_valid() else {}
    context = {
        "form": form,
        "page": selectors.audit_page(filters, request.GET.get("pagina", 1)),
        "query_without_page": query_without(request.GET, "pagina"),
        "newest_first": True,
    }
    return render(request, "backoffice/audit_log.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def audit_export(request: HttpRequest) -> HttpResponse:
    _team_only(request)
    form = AuditFilterForm(request.POST, kinds=selectors.audit_kinds())
    if not form.is_valid():
        messages.error(request, _("De filters kloppen niet; pas ze aan en probeer het opnieuw."))
        return redirect("backoffice:audit-log")
    job = services.start_audit_export(filters=form.cleaned_data, started_by=request.user)
    return redirect("backoffice:job-detail", job_id=job.pk)


@login_required
@require_GET
def data_requests(request: HttpRequest) -> HttpResponse:
    """A person asked by e-mail to see or erase their data: look the address up, then export or erase."""
    _team_only(request)
    form = DataRequestForm(request.GET or None)
    context: dict = {"form": form, "erase_form": EraseConfirmForm()}
    if form.is_valid():
        email = form.cleaned_data["email"]
        person = services.person_with_address(email)
        context |= {
            "email": email,
            "person": person,
            "summary": selectors.data_summary(person, email),
            "may_erase": permissions.can_erase_person(request.user, person),
        }
    return render(request, "backoffice/data_requests.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def data_request_export(request: HttpRequest) -> HttpResponse:
    _team_only(request)
    form = DataRequestForm(request.POST)
    if not form.is_valid():
        return redirect("backoffice:data-requests")
    found = services.export_on_request(email=form.cleaned_data["email"], exported_by=request.user)
    response = HttpResponse(found.as_json(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="gegevens-alliantie.json"'
    return response


@login_required
@require_POST
def data_request_erase(request: HttpRequest) -> HttpResponse:
    _team_only(request)
    form, confirm = DataRequestForm(request.POST), EraseConfirmForm(request.POST)
    if not (form.is_valid() and confirm.is_valid()):
        messages.error(request, _("Vink aan dat u het verzoek heeft gecontroleerd; anders wissen we niets."))
        return redirect(f"{reverse('backoffice:data-requests')}?{urlencode({'email': request.POST.get('email', '')})}")
    services.erase_on_request(email=form.cleaned_data["email"], erased_by=request.user)
    messages.success(request, _("De gegevens van deze persoon zijn gewist."))
    return redirect("backoffice:data-requests")


@login_required
@require_GET
def job_detail(request: HttpRequest, job_id: str) -> HttpResponse:
    job = permissions.get_job_for_user(request.user, job_id)
    return render(request, "backoffice/job_detail.html", {"job": job})


@login_required
@require_GET
def job_status(request: HttpRequest, job_id: str) -> JsonResponse:
    """The job's progress for the page's script (the page also works without it, by reloading)."""
    job = permissions.get_job_for_user(request.user, job_id)
    return JsonResponse(
        {
            "status": job.status,
            "statusLabel": job.get_status_display(),
            "done": job.done,
            "total": job.total,
            "percent": job.percent,
            "message": job.message,
            "finished": job.is_finished,
        }
    )


@login_required
@require_GET
def job_download(request: HttpRequest, job_id: str) -> FileResponse:
    job = permissions.get_job_for_user(request.user, job_id)
    if not job.result_file:
        raise Http404
    return FileResponse(
        job.result_file.open("rb"), as_attachment=True, filename=job.result_name, content_type=job.result_content_type
    )
