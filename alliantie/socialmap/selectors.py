"""What the keeping pages of the sociale kaart show; the queries live here, views stay thin."""

from datetime import date, timedelta

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.utils import timezone

from alliantie.accounts.models import User
from alliantie.partners.models import Organisation
from alliantie.partners.selectors import contact_emails_of
from alliantie.socialmap import permissions
from alliantie.socialmap.models import Provider, Service

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


def keepers_emails(service: Service) -> list[str]:
    """Who hears about a service: the contacts of the partner it belongs to (or its national organisation's),
    else the provider's address, else the project team."""
    return keepers_emails_of([service])[service.pk]


def keepers_emails_of(services: list[Service]) -> dict[int, list[str]]:
    """`keepers_emails` for many services in two queries (their partners' contacts, the team)."""
    partner_ids = {
        partner.pk
        for service in services
        for partner in (
            service.provider.partner,
            service.provider.parent.partner if service.provider.parent_id else None,
        )
        if partner is not None
    }
    contacts = contact_emails_of(list(partner_ids))
    team: list[str] | None = None
    found = {}
    for service in services:
        provider = service.provider
        emails = next(
            (
                contacts[partner.pk]
                for partner in (provider.partner, provider.parent.partner if provider.parent_id else None)
                if partner is not None and contacts.get(partner.pk)
            ),
            [provider.email] if provider.email else None,
        )
        if emails is None:
            if team is None:
                team = list(
                    User.objects.filter(team_role=User.TeamRole.PROJECT_TEAM, is_active=True).values_list(
                        "email", flat=True
                    )
                )
            emails = team
        found[service.pk] = emails
    return found


def due_for_check(today: date) -> Q:
    """Services not checked for SOCIALMAP_VERIFY_DAYS: their keepers are asked to check them."""
    return Q(last_verified_on__lte=today - timedelta(days=settings.SOCIALMAP_VERIFY_DAYS))


def stale(today: date) -> Q:
    """Still unchecked well after the owner was asked: shown as "niet recent gecontroleerd"."""
    return due_for_check(today) & Q(
        verification_requested_on__lte=today - timedelta(days=settings.SOCIALMAP_REMINDER_GRACE_DAYS)
    )
