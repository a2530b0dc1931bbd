from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliantie.activities import permissions, selectors, services
from alliantie.activities.forms import ActivityForm, ProgressForm


@login_required
@require_GET
def activity_list(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = permissions.get_organisation_for_activities(request.user, slug)
    context = {"organisation": organisation, "activities": selectors.organisation_activities(organisation)}
    return render(request, "activities/activity_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = permissions.get_organisation_for_activities(request.user, slug)
    form = ActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        activity = services.save_activity(organisation=organisation, saved_by=request.user, **form.cleaned_data)
        messages.success(request, _("De activiteit is opgeslagen."))
        return redirect(activity)
    context = {"form": form, "organisation": organisation}
    return render(request, "activities/activity_form.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = permissions.get_activity_for_user(request.user, pk, write=True)
    form = ActivityForm(request.POST or None, initial=ActivityForm.initial_for(activity))
    if request.method == "POST" and form.is_valid():
        services.save_activity(
            organisation=activity.organisation, saved_by=request.user, activity=activity, **form.cleaned_data
        )
        messages.success(request, _("De wijzigingen zijn opgeslagen."))
        return redirect(activity)
    context = {"form": form, "organisation": activity.organisation, "activity": activity}
    return render(request, "activities/activity_form.html", context, status=400 if form.errors else 200)


@require_GET
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = permissions.get_activity_for_user(request.user, pk)
    context = {**selectors.activity_detail(request.user, activity), "progress_form": ProgressForm()}
    return render(request, "activities/activity_detail.html", context)


@login_required
@require_POST
def progress_create(request: HttpRequest, pk: int) -> HttpResponse:
    activity = permissions.get_activity_for_user(request.user, pk, write=True)
    form = ProgressForm(request.POST)
    if not form.is_valid():
        context = {**selectors.activity_detail(request.user, activity), "progress_form": form}
        return render(request, "activities/activity_detail.html", context, status=400)
    services.add_progress_update(activity=activity, reported_by=request.user, **form.cleaned_data)
    messages.success(request, _("De voortgang is opgeslagen."))
    return redirect(activity)
