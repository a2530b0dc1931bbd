"""Every write to the sociale kaart: keeping services, checking them, visitors' error reports."""

import hashlib
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from alliantie.accounts.models import User
from alliantie.core import audit, jobs, mail, ratelimit
from alliantie.core.models import Challenge
from alliantie.core.slugs import unique_slug
from alliantie.partners.models import Organisation
from alliantie.socialmap.models import ErrorReport, Provider, Service
from alliantie.socialmap.selectors import due_for_check, keepers_emails, keepers_emails_of

SERVICE_FIELDS = [
    "name",
    "description",
    "offers",
    "needs",
    "minimum_age",
    "maximum_age",
    "for_parents",
    "for_household",
    "income_limit_percent",
    "residents_only",
    "referral_needed",
    "eligibility",
    "how_to_apply",
    "bring",
    "url",
    "email",
    "phone",
    "opening_hours",
    "costs",
    "languages",
    "national",
    "status",
]


@transaction.atomic
def save_service(
    *, provider: Provider, saved_by: User, values: dict, challenges: list[Challenge], service: Service | None = None
) -> Service:
    """Add or change a service; whoever saves it has looked at it, so it counts as checked today."""
    created = service is None
    service = service or Service(provider=provider)
    service.provider = provider
    for name in SERVICE_FIELDS:
        if name in values:
            setattr(service, name, values[name])
    if created:
        service.slug = unique_slug(Service, service.name, "voorziening")
    service.last_verified_on = timezone.localdate()
    service.verification_requested_on = None
    service.full_clean(exclude=["challenges"])
    service.save()
    service.challenges.set(challenges)
    audit.record(actor=saved_by, action="service.created" if created else "service.changed", target=service)
    return service


@transaction.atomic
def provider_for_partner(*, organisation: Organisation, created_by: User) -> Provider:
    """The provider that describes a partner's own services, made the first time the partner adds one."""
    provider = Provider.objects.filter(partner=organisation).order_by("pk").first()
    if provider is None:
        provider = Provider.objects.create(
            name=organisation.name,
            slug=unique_slug(Provider, organisation.name, "aanbieder"),
            partner=organisation,
            website=organisation.website,
        )
        if organisation.municipality_id:
            provider.area_municipalities.add(organisation.municipality_id)
        audit.record(actor=created_by, action="provider.created", target=provider)
    return provider


@transaction.atomic
def mark_checked(*, service: Service, checked_by: User) -> Service:
    """The owner confirms the information is still right."""
    Service.objects.filter(pk=service.pk).update(last_verified_on=timezone.localdate(), verification_requested_on=None)
    service.refresh_from_db()
    audit.record(actor=checked_by, action="service.checked", target=service)
    return service


@transaction.atomic
def report_error(*, service: Service, message: str, reply_email: str, client: str, base_url: str) -> ErrorReport:
    """A visitor reports that something is wrong; at most SOCIALMAP_ERROR_REPORTS_PER_HOUR per visitor."""
    verdict = ratelimit.hit(
        "socialmap-error-report", client, limit=settings.SOCIALMAP_ERROR_REPORTS_PER_HOUR, window=3600
    )
    if verdict.unavailable:
        raise ValidationError(ratelimit.UNAVAILABLE_MESSAGE)
    if not verdict:
        raise ValidationError(
            _("U heeft het afgelopen uur al %(n)s meldingen gedaan. Probeer het over een uur opnieuw.")
            % {"n": settings.SOCIALMAP_ERROR_REPORTS_PER_HOUR}
        )
    report = ErrorReport(service=service, message=message.strip(), reply_email=reply_email.strip())
    report.full_clean()
    report.save()
    mail.queue_mail(
        key=f"socialmap-error-report:{report.pk}",
        kind="socialmap.error_report",
        to=keepers_emails(service),
        subject=_("Melding over “%(name)s” op de sociale kaart") % {"name": service.name[:80]},
        template="socialmap/email/error_report.txt",
        context={
            "report": report,
            "service": service,
            "manage_url": base_url.rstrip("/") + reverse("socialmap:manage"),
        },
    )
    return report


@transaction.atomic
def mark_report_handled(*, report: ErrorReport, handled_by: User) -> ErrorReport:
    """Mark an error report as handled (once; a second time changes nothing); audited."""
    if report.handled_at is None:
        report.handled_at, report.handled_by = timezone.now(), handled_by
        report.save(update_fields=["handled_at", "handled_by"])
        audit.record(actor=handled_by, action="service.error_report_handled", target=report.service)
    return report


@transaction.atomic
def request_checks(*, base_url: str = "", today: date | None = None) -> int:
    """Ask the keepers of services unchecked for a year to check them: one e-mail per set of recipients,
    listing their services. Each service is asked about once per unchecked period (daily job: a second run the
    same day finds nothing left to ask). Returns the mails queued."""
    today = today or timezone.localdate()
    base_url = (base_url or settings.SITE_URL).rstrip("/")
    due = list(
        Service.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(due_for_check(today), status=Service.Status.ACTIVE, verification_requested_on=None)
        .select_related("provider__partner", "provider__parent__partner")
        .order_by(Lower("name"))
    )
    keepers = keepers_emails_of(due)
    by_recipients: dict[tuple[str, ...], list[Service]] = {}
    for service in due:
        by_recipients.setdefault(tuple(sorted(keepers[service.pk])), []).append(service)
    messages = []
    for recipients, services in by_recipients.items():
        links = [
            (service, base_url + reverse("socialmap:service-edit", kwargs={"slug": service.slug}))
            for service in services
        ]
        messages.append(
            mail.build_mail(
                key=f"socialmap-check:{today.isoformat()}:{hashlib.sha256(repr(recipients).encode()).hexdigest()[:32]}",
                kind="socialmap.check_request",
                to=list(recipients),
                subject=_("Klopt uw informatie op de sociale kaart nog?"),
                template="socialmap/email/check_request.txt",
                context={"links": links, "grace_days": settings.SOCIALMAP_REMINDER_GRACE_DAYS},
            )
        )
    queued = mail.queue_many(messages)
    Service.objects.filter(pk__in=[s.pk for s in due]).update(verification_requested_on=today)
    return len(queued)


def start_hsds_import(*, upload, started_by: User):
    """Read an uploaded HSDS file in the background (checked whole first; any error and nothing changes)."""
    return jobs.start(
        kind="hsds-import",
        title=_("HSDS inlezen: %(name)s") % {"name": upload.name[:120]},
        handler="alliantie.socialmap.jobs.import_hsds",
        created_by=started_by,
        input_file=upload,
        input_name="hsds-import.json",
    )


def start_hsds_export(*, area, started_by: User):
    """Write the map (or one municipality or province) out as HSDS JSON in the background."""
    params = {
        "municipality": area.municipality.code if area.municipality else "",
        "province": area.province.code if area.province else "",
    }
    return jobs.start(
        kind="hsds-export",
        title=_("HSDS-export: %(area)s") % {"area": area.label},
        handler="alliantie.socialmap.jobs.export_hsds",
        created_by=started_by,
        params=params,
    )
