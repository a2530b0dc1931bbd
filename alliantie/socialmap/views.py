from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from alliantie.core.selectors import find_municipality
from alliantie.socialmap import eligibility, finder, permissions
from alliantie.socialmap.forms import CheckForm, FinderForm
from alliantie.socialmap.models import Need


@require_GET
def find_help(request: HttpRequest) -> HttpResponse:
    form = FinderForm(request.GET or None)
    groups = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        groups = finder.find(
            finder.FinderQuery(
                municipality=data["waar"], age=data["leeftijd"], need=data["behoefte"], text=data["zoek"].strip()
            )
        )
    context = {
        "form": form,
        "groups": groups,
        "municipality": form.cleaned_data.get("waar") if groups is not None else None,
        "place_name": getattr(form, "place_name", ""),
        "needs": Need.choices,
    }
    return render(request, "socialmap/find.html", context, status=400 if form.errors else 200)


@require_GET
def service_detail(request: HttpRequest, slug: str) -> HttpResponse:
    service = permissions.get_service_for_user(request.user, slug)
    municipality = find_municipality(request.GET.get("gemeente", "")[:100]) if request.GET.get("gemeente") else None
    context = {
        "service": service,
        "municipality": municipality,
        "contact": finder.contact_for(service, municipality),
        "locations": list(
            service.locations.select_related("municipality").order_by("city", "name")
            if municipality is None
            else service.locations.filter(municipality=municipality).order_by("name")
        ),
        "needs": [label for value, label in Need.choices if value in service.needs],
        "share_url": request.build_absolute_uri(),
    }
    return render(request, "socialmap/service_detail.html", context)


@require_http_methods(["GET", "POST"])
def check(request: HttpRequest) -> HttpResponse:
    """The anonymous check: computed for this answer only; nothing is saved, logged or put in the address."""
    form = CheckForm(request.POST or None)
    results = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        results = eligibility.likely_provisions(
            eligibility.Household(
                municipality=data["waar"],
                ages=data["leeftijden"],
                income_band=data["inkomen"],
                debts=data["schulden"],
                has_pass=data["pas"],
            )
        )
    context = {
        "form": form,
        "results": results,
        "municipality": form.cleaned_data.get("waar") if results is not None else None,
    }
    return render(request, "socialmap/check.html", context, status=400 if form.errors else 200)
