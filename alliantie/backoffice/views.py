from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from alliantie.backoffice import permissions, selectors
from alliantie.core import mail
from alliantie.core.models import OutboxMessage


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
    return render(request, "backoffice/outbox.html", context | {"filters": filters, "statuses": OutboxMessage.Status})


@login_required
@require_POST
def outbox_retry(request: HttpRequest, pk: int) -> HttpResponse:
    message = permissions.get_message_for_user(request.user, pk)
    mail.retry_message(message=message)
    messages.success(request, _("De e-mail “%(subject)s” wordt opnieuw verstuurd.") % {"subject": message.subject[:80]})
    return redirect("backoffice:outbox")


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
