"""What the keeping pages of the sociale kaart show; the queries live here, views stay thin."""

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.utils import timezone

from alliantie.partners.models import Organisation
from alliantie.socialmap import permissions
from alliantie.socialmap.models import Provider
from alliantie.socialmap.services import due_for_check, stale

PAGE_SIZE = 50


def kept_services(user, *, only_due: bool, words: str, page_number: str | None) -> dict:
    """The services the user keeps, those asking for a check first; with the counts and open error reports."""
    today = timezone.localdate()
    services = permissions.editable_services(user)
    counts = services.aggregate(
        total=Count("pk"), due=Count("pk", filter=due_for_check(today)), stale=Count("pk", filter=stale(today))
    )
    if only_due:
        services = services.filter(due_for_check(today))
    if words:
        services = services.filter(Q(name__icontains=words) | Q(provider__name__icontains=words))
    page = Paginator(
        services.select_related("provider")
        .annotate(open_reports=Count("error_reports", filter=Q(error_reports__handled_at__isnull=True)))
        .order_by("last_verified_on", Lower("name"), "pk"),
        PAGE_SIZE,
    ).get_page(page_number)
    reports = list(
        permissions.editable_error_reports(user)
        .filter(handled_at__isnull=True)
        .select_related("service")
        .order_by("-created_at")[:50]
    )
    return {"page": page, "counts": counts, "reports": reports, "today": today}


def partner_organisations_without_provider(user) -> list[Organisation]:
    """The user's own partner organisations that do not describe services yet."""
    own = permissions.own_organisations(user)
    return list(
        own.exclude(pk__in=Provider.objects.filter(partner__isnull=False).values("partner_id")).order_by(Lower("name"))
    )
