"""Every write to organisations, memberships and invitations."""

import hashlib
import secrets
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from alliantie.accounts.models import User, hash_token
from alliantie.core import audit, jobs, mail, slugs, summaries, versions
from alliantie.core.models import Municipality, Province, Scope, Sector
from alliantie.core.selectors import municipality_for_postcode
from alliantie.partners import permissions
from alliantie.partners.imports import ImportReport
from alliantie.partners.models import (
    STATUS_TRANSITIONS,
    Invitation,
    Membership,
    Nomination,
    Organisation,
    Pledge,
)
from alliantie.partners.selectors import contact_emails, current_pledge_text
from alliantie.partners.signals import partnership_ended


def invitation_link(*, base_url: str, raw_token: str) -> str:
    """The full address that accepts a member invitation, for mail."""
    return base_url.rstrip("/") + reverse("partners:invitation-accept", kwargs={"token": raw_token})


@transaction.atomic
def invite_member(*, organisation: Organisation, email: str, role: str, invited_by: User, base_url: str) -> Invitation:
    """Invite someone by e-mail; an earlier open invitation for the same address is replaced."""
    email = email.strip().lower()
    if Membership.objects.filter(organisation=organisation, user__email=email).exists():
        raise ValidationError({"email": _("Deze persoon hoort al bij %(org)s.") % {"org": organisation.name}})
    Invitation.objects.filter(organisation=organisation, email=email, accepted_at__isnull=True).delete()
    raw = secrets.token_urlsafe(32)
    invitation = Invitation(
        organisation=organisation,
        email=email,
        role=role,
        token_hash=hash_token(raw),
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    audit.record(actor=invited_by, action="invitation.created", target=invitation, email=email, role=role)
    invitation.mail = mail.queue_mail(
        key=f"partner-invitation:{invitation.pk}",
        kind="partners.invitation",
        to=[invitation.email],
        subject=_("Uitnodiging: doe mee met %(org)s op Alliantie Kinderarmoede") % {"org": organisation.name},
        template="partners/email/invitation.txt",
        context={
            "invitation": invitation,
            "link": invitation_link(base_url=base_url, raw_token=raw),
            "valid_days": settings.INVITATION_VALID_DAYS,
        },
        priority=mail.Priority.PERSONAL,
    )
    invitation.save(update_fields=["mail"])
    return invitation


@transaction.atomic
def withdraw_invitation(*, invitation: Invitation, withdrawn_by: User) -> None:
    """Take back an invitation that was not accepted: its link stops working and a mail still waiting is not sent."""
    locked = Invitation.objects.select_for_update().filter(pk=invitation.pk, accepted_at__isnull=True).first()
    if locked is None:
        raise ValidationError(_("Deze uitnodiging is al aangenomen en kan niet meer worden ingetrokken."))
    mail.cancel_waiting(key_prefix=f"partner-invitation:{locked.pk}")
    audit.record(actor=withdrawn_by, action="invitation.withdrawn", target=locked.organisation, email=locked.email)
    locked.delete()


@transaction.atomic
def accept_invitation(*, invitation: Invitation, user: User) -> Membership:
    """Join the organisation; the invitation is used up, even when the person was already a member."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not locked.is_open:
        raise ValidationError(_("Deze uitnodiging is al gebruikt of verlopen. Vraag de contactpersoon om een nieuwe."))
    if not permissions.can_accept_invitation(user, locked):
        raise ValidationError(
            _(
                "Deze uitnodiging is voor %(invited)s; u bent ingelogd als %(email)s. Log uit en open de link "
                "opnieuw, of vraag de contactpersoon om een uitnodiging voor %(email)s."
            )
            % {"invited": locked.email, "email": user.email}
        )
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=locked.organisation, defaults={"role": locked.role}
    )
    if not created and locked.role == Membership.Role.CONTACT and membership.role != Membership.Role.CONTACT:
        membership.role = Membership.Role.CONTACT
        membership.save(update_fields=["role"])
    locked.accepted_at = timezone.now()
    locked.accepted_by = user
    locked.save(update_fields=["accepted_at", "accepted_by"])
    audit.record(actor=user, action="invitation.accepted", target=locked)
    return membership


@transaction.atomic
def register_and_accept_invitation(*, invitation: Invitation, name: str, password: str) -> User:
    """Create the account for an invited address and join the organisation in one step."""
    if User.objects.filter(email=invitation.email).exists():
        raise ValidationError(_("Er is al een account met dit e-mailadres. Log in om de uitnodiging aan te nemen."))
    user = User.objects.create_user(email=invitation.email, password=password, name=name)
    accept_invitation(invitation=invitation, user=user)
    return user


def unique_slug(name: str) -> str:
    """A free address name for a new organisation, made from its name."""
    return slugs.unique_slug(Organisation, name, "organisatie")


@transaction.atomic
def apply_for_partnership(
    *,
    contact: User | None,
    new_contact: dict | None = None,
    nomination: Nomination | None = None,
    name: str,
    sector: Sector,
    scope: Scope,
    kvk_number: str,
    website: str,
    address: str,
    postcode: str,
    city: str,
    description: str,
    area_municipalities: list[Municipality],
    area_provinces: list[Province],
) -> tuple[Organisation, User]:
    """Register an organisation that wants to become partner; its first person (an existing user, or a new
    account from `new_contact` with name, email and password1) becomes its contact."""
    if contact is None:
        contact = User.objects.create_user(
            email=new_contact["email"], name=new_contact["name"], password=new_contact["password1"]
        )
    seat, place = municipality_for_postcode(postcode) if postcode else (None, "")
    organisation = Organisation(
        name=name,
        slug=unique_slug(name),
        sector=sector,
        scope=scope,
        kvk_number=kvk_number,
        website=website,
        address=address,
        postcode=postcode,
        city=city or place,
        description=description,
        municipality=seat,
        status=Organisation.Status.APPLIED,
    )
    organisation.full_clean()
    organisation.save()
    if scope.code != Scope.Code.NATIONAL:
        organisation.area_municipalities.set(area_municipalities)
        organisation.area_provinces.set(area_provinces)
    Membership.objects.create(user=contact, organisation=organisation, role=Membership.Role.CONTACT)
    if nomination is not None:
        Nomination.objects.filter(pk=nomination.pk, joined_organisation__isnull=True).update(
            joined_organisation=organisation
        )
    audit.record(actor=contact, action="organisation.applied", target=organisation)
    versions.bump(versions.PARTNERS)
    return organisation, contact


@transaction.atomic
def create_local_organisation(
    *,
    name: str,
    sector: Sector,
    municipality: Municipality,
    created_by: User | None,
    website: str = "",
    email: str = "",
    description: str = "",
) -> Organisation:
    """An organisation that takes part in a local alliance without being a national partner (status "local"): seated
    and working in `municipality`. It may later apply to become a partner without typing any of this again."""
    organisation = Organisation(
        name=name.strip(),
        slug=unique_slug(name),
        sector=sector,
        scope=Scope.objects.get(code=Scope.Code.LOCAL),
        website=website,
        email=email.strip().lower(),
        description=description.strip(),
        municipality=municipality,
        city=municipality.short_name,
        status=Organisation.Status.LOCAL,
        status_since=timezone.localdate(),
    )
    organisation.full_clean()
    organisation.save()
    organisation.area_municipalities.set([municipality])
    audit.record(actor=created_by, action="organisation.local_created", target=organisation)
    versions.bump(versions.PARTNERS)
    summaries.organisations_changed([organisation.pk])
    return organisation


@transaction.atomic
def request_partnership(*, organisation: Organisation, requested_by: User) -> Organisation:
    """An organisation that takes part only locally applies to become a national partner: its profile stays as it is
    (nothing to type again); its contact signs the pledge next and the team decides as for every application."""
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if locked.status != Organisation.Status.LOCAL:
        raise ValidationError(_("Alleen een organisatie die lokaal meedoet kan zo partner worden."))
    locked.status, locked.status_since = Organisation.Status.APPLIED, timezone.localdate()
    locked.full_clean()
    locked.save()
    audit.record(actor=requested_by, action="organisation.applied", target=locked, from_local=True)
    versions.bump(versions.PARTNERS)
    summaries.organisations_changed([locked.pk])
    return locked


@transaction.atomic
def sign_pledge(*, organisation: Organisation, signed_by: User, signatory_name: str, signatory_function: str) -> Pledge:
    """Sign the current pledge text on behalf of an organisation; a second signature is refused."""
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    if Pledge.objects.filter(organisation=organisation).exists():
        raise ValidationError(_("%(org)s heeft de belofte al ondertekend.") % {"org": organisation.name})
    text = current_pledge_text()
    signed_at = timezone.now()
    fingerprint = "\n".join([organisation.name, text.text, signatory_name, signatory_function, signed_at.isoformat()])
    pledge = Pledge(
        organisation=organisation,
        text_version=text,
        text=text.text,
        signatory_name=signatory_name,
        signatory_function=signatory_function,
        signed_by=signed_by,
        signed_at=signed_at,
        checksum=hashlib.sha256(fingerprint.encode()).hexdigest(),
    )
    pledge.full_clean()
    pledge.save()
    audit.record(actor=signed_by, action="pledge.signed", target=pledge, version=text.version)
    mail.queue_mail(
        key=f"pledge-signed:{pledge.pk}",
        kind="partners.application_received",
        to=contact_emails(organisation),
        subject=_("Uw aanmelding bij de Alliantie Kinderarmoede is binnen"),
        template="partners/email/application_received.txt",
        context={"organisation": organisation, "pledge": pledge},
        priority=mail.Priority.PERSONAL,
    )
    versions.bump(versions.PARTNERS)
    summaries.organisations_changed([organisation.pk])
    return pledge


@transaction.atomic
def decide_application(*, organisation: Organisation, decided_by: User, approve: bool, message: str) -> Organisation:
    """Approve or decline an application; the contacts get the decision and the message by e-mail."""
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if locked.status != Organisation.Status.APPLIED:
        raise ValidationError(_("Over deze aanmelding is al besloten."))
    if approve and not Pledge.objects.filter(organisation=locked).exists():
        raise ValidationError(
            _(
                "De organisatie heeft de belofte nog niet ondertekend. Keur de aanmelding goed "
                "nadat de belofte is ondertekend."
            )
        )
    locked.status = Organisation.Status.ACTIVE if approve else Organisation.Status.DECLINED
    locked.joined_on = timezone.localdate() if approve else None
    locked.status_since = timezone.localdate()
    locked.decided_at = timezone.now()
    locked.decided_by = decided_by
    locked.decision_message = message
    locked.full_clean()
    locked.save()
    audit.record(
        actor=decided_by,
        action="organisation.approved" if approve else "organisation.declined",
        target=locked,
        message=message,
    )
    mail.queue_mail(
        key=f"application-decided:{locked.pk}",
        kind="partners.application_decided",
        to=contact_emails(locked),
        subject=_("Welkom als partner van de Alliantie Kinderarmoede")
        if approve
        else _("Uw aanmelding bij de Alliantie Kinderarmoede"),
        template="partners/email/application_decided.txt",
        context={
            "organisation": locked,
            "approved": approve,
            "message": message,
            "activities_link": settings.SITE_URL + reverse("activities:activity-list", kwargs={"slug": locked.slug}),
            "members_link": settings.SITE_URL + locked.get_absolute_url(),
        },
        priority=mail.Priority.PERSONAL,
    )
    versions.bump(versions.PARTNERS)
    summaries.organisations_changed([locked.pk])
    return locked


@transaction.atomic
def change_status(
    *, organisation: Organisation, status: str, since: date, reason: str, changed_by: User
) -> Organisation:
    """Move a partner along its lifecycle (active, dormant, ended and back), with the date and the reason."""
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    allowed = STATUS_TRANSITIONS.get(locked.status, ())
    if status not in allowed:
        raise ValidationError(
            _("Een organisatie met de status '%(current)s' kan niet de status '%(new)s' krijgen.")
            % {"current": locked.get_status_display(), "new": Organisation.Status(status).label},
            code="transition",
        )
    reason = reason.strip()
    if status != Organisation.Status.ACTIVE and not reason:
        raise ValidationError({"reason": _("Schrijf op waarom, zodat het team het later kan teruglezen.")})
    if since > timezone.localdate():
        raise ValidationError({"since": _("De datum ligt in de toekomst. Kies vandaag of een dag in het verleden.")})
    if locked.joined_on and since < locked.joined_on:
        raise ValidationError(
            {
                "since": _("De datum ligt voor de dag waarop de organisatie partner werd (%(date)s).")
                % {"date": date_format(locked.joined_on, "DATE_FORMAT")}
            }
        )
    previous = locked.status
    locked.status = status
    locked.status_since = since
    locked.status_reason = reason
    locked.full_clean()
    locked.save(update_fields=["status", "status_since", "status_reason", "updated_at"])
    audit.record(
        actor=changed_by,
        action="organisation.status",
        target=locked,
        previous=previous,
        status=status,
        since=since.isoformat(),
        reason=reason,
    )
    versions.bump(versions.PARTNERS)
    summaries.organisations_changed([locked.pk])
    if previous in Organisation.PARTNER_STATUSES and status not in Organisation.PARTNER_STATUSES:
        partnership_ended.send(sender=Organisation, organisation=locked)
    return locked


@transaction.atomic
def remove_member(*, membership: Membership, removed_by: User) -> None:
    """Take a person out of an organisation; the last contact cannot leave before handing over the role."""
    locked = Membership.objects.select_for_update().select_related("organisation", "user").get(pk=membership.pk)
    if (
        locked.role == Membership.Role.CONTACT
        and not Membership.objects.filter(organisation=locked.organisation, role=Membership.Role.CONTACT)
        .exclude(pk=locked.pk)
        .exists()
    ):
        raise ValidationError(
            _("%(name)s is de enige contactpersoon. Maak eerst een collega contactpersoon.")
            % {"name": locked.user.name}
        )
    audit.record(actor=removed_by, action="membership.removed", target=locked.organisation, email=locked.user.email)
    locked.delete()


@transaction.atomic
def hand_over_contact(*, membership: Membership, handed_over_by: User) -> Membership:
    """Make a colleague the contact; a contact who hands over becomes a member (the team stays what it is)."""
    locked = Membership.objects.select_for_update().select_related("organisation").get(pk=membership.pk)
    locked.role = Membership.Role.CONTACT
    locked.save(update_fields=["role"])
    Membership.objects.filter(organisation=locked.organisation, user=handed_over_by).exclude(pk=locked.pk).update(
        role=Membership.Role.MEMBER
    )
    audit.record(
        actor=handed_over_by, action="membership.made_contact", target=locked.organisation, email=locked.user.email
    )
    return locked


@transaction.atomic
def nominate_partner(
    *,
    organisation: Organisation,
    nominated_by: User,
    organisation_name: str,
    contact_email: str,
    reason: str,
    base_url: str,
) -> Nomination:
    """Propose a new partner: the nominee gets an e-mail with a link to apply, which remembers who nominated it."""
    raw = secrets.token_urlsafe(32)
    nomination = Nomination(
        nominated_by=organisation,
        nominated_by_user=nominated_by,
        organisation_name=organisation_name,
        contact_email=contact_email.lower(),
        reason=reason,
        token_hash=hash_token(raw),
    )
    nomination.full_clean()
    nomination.save()
    audit.record(actor=nominated_by, action="nomination.created", target=organisation, nominee=organisation_name)
    summaries.organisations_changed([organisation.pk])
    mail.queue_mail(
        key=f"nomination:{nomination.pk}",
        kind="partners.nomination",
        to=[nomination.contact_email],
        subject=_("%(org)s nodigt u uit voor de Alliantie Kinderarmoede") % {"org": organisation.name},
        template="partners/email/nomination.txt",
        context={
            "nomination": nomination,
            "link": base_url.rstrip("/") + reverse("partners:apply") + f"?voordracht={raw}",
        },
        priority=mail.Priority.PERSONAL,
    )
    return nomination


@transaction.atomic
def update_profile(
    *, organisation: Organisation, changed_by: User, description: str | None = None, website: str | None = None
) -> Organisation:
    """Change the public profile text and website; what is left out stays as it is, and a change to nothing new
    writes nothing (no audit entry, no new `updated_at`)."""
    wanted = {"description": description, "website": website}
    changes = {f: value for f, value in wanted.items() if value is not None and getattr(organisation, f) != value}
    if not changes:
        return organisation
    for field, value in changes.items():
        setattr(organisation, field, value)
    # Only what changes is checked: a name stored before a rule existed must not block a new description.
    organisation.full_clean(exclude=[f.name for f in Organisation._meta.fields if f.name not in changes])
    organisation.save(update_fields=[*changes, "updated_at"])
    audit.record(actor=changed_by, action="organisation.changed", target=organisation, fields=sorted(changes))
    versions.bump(versions.PARTNERS)
    return organisation


@transaction.atomic
def import_organisations(*, report: ImportReport, imported_by: User | None, progress=None) -> ImportReport:
    """Create or update the organisations of a checked import; a report with problems imports nothing.
    `progress(done, total)` follows a long import (a background job's progress bar)."""
    if not report.ok:
        raise ValidationError(_("Het bestand heeft fouten; er is niets geïmporteerd."))
    imported = []
    for done, row in enumerate(report.rows, 1):
        if progress is not None and done % 100 == 0:
            progress(done, len(report.rows), _("Organisaties opslaan"))
        organisation = row.existing or Organisation(slug=unique_slug(row.name), status=Organisation.Status.ACTIVE)
        fields = {
            "name": row.name,
            "kvk_number": row.kvk_number,
            "sector": row.sector,
            "scope": row.scope,
            "website": row.website,
            "email": row.email,
            "postcode": row.postcode,
            "city": row.city,
        }
        if row.existing is not None:
            organisation = Organisation.objects.get(pk=row.existing.pk)
        changed = [key for key, value in fields.items() if getattr(organisation, key, None) != value]
        for key, value in fields.items():
            setattr(organisation, key, value)
        if row.postcode and organisation.municipality_id is None:
            organisation.municipality, place = municipality_for_postcode(row.postcode)
            organisation.city = organisation.city or place
        organisation.full_clean()
        organisation.save()
        areas_before = (
            set(organisation.area_municipalities.values_list("pk", flat=True)),
            set(organisation.area_provinces.values_list("pk", flat=True)),
        )
        organisation.area_municipalities.set(row.municipalities)
        organisation.area_provinces.set(row.provinces)
        areas_changed = areas_before != ({m.pk for m in row.municipalities}, {p.pk for p in row.provinces})
        if row.existing is None:
            report.created += 1
            audit.record(actor=imported_by, action="organisation.imported", target=organisation)
        elif changed or areas_changed:
            report.updated += 1
            audit.record(actor=imported_by, action="organisation.import_updated", target=organisation, fields=changed)
        else:
            report.unchanged += 1
        imported.append(organisation.pk)
    versions.bump(versions.PARTNERS)
    summaries.organisations_changed(imported)
    return report


def start_organisation_import(*, upload, dry_run: bool, started_by: User):
    """Check and import an uploaded table of organisations in the background."""
    return jobs.start(
        kind="organisation-import",
        title=(_("Proefimport: %(name)s") if dry_run else _("Import van organisaties: %(name)s"))
        % {"name": upload.name[:120]},
        handler="alliantie.partners.jobs.import_organisations",
        created_by=started_by,
        params={"filename": upload.name[:200], "dry_run": dry_run},
        input_file=upload,
        input_name="organisaties" + (upload.name[upload.name.rfind(".") :][:6] if "." in upload.name else ""),
    )
