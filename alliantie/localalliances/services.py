"""Every write to local alliances: starting one (from a public request), coordinators, members and invitations, phases,
the local work agenda, lessons, the leernetwerk's invitations, and the pool of ervaringsdeskundigen with its
introductions. Each runs in one transaction, validates with full_clean, writes the audit entry and queues its mail in
the outbox inside that transaction (with a key per reason, so repeating never mails twice)."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.db.models.functions import Cast, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from alliantie.accounts.models import User
from alliantie.activities.models import Activity
from alliantie.core import audit, consent, mail, slugs, tokens
from alliantie.core.models import (
    AuditEntry,
    Challenge,
    ChangeLine,
    Municipality,
    OutboxMessage,
    PersonalConsent,
    Province,
    Sector,
)
from alliantie.core.privacy import FORMER_MEMBER
from alliantie.events.models import Event, EventKind
from alliantie.knowledge import services as knowledge_services
from alliantie.knowledge.models import CollectionEntry, ItemKind, KnowledgeSource, Visibility
from alliantie.localalliances.models import (
    MEMBER_STATUSES,
    PHASE_ORDER,
    AllianceRequest,
    Coordinator,
    CoordinatorInvitation,
    Goal,
    Lesson,
    LocalAlliance,
    Member,
    MemberInvitation,
    Phase,
    PhaseStep,
    PoolIntroduction,
    PoolMember,
    PoolRequest,
    ProgressNote,
    ToolkitPhases,
)
from alliantie.localalliances.selectors import activities_here
from alliantie.partners import services as partner_services
from alliantie.partners.models import Organisation
from alliantie.partners.selectors import contact_emails
from alliantie.socialmap.models import Provider

FOLLOW_UP_PURPOSE = "pool-introduction-follow-up"
ERASED_ADDRESS = "verwijderd@verwijderd.invalid"
DEFAULT_SECTOR = "maatschappelijke-organisatie"
# Addresses under /lokale-allianties/ that are pages, not alliances.
RESERVED_SLUGS = (
    "starten",
    "mijn",
    "nieuw",
    "werkvoorraad",
    "aanvragen",
    "leernetwerk",
    "toolkit",
    "uitnodiging",
    "coordinator",
)


def _base(base_url: str | None) -> str:
    return (base_url or settings.SITE_URL).rstrip("/")


def _team_addresses() -> list[str]:
    return list(
        User.objects.filter(team_role=User.TeamRole.PROJECT_TEAM, is_active=True)
        .order_by("email")
        .values_list("email", flat=True)
    )


def _coordinator_addresses(alliance: LocalAlliance) -> list[str]:
    return list(alliance.coordinators.filter(is_active=True).order_by("email").values_list("email", flat=True))


def _names(municipalities: Iterable[Municipality]) -> str:
    return ", ".join(sorted(m.short_name for m in municipalities))


# -- alliances --------------------------------------------------------------------------------------------------------


class DuplicateAlliance(ValidationError):
    """An active alliance already covers exactly these municipalities (or, for a request, one of them)."""

    def __init__(self, message: str, alliance: LocalAlliance) -> None:
        super().__init__({"municipalities": message})
        self.alliance = alliance


def existing_alliance_for(municipalities: list[Municipality], *, exclude: LocalAlliance | None = None):
    """The active alliance that covers exactly these municipalities, if any."""
    wanted = {m.pk for m in municipalities}
    candidates = LocalAlliance.objects.active().filter(municipalities__in=wanted).distinct()
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude.pk)
    for alliance in candidates.prefetch_related("municipalities"):
        if {m.pk for m in alliance.municipalities.all()} == wanted:
            return alliance
    return None


def _refuse_duplicate(municipalities: list[Municipality], exclude: LocalAlliance | None = None) -> None:
    existing = existing_alliance_for(municipalities, exclude=exclude)
    if existing is not None:
        raise DuplicateAlliance(
            _("Voor %(places)s is er al een lokale alliantie: %(name)s. Sluit daarbij aan of pas de gemeenten aan.")
            % {"places": _names(municipalities), "name": existing.name},
            existing,
        )


def _lock(municipalities: list[Municipality]) -> None:
    """Two people creating an alliance for the same municipalities at once: the second waits here and then sees the
    first one's alliance."""
    list(Municipality.objects.select_for_update().filter(pk__in=[m.pk for m in municipalities]).order_by("pk"))


@transaction.atomic
def create_alliance(
    *,
    name: str,
    municipalities: list[Municipality],
    created_by: User | None,
    summary: str = "",
    origin: str = "",
    initiator: Organisation | None = None,
    contact_email: str = "",
    website: str = "",
    started_on: date | None = None,
) -> LocalAlliance:
    """Start a local alliance in one or more municipalities, in its first phase (verkennen); the initiator is its first
    member. An active alliance for exactly the same municipalities is refused, with which one it is."""
    if not municipalities:
        raise ValidationError({"municipalities": _("Kies minstens één gemeente.")})
    _lock(municipalities)
    _refuse_duplicate(municipalities)
    alliance = LocalAlliance(
        name=name.strip(),
        summary=summary.strip(),
        origin=origin.strip(),
        initiator=initiator,
        contact_email=contact_email.strip().lower(),
        website=website.strip(),
        created_by=created_by,
    )
    alliance.slug = slugs.unique_slug(LocalAlliance, alliance.name, "lokale-alliantie", taken=set(RESERVED_SLUGS))
    alliance.full_clean(exclude=["municipalities", "coordinators"])
    alliance.save()
    alliance.municipalities.set(municipalities)
    PhaseStep.objects.create(
        alliance=alliance, phase=Phase.EXPLORING, started_on=started_on or timezone.localdate(), recorded_by=created_by
    )
    if initiator is not None:
        Member.objects.create(alliance=alliance, organisation=initiator, added_by=created_by)
    audit.record(actor=created_by, action="local_alliance.created", target=alliance, places=_names(municipalities))
    return alliance


@transaction.atomic
def update_alliance(
    *,
    alliance: LocalAlliance,
    changed_by: User,
    name: str,
    summary: str,
    origin: str,
    contact_email: str,
    website: str,
    municipalities: list[Municipality] | None = None,
    ended_on: date | None = None,
    change_ended: bool = False,
) -> LocalAlliance:
    """Change an alliance's public details; the team also changes its municipalities and stops it."""
    locked = LocalAlliance.objects.select_for_update().get(pk=alliance.pk)
    if municipalities is not None:
        if not municipalities:
            raise ValidationError({"municipalities": _("Kies minstens één gemeente.")})
        _lock(municipalities)
        _refuse_duplicate(municipalities, exclude=locked)
    locked.name, locked.summary, locked.origin = name.strip(), summary.strip(), origin.strip()
    locked.contact_email, locked.website = contact_email.strip().lower(), website.strip()
    if change_ended:
        if ended_on and ended_on > timezone.localdate():
            raise ValidationError({"ended_on": _("Deze datum ligt in de toekomst.")})
        locked.ended_on = ended_on
    locked.full_clean(exclude=["municipalities", "coordinators"])
    locked.save()
    if municipalities is not None:
        locked.municipalities.set(municipalities)
    audit.record(actor=changed_by, action="local_alliance.changed", target=locked)
    return locked


@transaction.atomic
def record_phase(*, alliance: LocalAlliance, phase: str, started_on: date, note: str, recorded_by: User) -> PhaseStep:
    """Record the date an alliance entered a phase (again: the date moves); the alliance is in the latest phase it
    reached. Phases follow each other: a later phase cannot start before an earlier one."""
    locked = LocalAlliance.objects.select_for_update().get(pk=alliance.pk)
    if phase not in Phase.values:
        raise ValidationError({"phase": _("Kies een fase uit de lijst.")})
    if started_on > timezone.localdate():
        raise ValidationError(
            {"started_on": _("Deze datum ligt in de toekomst. Leg een fase vast als die begonnen is.")}
        )
    position = PHASE_ORDER.index(phase)
    for step in locked.phase_steps.exclude(phase=phase):
        other = PHASE_ORDER.index(step.phase)
        if (other < position and step.started_on > started_on) or (other > position and step.started_on < started_on):
            raise ValidationError(
                {
                    "started_on": _("De fase %(other)s begon op %(date)s; %(phase)s past daar niet voor of na.")
                    % {
                        "other": step.get_phase_display(),
                        "date": date_format(step.started_on, "j F Y"),
                        "phase": Phase(phase).label,
                    }
                }
            )
    step, _created = PhaseStep.objects.update_or_create(
        alliance=locked,
        phase=phase,
        defaults={"started_on": started_on, "note": note.strip(), "recorded_by": recorded_by},
    )
    step.full_clean()
    reached = max((PHASE_ORDER.index(s) for s in locked.phase_steps.values_list("phase", flat=True)), default=0)
    locked.phase = PHASE_ORDER[reached]
    locked.save(update_fields=["phase", "updated_at"])
    audit.record(
        actor=recorded_by, action="local_alliance.phase", target=locked, phase=phase, on=started_on.isoformat()
    )
    return step


# -- coordinators -----------------------------------------------------------------------------------------------------


def _give_coordinator_role(user: User) -> None:
    if not user.team_role and not user.is_superuser:
        user.team_role = User.TeamRole.COORDINATOR
        user.save(update_fields=["team_role"])


@transaction.atomic
def name_coordinator(
    *, alliance: LocalAlliance, email: str, name: str, named_by: User, base_url: str | None = None
) -> Coordinator | CoordinatorInvitation:
    """Name a coordinator. Someone with an account coordinates at once (and gets the coordinator role, with its second
    factor); someone without gets an e-mailed link to make the account."""
    email = email.strip().lower()
    user = User.objects.filter(email=email).first()
    start = _base(base_url) + reverse("localalliances:coordinator-home")
    if user is not None:
        if not user.is_active:
            raise ValidationError({"email": _("Het account met dit adres is niet actief.")})
        if Coordinator.objects.filter(alliance=alliance, user=user).exists():
            raise ValidationError({"email": _("%(name)s coördineert deze alliantie al.") % {"name": user.name}})
        role = Coordinator.objects.create(alliance=alliance, user=user, named_by=named_by)
        _give_coordinator_role(user)
        audit.record(actor=named_by, action="local_alliance.coordinator_named", target=alliance, user=user.pk)
        mail.queue_mail(
            key=f"coordinator-named:{role.pk}",
            kind="localalliances.coordinator_named",
            to=[user.email],
            subject=_("U bent coördinator van %(name)s") % {"name": alliance.name},
            template="localalliances/email/coordinator_named.txt",
            context={"alliance": alliance, "person": user, "link": start},
            priority=mail.Priority.PERSONAL,
        )
        return role
    if not name.strip():
        raise ValidationError({"name": _("Vul de naam in van wie u uitnodigt.")})
    if alliance.coordinator_invitations.filter(email=email, accepted_at__isnull=True, expires_at__gt=timezone.now()):
        raise ValidationError({"email": _("Dit adres is al uitgenodigd en de uitnodiging is nog geldig.")})
    invitation = CoordinatorInvitation(
        alliance=alliance,
        name=name.strip(),
        email=email,
        invited_by=named_by,
        expires_at=timezone.now() + timedelta(days=settings.LOCAL_ALLIANCE_INVITATION_DAYS),
    )
    invitation.full_clean(exclude=["alliance"])
    invitation.save()
    audit.record(actor=named_by, action="local_alliance.coordinator_invited", target=alliance)
    link = _base(base_url) + reverse(
        "localalliances:coordinator-accept",
        kwargs={"token": tokens.make(CoordinatorInvitation.LINK_PURPOSE, invitation.pk)},
    )
    mail.queue_mail(
        key=f"coordinator-invitation:{invitation.pk}",
        kind="localalliances.coordinator_invitation",
        to=[email],
        subject=_("Uitnodiging: coördinator van %(name)s") % {"name": alliance.name},
        template="localalliances/email/coordinator_invitation.txt",
        context={"alliance": alliance, "invitation": invitation, "link": link, "by": named_by},
        priority=mail.Priority.PERSONAL,
    )
    return invitation


def _check_open(invitation: CoordinatorInvitation) -> None:
    if invitation.accepted_at is not None:
        raise ValidationError(_("Deze uitnodiging is al gebruikt. Log in met uw account."))
    if invitation.expires_at <= timezone.now():
        raise ValidationError(_("Deze uitnodiging is verlopen. Vraag het projectteam om een nieuwe."))


@transaction.atomic
def accept_coordinator_invitation(
    *, invitation: CoordinatorInvitation, user: User | None = None, name: str = "", password: str = ""
) -> User:
    """The invited person takes up the role: with the account they are logged in with (of the invited address), or a
    new account made here. The coordinator role asks for the second factor at the next page."""
    locked = CoordinatorInvitation.objects.select_for_update().get(pk=invitation.pk)
    _check_open(locked)
    if user is None:
        if User.objects.filter(email=locked.email).exists():
            raise ValidationError(_("Er is al een account met dit adres. Log in en open de link opnieuw."))
        user = User.objects.create_user(
            email=locked.email, password=password, name=name.strip() or locked.name, team_role="coordinator"
        )
    elif user.email.lower() != locked.email:
        raise ValidationError(_("Deze uitnodiging is voor een ander e-mailadres."))
    Coordinator.objects.get_or_create(alliance=locked.alliance, user=user, defaults={"named_by": locked.invited_by})
    _give_coordinator_role(user)
    locked.accepted_at = timezone.now()
    locked.save(update_fields=["accepted_at"])
    audit.record(actor=user, action="local_alliance.coordinator_accepted", target=locked.alliance)
    return user


@transaction.atomic
def remove_coordinator(*, role: Coordinator, removed_by: User) -> None:
    """Someone stops coordinating an alliance; with their last alliance the coordinator role goes too."""
    user, alliance = role.user, role.alliance
    role.delete()
    if user.team_role == User.TeamRole.COORDINATOR and not Coordinator.objects.filter(user=user).exists():
        user.team_role = ""
        user.save(update_fields=["team_role"])
    audit.record(actor=removed_by, action="local_alliance.coordinator_removed", target=alliance, user=user.pk)


# -- members ----------------------------------------------------------------------------------------------------------


@transaction.atomic
def add_member(
    *, alliance: LocalAlliance, organisation: Organisation, added_by: User | None, contribution: str = ""
) -> Member:
    """An organisation joins the alliance (a partner, or an organisation that takes part locally)."""
    if organisation.status not in MEMBER_STATUSES:
        raise ValidationError(
            {"organisation": _("%(name)s doet niet meer mee in de alliantie.") % {"name": organisation.name}}
        )
    member = Member(alliance=alliance, organisation=organisation, added_by=added_by, contribution=contribution.strip())
    member.full_clean(exclude=["alliance", "organisation"])
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError:
        raise ValidationError(
            {"organisation": _("%(name)s doet al mee in deze alliantie.") % {"name": organisation.name}}
        ) from None
    MemberInvitation.objects.filter(alliance=alliance, organisation=organisation, status="open").update(
        status=MemberInvitation.Status.ACCEPTED, answered_at=timezone.now(), member=member
    )
    audit.record(actor=added_by, action="local_alliance.member_added", target=alliance, organisation=organisation.pk)
    return member


@transaction.atomic
def add_local_organisation(
    *,
    alliance: LocalAlliance,
    name: str,
    sector: Sector,
    municipality: Municipality,
    added_by: User | None,
    website: str = "",
    email: str = "",
    contribution: str = "",
) -> Member:
    """A local organisation that joins only here: it is recorded once, as an organisation that takes part locally, so
    it can become a national partner later without typing this again. A name that is already known is refused with
    the advice to add that organisation instead (no second record of the same organisation)."""
    known = Organisation.objects.filter(name__iexact=name.strip(), status__in=MEMBER_STATUSES).first()
    if known is not None:
        raise ValidationError(
            {
                "name": _(
                    "%(name)s staat al op het platform. Voeg die organisatie toe met het veld hierboven, zodat zij "
                    "niet twee keer bestaat."
                )
                % {"name": known.name}
            }
        )
    organisation = partner_services.create_local_organisation(
        name=name, sector=sector, municipality=municipality, created_by=added_by, website=website, email=email
    )
    return add_member(alliance=alliance, organisation=organisation, added_by=added_by, contribution=contribution)


@transaction.atomic
def remove_member(*, member: Member, removed_by: User) -> None:
    """An organisation stops taking part; the goals it took part in keep going without it."""
    alliance, organisation = member.alliance, member.organisation
    member.delete()
    audit.record(
        actor=removed_by, action="local_alliance.member_removed", target=alliance, organisation=organisation.pk
    )


def invitation_link(invitation: MemberInvitation, base_url: str | None = None) -> str:
    """The signed link in a member invitation's mail, where the organisation accepts or declines."""
    token = tokens.make(MemberInvitation.LINK_PURPOSE, invitation.pk)
    return _base(base_url) + reverse("localalliances:invitation-answer", kwargs={"token": token})


@transaction.atomic
def invite_organisation(
    *,
    alliance: LocalAlliance,
    invited_by: User,
    email: str,
    reason: str,
    message: str = "",
    organisation: Organisation | None = None,
    provider: Provider | None = None,
    sector: Sector | None = None,
    base_url: str | None = None,
) -> MemberInvitation:
    """Ask an organisation to join: a partner, a local organisation, or a provider from the sociale kaart (often one
    the check suggested for a missing sector). The mail says why, with the coordinator's message and a link to answer;
    the invitation holds LOCAL_ALLIANCE_INVITATION_DAYS."""
    if (organisation is None) == (provider is None):
        raise ValidationError(_("Kies één organisatie om uit te nodigen."))
    if organisation is not None and alliance.members.filter(organisation=organisation).exists():
        raise ValidationError(_("%(name)s doet al mee in deze alliantie.") % {"name": organisation.name})
    if provider is not None and provider.partner_id and alliance.members.filter(organisation_id=provider.partner_id):
        raise ValidationError(_("%(name)s doet al mee in deze alliantie.") % {"name": provider.name})
    target = organisation or provider
    invitation = MemberInvitation(
        alliance=alliance,
        organisation=organisation,
        provider=provider,
        organisation_name=target.name[:200],
        email=email.strip().lower(),
        sector=sector or (organisation.sector if organisation else None),
        reason=reason.strip(),
        message=message.strip(),
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.LOCAL_ALLIANCE_INVITATION_DAYS),
    )
    invitation.full_clean(exclude=["alliance", "organisation", "provider", "member"])
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError:
        raise ValidationError(
            _("%(name)s is al uitgenodigd; de uitnodiging staat nog open.") % {"name": target.name}
        ) from None
    audit.record(actor=invited_by, action="local_alliance.invited", target=alliance, invited=target.name[:100])
    recipients = [invitation.email] + (contact_emails(organisation) if organisation is not None else [])
    mail.queue_mail(
        key=f"local-invitation:{invitation.pk}",
        kind="localalliances.invitation",
        to=recipients,
        subject=_("Uitnodiging: doe mee met %(name)s") % {"name": alliance.name},
        template="localalliances/email/member_invitation.txt",
        context={
            "alliance": alliance,
            "invitation": invitation,
            "by": invited_by,
            "link": invitation_link(invitation, base_url),
            "page": _base(base_url) + alliance.get_absolute_url(),
            "places": _names(alliance.municipalities.all()),
        },
        priority=mail.Priority.PERSONAL,
    )
    return invitation


def _organisation_for_provider(provider: Provider, invitation: MemberInvitation, alliance: LocalAlliance):
    """The organisation behind a provider of the sociale kaart: its partner, an organisation of the same name, or a new
    local organisation made from the provider's own details (nothing to type)."""
    if provider.partner_id:
        return provider.partner
    known = Organisation.objects.filter(name__iexact=provider.name, status__in=MEMBER_STATUSES).first()
    if known is not None:
        return known
    municipality = alliance.municipalities.order_by(Lower("name")).first()
    return partner_services.create_local_organisation(
        name=provider.name,
        sector=invitation.sector or Sector.objects.get(slug=DEFAULT_SECTOR),
        municipality=municipality,
        created_by=None,
        website=provider.website,
        email=provider.email or invitation.email,
        description=provider.description[:2000],
    )


@transaction.atomic
def answer_invitation(
    *, invitation: MemberInvitation, accept: bool, contribution: str = "", base_url: str | None = None
) -> MemberInvitation:
    """The invited organisation answers by the link in the mail. Yes makes it a member (a provider of the sociale kaart
    becomes an organisation that takes part locally, from its own details); either way the coordinators hear it."""
    locked = MemberInvitation.objects.select_for_update().select_related("alliance").get(pk=invitation.pk)
    if locked.status != MemberInvitation.Status.OPEN:
        raise ValidationError(_("Deze uitnodiging is al beantwoord."))
    if locked.expires_at <= timezone.now():
        raise ValidationError(_("Deze uitnodiging is verlopen. Neem contact op met de coördinator van de alliantie."))
    alliance = locked.alliance
    if accept:
        organisation = locked.organisation or _organisation_for_provider(locked.provider, locked, alliance)
        member = alliance.members.filter(organisation=organisation).first() or add_member(
            alliance=alliance, organisation=organisation, added_by=None, contribution=contribution
        )
        locked.member = member
    locked.status = MemberInvitation.Status.ACCEPTED if accept else MemberInvitation.Status.DECLINED
    locked.answered_at = timezone.now()
    locked.save(update_fields=["status", "answered_at", "member"])
    audit.record(actor=None, action="local_alliance.invitation_answered", target=alliance, accepted=accept)
    mail.queue_mail(
        key=f"local-invitation-answered:{locked.pk}",
        kind="localalliances.invitation_answered",
        to=_coordinator_addresses(alliance) or _team_addresses(),
        subject=(_("%(name)s doet mee") if accept else _("%(name)s doet niet mee"))
        % {"name": locked.organisation_name},
        template="localalliances/email/invitation_answered.txt",
        context={"alliance": alliance, "invitation": locked, "accepted": accept, "link": _base(base_url)},
        priority=mail.Priority.NOTICE,
    )
    return locked


# -- the local work agenda --------------------------------------------------------------------------------------------


@dataclass
class GoalData:
    """What the goal form gives the services."""

    title: str
    challenge: Challenge
    change_line: ChangeLine
    target: str
    lived_experience: str
    description: str = ""
    target_number: int | None = None
    target_unit: str = ""
    status: str = Goal.Status.PLANNED
    lived_experience_note: str = ""
    participants: list[Member] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)


@transaction.atomic
def save_goal(*, alliance: LocalAlliance, data: GoalData, saved_by: User, goal: Goal | None = None) -> Goal:
    """Write a goal of the local agenda; participants are members of this alliance, activities are theirs here."""
    created = goal is None
    goal = goal or Goal(alliance=alliance, created_by=saved_by)
    if any(m.alliance_id != alliance.pk for m in data.participants):
        raise ValidationError({"participants": _("Kies deelnemers uit de leden van deze alliantie.")})
    allowed = set(activities_here(alliance).values_list("pk", flat=True))
    if any(a.pk not in allowed for a in data.activities):
        raise ValidationError({"activities": _("Kies activiteiten van leden van deze alliantie, hier ter plaatse.")})
    for name in (
        "title",
        "challenge",
        "change_line",
        "description",
        "target",
        "target_number",
        "target_unit",
        "status",
        "lived_experience",
        "lived_experience_note",
    ):
        setattr(goal, name, getattr(data, name))
    goal.title, goal.target, goal.description = goal.title.strip(), goal.target.strip(), goal.description.strip()
    goal.full_clean(exclude=["alliance", "participants", "activities"])
    goal.save()
    goal.participants.set(data.participants)
    goal.activities.set(data.activities)
    audit.record(actor=saved_by, action="local_goal.created" if created else "local_goal.changed", target=goal)
    return goal


@transaction.atomic
def add_progress_note(
    *, goal: Goal, note: str, written_on: date, written_by: User, reached_number: int | None = None
) -> ProgressNote:
    """Record what happened with a goal; a number reached becomes the goal's latest figure."""
    if written_on > timezone.localdate():
        raise ValidationError({"written_on": _("Deze datum ligt in de toekomst.")})
    progress = ProgressNote(
        goal=goal, note=note.strip(), written_on=written_on, written_by=written_by, reached_number=reached_number
    )
    progress.full_clean(exclude=["goal"])
    progress.save()
    if reached_number is not None:
        Goal.objects.filter(pk=goal.pk).update(reached_number=reached_number, updated_at=timezone.now())
    audit.record(actor=written_by, action="local_goal.progress", target=goal)
    return progress


# -- lessons and the leernetwerk --------------------------------------------------------------------------------------


@transaction.atomic
def record_lesson(
    *,
    alliance: LocalAlliance,
    recorded_by: User,
    title: str,
    summary: str,
    body: str,
    factor: str,
    phase: str,
    challenges: list[Challenge],
    sectors: list[Sector],
    event: Event | None = None,
    visibility: str = Visibility.PUBLIC,
):
    """Record a succes- or faalfactor the alliance learned (after a leernetwerk meeting): it is published at once as a
    kennisbank item of kind "les", found by every alliance in the search, with its context (alliance, phase, sectors,
    opgave)."""
    if event is not None and event.kind != EventKind.LEERNETWERK:
        raise ValidationError({"event": _("Kies een bijeenkomst van het leernetwerk.")})
    lesson = Lesson(alliance=alliance, factor=factor, phase=phase, event=event, recorded_by=recorded_by)
    lesson.full_clean(exclude=["alliance", "item", "event"])
    context = _("%(name)s (%(places)s), fase %(phase)s, %(factor)s.") % {
        "name": alliance.name,
        "places": _names(alliance.municipalities.all()),
        "phase": Phase(phase).label,
        "factor": lesson.get_factor_display(),
    }
    data = knowledge_services.ItemData(
        kind=ItemKind.LESSON,
        knowledge_source=KnowledgeSource.PRACTICE,
        title=title,
        summary=summary,
        body=f"{context}\n\n{body.strip()}".strip(),
        lessons=str(lesson.get_factor_display()).capitalize(),
        visibility=visibility,
        challenges=challenges,
        sectors=sectors,
    )
    # The meeting is kept on the Lesson, not on the item: an item linked to an event is that event's report.
    item = knowledge_services.save_item(data=data, saved_by=recorded_by)
    item = knowledge_services.publish_item(item=item, published_by=recorded_by)
    lesson.item = item
    lesson.save()
    audit.record(actor=recorded_by, action="local_alliance.lesson", target=alliance, item=item.pk)
    return lesson


def leernetwerk_organisations():
    """The member organisations of every active alliance (an id query, for the mail preview)."""
    return Member.objects.filter(alliance__ended_on__isnull=True).values("organisation_id")


def leernetwerk_coordinators() -> list[str]:
    """The addresses of the coordinators of every alliance that has not ended: the leernetwerk's invitees."""
    return list(
        User.objects.filter(
            is_active=True, coordinated_alliances__isnull=False, coordinated_alliances__ended_on__isnull=True
        )
        .distinct()
        .order_by("email")
        .values_list("email", flat=True)
    )


@transaction.atomic
def invite_to_leernetwerk(*, event: Event, invited_by: User, base_url: str | None = None) -> int:
    """Mail the coordinators and the contacts of the member organisations of every active alliance about a leernetwerk
    meeting (after the team saw who will receive it). A second run mails nobody twice. Returns the mails queued."""
    if event.kind != EventKind.LEERNETWERK:
        raise ValidationError(_("Alleen bijeenkomsten van het leernetwerk gaan naar de lokale allianties."))
    if event.is_cancelled or event.is_past:
        raise ValidationError(_("Deze bijeenkomst is voorbij of gaat niet door."))
    from alliantie.events.services import when_label
    from alliantie.partners.selectors import contact_emails_of

    link = _base(base_url) + event.get_absolute_url()
    context = {"event": event, "when": when_label(event), "link": link}
    subject = _("Leernetwerk lokale allianties: %(title)s") % {"title": event.title}
    organisation_ids = list(leernetwerk_organisations().values_list("organisation_id", flat=True).distinct())
    addresses = {address for emails in contact_emails_of(organisation_ids).values() for address in emails}
    addresses |= set(leernetwerk_coordinators())
    messages = [
        mail.build_mail(
            key=f"leernetwerk-invitation:{event.pk}:{address}",
            kind="localalliances.leernetwerk",
            to=[address],
            subject=subject,
            template="localalliances/email/leernetwerk_invitation.txt",
            context=context,
            priority=mail.Priority.NOTICE,
        )
        for address in sorted(addresses)
    ]
    stored = mail.queue_many(messages)
    audit.record(actor=invited_by, action="local_alliance.leernetwerk_invited", target=event, addresses=len(stored))
    return len(stored)


@transaction.atomic
def set_toolkit_phases(*, entry: CollectionEntry, phases: list[str], set_by: User) -> ToolkitPhases:
    """The phases in which a toolkit item is shown on the alliances' pages (none: in every phase)."""
    placement, _created = ToolkitPhases.objects.get_or_create(entry=entry)
    placement.phases = [p for p in Phase.values if p in set(phases)]
    placement.full_clean()
    placement.save()
    audit.record(actor=set_by, action="local_alliance.toolkit", target=entry.collection, item=entry.item_id)
    return placement


# -- requests to start an alliance ------------------------------------------------------------------------------------


def alliance_in(municipalities: list[Municipality]) -> LocalAlliance | None:
    """An active alliance that already works in one of these municipalities."""
    return (
        LocalAlliance.objects.active()
        .filter(municipalities__in=[m.pk for m in municipalities])
        .order_by(Lower("name"))
        .first()
    )


@transaction.atomic
def submit_request(
    *,
    municipalities: list[Municipality],
    name: str,
    email: str,
    organisation_name: str,
    message: str,
    sector: Sector | None = None,
    base_url: str | None = None,
) -> AllianceRequest:
    """ "Wij willen een lokale alliantie starten in …": a public request; the requester gets a confirmation, the team a
    notice. Where an alliance already works, the request is refused with which one, to join it instead."""
    if not municipalities:
        raise ValidationError({"municipalities": _("Vul minstens één gemeente in.")})
    existing = alliance_in(municipalities)
    if existing is not None:
        raise DuplicateAlliance(
            _("In %(places)s is al een lokale alliantie: %(name)s. Neem contact op om mee te doen.")
            % {
                "places": _names(existing.municipalities.filter(pk__in=[m.pk for m in municipalities])),
                "name": existing.name,
            },
            existing,
        )
    request = AllianceRequest(
        name=name.strip(),
        email=email.strip().lower(),
        organisation_name=organisation_name.strip(),
        sector=sector,
        message=message.strip(),
    )
    request.full_clean(exclude=["municipalities", "alliance"])
    request.save()
    request.municipalities.set(municipalities)
    audit.record(actor=None, action="local_alliance.requested", target=request, places=_names(municipalities))
    context = {"request": request, "places": _names(municipalities)}
    mail.queue_mail(
        key=f"local-request-received:{request.pk}",
        kind="localalliances.request_received",
        to=[request.email],
        subject=_("Uw aanvraag voor een lokale alliantie in %(places)s") % {"places": context["places"]},
        template="localalliances/email/request_received.txt",
        context=context,
        priority=mail.Priority.PERSONAL,
    )
    mail.queue_mail(
        key=f"local-request-team:{request.pk}",
        kind="localalliances.request_team",
        to=_team_addresses(),
        subject=_("Nieuwe aanvraag: lokale alliantie in %(places)s") % {"places": context["places"]},
        template="localalliances/email/request_team.txt",
        context={**context, "link": _base(base_url) + reverse("localalliances:request-detail", args=[request.pk])},
        priority=mail.Priority.NOTICE,
    )
    return request


def _initiator_for(request: AllianceRequest, municipality: Municipality, by: User) -> Organisation:
    known = Organisation.objects.filter(name__iexact=request.organisation_name, status__in=MEMBER_STATUSES).first()
    if known is not None:
        return known
    return partner_services.create_local_organisation(
        name=request.organisation_name,
        sector=request.sector or Sector.objects.get(slug=DEFAULT_SECTOR),
        municipality=municipality,
        created_by=by,
    )


@transaction.atomic
def accept_request(
    *,
    request: AllianceRequest,
    accepted_by: User,
    name: str,
    answer: str,
    coordinator_email: str = "",
    coordinator_name: str = "",
    base_url: str | None = None,
) -> LocalAlliance:
    """The team accepts a request: the alliance starts (verkennen), the requesting organisation is its initiator and
    first member, a coordinator is named if given, and the requester hears it with the team's answer."""
    locked = AllianceRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != AllianceRequest.Status.NEW:
        raise ValidationError(_("Over deze aanvraag is al besloten."))
    municipalities = list(locked.municipalities.order_by(Lower("name")))
    initiator = _initiator_for(locked, municipalities[0], accepted_by)
    alliance = create_alliance(
        name=name,
        municipalities=municipalities,
        created_by=accepted_by,
        origin=locked.message,
        initiator=initiator,
        contact_email=locked.email,
    )
    if coordinator_email.strip():
        name_coordinator(
            alliance=alliance,
            email=coordinator_email,
            name=coordinator_name or locked.name,
            named_by=accepted_by,
            base_url=base_url,
        )
    locked.status, locked.alliance, locked.answer = AllianceRequest.Status.ACCEPTED, alliance, answer.strip()
    locked.handled_by, locked.handled_at = accepted_by, timezone.now()
    locked.save()
    audit.record(actor=accepted_by, action="local_alliance.request_accepted", target=locked, alliance=alliance.pk)
    mail.queue_mail(
        key=f"local-request-decided:{locked.pk}",
        kind="localalliances.request_accepted",
        to=[locked.email],
        subject=_("Uw lokale alliantie is gestart: %(name)s") % {"name": alliance.name},
        template="localalliances/email/request_accepted.txt",
        context={"request": locked, "alliance": alliance, "link": _base(base_url) + alliance.get_absolute_url()},
        priority=mail.Priority.PERSONAL,
    )
    return alliance


@transaction.atomic
def decline_request(*, request: AllianceRequest, declined_by: User, answer: str) -> AllianceRequest:
    """The team does not start this alliance (now); the requester gets the team's reasons."""
    locked = AllianceRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != AllianceRequest.Status.NEW:
        raise ValidationError(_("Over deze aanvraag is al besloten."))
    if not answer.strip():
        raise ValidationError({"answer": _("Schrijf de aanvrager kort waarom niet, en wat wel kan.")})
    locked.status, locked.answer = AllianceRequest.Status.DECLINED, answer.strip()
    locked.handled_by, locked.handled_at = declined_by, timezone.now()
    locked.full_clean(exclude=["municipalities", "alliance"])
    locked.save()
    audit.record(actor=declined_by, action="local_alliance.request_declined", target=locked)
    mail.queue_mail(
        key=f"local-request-decided:{locked.pk}",
        kind="localalliances.request_declined",
        to=[locked.email],
        subject=_("Uw aanvraag voor een lokale alliantie"),
        template="localalliances/email/request_declined.txt",
        context={"request": locked},
        priority=mail.Priority.PERSONAL,
    )
    return locked


# -- the pool of ervaringsdeskundigen ---------------------------------------------------------------------------------


def pool_consent_text() -> str:
    """What a person agrees to, word for word; the consent record keeps it as it was shown."""
    return _(
        "Ik geef de Alliantie Kinderarmoede toestemming om mijn gegevens in de pool van ervaringsdeskundigen te "
        "bewaren: naam, e-mailadres, telefoon als ik die geef, regio, rollen, thema's, beschikbaarheid, vergoeding en "
        "wat ik over mijzelf schrijf. Alleen het projectteam en de coördinatoren van lokale allianties in mijn regio "
        "zien ze. Zij vragen mij als een organisatie iemand zoekt; pas als ik ja zeg, krijgt die organisatie mijn naam "
        "en contactgegevens. Mijn naam staat alleen op de website als ik dat aanzet. Ik kan mijn inschrijving altijd "
        "zelf wijzigen of verwijderen; dan is alles van mij weg."
    )


@dataclass
class PoolData:
    """What the pool form gives the services."""

    name: str
    email: str
    roles: list[str]
    availability: str
    fee: str
    phone: str = ""
    nationwide: bool = False
    provinces: list[Province] = field(default_factory=list)
    municipalities: list[Municipality] = field(default_factory=list)
    themes: list[Challenge] = field(default_factory=list)
    themes_note: str = ""
    availability_note: str = ""
    about: str = ""
    show_publicly: bool = False
    public_name: str = ""
    paused: bool = False


def entry_link(member: PoolMember, base_url: str | None = None) -> str:
    """The signed link where an ervaringsdeskundige sees, changes, pauses or deletes their pool entry."""
    token = tokens.make(PoolMember.LINK_PURPOSE, member.pk)
    return _base(base_url) + reverse("localalliances:pool-entry", kwargs={"token": token})


def confirm_link(member: PoolMember, base_url: str | None = None) -> str:
    """The signed link that confirms a pool entry's address."""
    token = tokens.make(PoolMember.LINK_PURPOSE, member.pk)
    return _base(base_url) + reverse("localalliances:pool-confirm", kwargs={"token": token})


def _apply_pool(member: PoolMember, data: PoolData) -> None:
    if not (data.nationwide or data.provinces or data.municipalities):
        raise ValidationError({"provinces": _("Kies de provincie(s) waar u mee wilt doen, of heel Nederland.")})
    member.name, member.phone = data.name.strip(), data.phone.strip()
    member.roles = [r for r in dict.fromkeys(data.roles)]
    member.nationwide, member.themes_note = data.nationwide, data.themes_note.strip()
    member.availability, member.availability_note = data.availability, data.availability_note.strip()
    member.fee, member.about = data.fee, data.about.strip()
    member.show_publicly, member.public_name = (
        data.show_publicly,
        data.public_name.strip() if data.show_publicly else "",
    )
    member.full_clean(exclude=["user", "registered_by", "registered_by_organisation", "consent", "email"])


def _set_pool_relations(member: PoolMember, data: PoolData) -> None:
    member.provinces.set([] if data.nationwide else data.provinces)
    member.municipalities.set([] if data.nationwide else data.municipalities)
    member.themes.set(data.themes)


@transaction.atomic
def register_in_pool(
    *, data: PoolData, consent_given: bool, user: User | None = None, base_url: str | None = None
) -> PoolMember | None:
    """Someone registers themselves. Without consent nothing is stored. With an account (the address is theirs) the
    entry is active at once; without one, the address is confirmed by a link first (double opt-in) and the entry is
    forgotten after POOL_PENDING_DAYS if it is not. An address that is already in the pool gets its own link by mail
    (the answer on the page is the same, so nobody learns who is in the pool); then None is returned."""
    if not consent_given:
        raise ValidationError({"consent": _("Zonder uw toestemming kunnen we u niet in de pool opnemen.")})
    email = (user.email if user is not None else data.email).strip().lower()
    existing = PoolMember.objects.filter(email=email).first()
    if existing is not None:
        mail.queue_mail(
            key=f"pool-already:{existing.pk}:{timezone.now():%Y%m%d%H}",
            kind="pool.already_registered",
            to=[email],
            subject=_("U staat al in de pool van ervaringsdeskundigen"),
            template="localalliances/email/pool_already.txt",
            context={"member": existing, "link": entry_link(existing, base_url)},
            priority=mail.Priority.PERSONAL,
        )
        return None
    member = PoolMember(email=email, user=user)
    _apply_pool(member, data)
    if user is not None:
        member.status, member.confirmed_at, member.checked_at = PoolMember.Status.ACTIVE, timezone.now(), timezone.now()
        if data.paused:
            member.status = PoolMember.Status.PAUSED
    member.save()
    _set_pool_relations(member, data)
    record = consent.give(
        email=email,
        purpose=consent.Purpose.EXPERT_POOL,
        text=pool_consent_text(),
        method=consent.Method.ACCOUNT if user is not None else consent.Method.FORM,
        user=user,
        confirmed=user is not None,
    )
    PoolMember.objects.filter(pk=member.pk).update(consent=record)
    audit.record(actor=user, action="pool.registered", target=member, how="account" if user else "form")
    if user is None:
        mail.queue_mail(
            key=f"pool-confirm:{member.pk}",
            kind="pool.confirm",
            to=[email],
            subject=_("Bevestig uw inschrijving in de pool van ervaringsdeskundigen"),
            template="localalliances/email/pool_confirm.txt",
            context={"member": member, "link": confirm_link(member, base_url), "days": settings.POOL_PENDING_DAYS},
            priority=mail.Priority.PERSONAL,
        )
    else:
        _mail_welcome(member, base_url)
    return member


def _mail_welcome(member: PoolMember, base_url: str | None) -> None:
    mail.queue_mail(
        key=f"pool-welcome:{member.pk}",
        kind="pool.welcome",
        to=[member.email],
        subject=_("U staat in de pool van ervaringsdeskundigen"),
        template="localalliances/email/pool_welcome.txt",
        context={"member": member, "link": entry_link(member, base_url)},
        priority=mail.Priority.PERSONAL,
    )


@transaction.atomic
def register_for_someone(
    *,
    data: PoolData,
    organisation: Organisation | None,
    registered_by: User,
    person_agreed: bool,
    base_url: str | None = None,
) -> PoolMember:
    """An organisation registers someone who agreed to it. The entry waits, unseen by anyone, until the person confirms
    with the link in the mail to them; their consent is recorded then, as they give it."""
    if not person_agreed:
        raise ValidationError({"person_agreed": _("Meld iemand alleen aan als die persoon dat wil. Vraag het eerst.")})
    email = data.email.strip().lower()
    if PoolMember.objects.filter(email=email).exists():
        raise ValidationError(
            {"email": _("Met dit adres staat al iemand in de pool. Die persoon kan de eigen inschrijving aanpassen.")}
        )
    member = PoolMember(
        email=email,
        registered_by=registered_by,
        registered_by_organisation=organisation,
        status=PoolMember.Status.PENDING,
    )
    _apply_pool(member, data)
    member.save()
    _set_pool_relations(member, data)
    audit.record(actor=registered_by, action="pool.registered", target=member, how="organisation")
    mail.queue_mail(
        key=f"pool-confirm:{member.pk}",
        kind="pool.confirm",
        to=[email],
        subject=_("Wilt u in de pool van ervaringsdeskundigen?"),
        template="localalliances/email/pool_registered_for.txt",
        context={
            "member": member,
            "organisation": organisation,
            "by": registered_by,
            "link": confirm_link(member, base_url),
            "days": settings.POOL_PENDING_DAYS,
        },
        priority=mail.Priority.PERSONAL,
    )
    return member


@transaction.atomic
def confirm_pool_entry(*, member: PoolMember, base_url: str | None = None) -> PoolMember:
    """The person confirmed with the link in the mail: their consent holds from now (for an entry an organisation made,
    it is recorded now, as they give it) and the entry is visible to the team and their region's coordinators."""
    locked = PoolMember.objects.select_for_update().get(pk=member.pk)
    if locked.status != PoolMember.Status.PENDING:
        return locked
    record = consent.active(locked.email, consent.Purpose.EXPERT_POOL)
    if record is None:
        pending = PersonalConsent.objects.filter(pk=locked.consent_id, withdrawn_at__isnull=True).first()
        if pending is not None:
            record = consent.confirm(consent=pending)
        else:
            record = consent.give(
                email=locked.email,
                purpose=consent.Purpose.EXPERT_POOL,
                text=pool_consent_text(),
                method=consent.Method.FORM,
                confirmed=True,
            )
    now = timezone.now()
    locked.status, locked.confirmed_at, locked.checked_at, locked.consent = PoolMember.Status.ACTIVE, now, now, record
    locked.save(update_fields=["status", "confirmed_at", "checked_at", "consent", "updated_at"])
    audit.record(actor=None, action="pool.confirmed", target=locked)
    _mail_welcome(locked, base_url)
    return locked


@transaction.atomic
def update_pool_entry(*, member: PoolMember, data: PoolData, changed_by: User | None = None) -> PoolMember:
    """The person changes their own entry (or pauses it); saving it also confirms it is still right."""
    locked = PoolMember.objects.select_for_update().get(pk=member.pk)
    _apply_pool(locked, data)
    if locked.status != PoolMember.Status.PENDING:
        locked.status = PoolMember.Status.PAUSED if data.paused else PoolMember.Status.ACTIVE
    locked.checked_at, locked.check_requested_at = timezone.now(), None
    locked.save()
    _set_pool_relations(locked, data)
    audit.record(actor=changed_by, action="pool.changed", target=locked)
    return locked


def _scrub_pool_mail(email: str, name: str, phone: str = "") -> None:
    """Mail about the pool that named the person (sent to them, or introducing them to an organisation): the mail to
    them goes, and their address and name are taken out of the rest."""
    pool_mail = OutboxMessage.objects.filter(kind__startswith="pool.")
    as_text = pool_mail.annotate(to=Cast("recipients", models.TextField()))
    as_text.filter(to__icontains=email).delete()
    replacements = [(email, ERASED_ADDRESS)]
    if len(name) >= 3:
        replacements.append((name, FORMER_MEMBER))
    if len(phone) >= 6:
        replacements.append((phone, "–"))
    for old, new in replacements:
        for message in pool_mail.filter(Q(body_text__icontains=old) | Q(subject__icontains=old)):
            OutboxMessage.objects.filter(pk=message.pk).update(
                body_text=_replace(message.body_text, old, new), subject=_replace(message.subject, old, new)
            )


def _replace(text: str, old: str, new: str) -> str:
    return re.sub(re.escape(old), new, text, flags=re.IGNORECASE)


@transaction.atomic
def delete_pool_entry(*, member: PoolMember, deleted_by: User | None = None) -> None:
    """The person deletes their entry (or it was never confirmed): it goes with the introductions it was part of, the
    consent records for the pool, the mail about it, and the address in the audit log. Nothing of the person remains;
    the audit log only says that an entry was deleted."""
    locked = PoolMember.objects.select_for_update().get(pk=member.pk)
    email, name, pk, user_id = locked.email, locked.name.strip(), locked.pk, locked.user_id
    phone = locked.phone.strip()
    introduction_ids = [str(i) for i in locked.introductions.values_list("pk", flat=True)]
    locked.delete()
    consent.forget(email=email, purpose=consent.Purpose.EXPERT_POOL)
    _scrub_pool_mail(email, name, phone)
    if user_id is not None:
        # What the person did to their own entry no longer shows that it was them.
        AuditEntry.objects.filter(
            Q(target_type=PoolMember._meta.label_lower, target_id=str(pk))
            | Q(target_type=PoolIntroduction._meta.label_lower, target_id__in=introduction_ids),
            actor_id=user_id,
        ).update(actor=None)
    AuditEntry.objects.create(
        actor=None,
        action="pool.deleted",
        target_type=PoolMember._meta.label_lower,
        target_id=str(pk),
        target_repr=f"ervaringsdeskundige {pk}",
        data={"by_team": deleted_by is not None and deleted_by.pk != user_id},
    )


def send_pool_link(*, email: str, base_url: str | None = None) -> None:
    """Mail the person the link to their own entry, if the address is in the pool (the page says the same either way);
    at most one such mail per address per hour."""
    member = PoolMember.objects.filter(email=email.strip().lower()).first()
    if member is None:
        return
    with transaction.atomic():
        mail.queue_mail(
            key=f"pool-link:{member.pk}:{timezone.now():%Y%m%d%H}",
            kind="pool.link",
            to=[member.email],
            subject=_("De link naar uw inschrijving in de pool"),
            template="localalliances/email/pool_link.txt",
            context={
                "member": member,
                "link": entry_link(member, base_url)
                if member.status != PoolMember.Status.PENDING
                else confirm_link(member, base_url),
            },
            priority=mail.Priority.PERSONAL,
        )


# -- introductions to people in the pool ------------------------------------------------------------------------------


@transaction.atomic
def ask_for_expert(
    *,
    requested_by: User,
    role: str,
    municipality: Municipality,
    question: str,
    organisation: Organisation | None = None,
    alliance: LocalAlliance | None = None,
    challenge: Challenge | None = None,
    when: str = "",
    fee_offered: bool = False,
    base_url: str | None = None,
) -> PoolRequest:
    """An organisation or a local alliance asks the team to be put in touch with an ervaringsdeskundige."""
    if organisation is None and alliance is None:
        raise ValidationError(_("Kies namens welke organisatie of alliantie u het vraagt."))
    request = PoolRequest(
        requested_by=requested_by,
        organisation=organisation,
        alliance=alliance,
        role=role,
        municipality=municipality,
        challenge=challenge,
        question=question.strip(),
        when=when.strip(),
        fee_offered=fee_offered,
    )
    request.full_clean(exclude=["requested_by", "organisation", "alliance"])
    request.save()
    audit.record(actor=requested_by, action="pool.requested", target=request)
    mail.queue_mail(
        key=f"pool-request-team:{request.pk}",
        kind="pool.request_team",
        to=_team_addresses(),
        subject=_("Vraag om een ervaringsdeskundige: %(role)s in %(place)s")
        % {"role": request.get_role_display(), "place": municipality.short_name},
        template="localalliances/email/pool_request_team.txt",
        context={
            "request": request,
            "link": _base(base_url) + reverse("localalliances:pool-request-detail", args=[request.pk]),
        },
        priority=mail.Priority.NOTICE,
    )
    return request


def introduction_link(introduction: PoolIntroduction, base_url: str | None = None, *, follow_up=False) -> str:
    """The signed link to answer an introduction to an ervaringsdeskundige, or (follow_up) to say what came of it."""
    purpose = FOLLOW_UP_PURPOSE if follow_up else PoolIntroduction.LINK_PURPOSE
    name = "pool-follow-up" if follow_up else "pool-introduction"
    return _base(base_url) + reverse(f"localalliances:{name}", kwargs={"token": tokens.make(purpose, introduction.pk)})


@transaction.atomic
def propose_expert(
    *, request: PoolRequest, member: PoolMember, proposed_by: User, message: str = "", base_url: str | None = None
) -> PoolIntroduction:
    """The team proposes someone from the pool for a request. The person is asked first, by mail with a link; the
    organisation learns nothing about them until they say yes."""
    if request.status == PoolRequest.Status.CLOSED:
        raise ValidationError(_("Deze vraag is gesloten."))
    if member.status != PoolMember.Status.ACTIVE:
        raise ValidationError(_("Deze persoon is nu niet beschikbaar."))
    introduction = PoolIntroduction(request=request, member=member, message=message.strip(), introduced_by=proposed_by)
    introduction.full_clean(exclude=["request", "member"])
    try:
        with transaction.atomic():
            introduction.save()
    except IntegrityError:
        raise ValidationError(_("Deze persoon is al gevraagd voor deze vraag.")) from None
    audit.record(actor=proposed_by, action="pool.proposed", target=introduction)
    mail.queue_mail(
        key=f"pool-introduction-ask:{introduction.pk}",
        kind="pool.introduction_ask",
        to=[member.email],
        subject=_("Een organisatie zoekt een ervaringsdeskundige: wilt u kennismaken?"),
        template="localalliances/email/pool_introduction_ask.txt",
        context={"introduction": introduction, "request": request, "link": introduction_link(introduction, base_url)},
        priority=mail.Priority.PERSONAL,
    )
    return introduction


@transaction.atomic
def answer_introduction(
    *, introduction: PoolIntroduction, accept: bool, base_url: str | None = None
) -> PoolIntroduction:
    """The person answers: yes gives both sides each other's name and contact (the introduction); no tells the team,
    without telling the organisation who was asked."""
    locked = PoolIntroduction.objects.select_for_update().select_related("request", "member").get(pk=introduction.pk)
    if locked.status != PoolIntroduction.Status.ASKED:
        raise ValidationError(_("U heeft deze vraag al beantwoord."))
    request, member = locked.request, locked.member
    now = timezone.now()
    if accept:
        locked.status, locked.introduced_at = PoolIntroduction.Status.INTRODUCED, now
        PoolRequest.objects.filter(pk=request.pk, status=PoolRequest.Status.OPEN).update(
            status=PoolRequest.Status.INTRODUCED
        )
    else:
        locked.status = PoolIntroduction.Status.DECLINED
    locked.answered_at = now
    locked.save(update_fields=["status", "introduced_at", "answered_at"])
    audit.record(actor=None, action="pool.answered", target=locked, accepted=accept)
    requester = request.requested_by
    context = {"introduction": locked, "request": request, "member": member, "requester": requester}
    if accept:
        mail.queue_mail(
            key=f"pool-introduction:{locked.pk}:requester",
            kind="pool.introduction",
            to=[requester.email] if requester and requester.is_active else _team_addresses(),
            subject=_("Kennismaking met een ervaringsdeskundige"),
            template="localalliances/email/pool_introduction_requester.txt",
            context=context,
            priority=mail.Priority.PERSONAL,
        )
        mail.queue_mail(
            key=f"pool-introduction:{locked.pk}:member",
            kind="pool.introduction",
            to=[member.email],
            subject=_("Kennismaking met %(name)s") % {"name": request.requester_name},
            template="localalliances/email/pool_introduction_member.txt",
            context=context,
            priority=mail.Priority.PERSONAL,
        )
    else:
        mail.queue_mail(
            key=f"pool-introduction-declined:{locked.pk}",
            kind="pool.introduction_declined",
            to=_team_addresses(),
            subject=_("Een ervaringsdeskundige kan nu niet (vraag %(n)s)") % {"n": request.pk},
            template="localalliances/email/pool_introduction_declined.txt",
            context={
                **context,
                "link": _base(base_url) + reverse("localalliances:pool-request-detail", args=[request.pk]),
            },
            priority=mail.Priority.NOTICE,
        )
    return locked


OUTCOMES = [
    PoolIntroduction.Status.MET,
    PoolIntroduction.Status.COLLABORATING,
    PoolIntroduction.Status.NO_MATCH,
]


@transaction.atomic
def record_introduction_outcome(*, introduction: PoolIntroduction, status: str, outcome: str = "") -> PoolIntroduction:
    """What the introduction led to, from the follow-up link (either side) or the team."""
    locked = PoolIntroduction.objects.select_for_update().get(pk=introduction.pk)
    if locked.status in (PoolIntroduction.Status.ASKED, PoolIntroduction.Status.DECLINED):
        raise ValidationError(_("Deze kennismaking heeft niet plaatsgevonden."))
    if status not in OUTCOMES:
        raise ValidationError({"status": _("Kies wat de kennismaking opleverde.")})
    locked.status, locked.answered_at = status, timezone.now()
    if outcome.strip():
        locked.outcome = outcome.strip()
    locked.full_clean(exclude=["request", "member"])
    locked.save()
    audit.record(actor=None, action="pool.outcome", target=locked, status=status)
    return locked


@transaction.atomic
def close_pool_request(*, request: PoolRequest, closed_by: User, note: str) -> PoolRequest:
    """The team closes a request for an ervaringsdeskundige with a note; audited."""
    locked = PoolRequest.objects.select_for_update().get(pk=request.pk)
    locked.status, locked.closed_note, locked.handled_by = PoolRequest.Status.CLOSED, note.strip(), closed_by
    locked.full_clean(exclude=["requested_by", "organisation", "alliance"])
    locked.save()
    audit.record(actor=closed_by, action="pool.request_closed", target=locked)
    return locked


# -- periodic ---------------------------------------------------------------------------------------------------------


def send_pool_follow_ups(*, now: datetime | None = None, base_url: str | None = None) -> int:
    """Daily: ask both sides of introductions made POOL_FOLLOW_UP_DAYS ago what came of them; each once, however often
    it runs. Returns the introductions asked."""
    now = now or timezone.now()
    due = PoolIntroduction.objects.filter(
        status=PoolIntroduction.Status.INTRODUCED,
        follow_up_sent_at__isnull=True,
        introduced_at__lte=now - timedelta(days=settings.POOL_FOLLOW_UP_DAYS),
    ).select_related("request__requested_by", "request__organisation", "request__alliance", "member")
    asked = 0
    for introduction in due:
        with transaction.atomic():
            requester = introduction.request.requested_by
            to = [introduction.member.email] + ([requester.email] if requester and requester.is_active else [])
            mail.queue_mail(
                key=f"pool-follow-up:{introduction.pk}",
                kind="pool.follow_up",
                to=to,
                subject=_("Heeft de kennismaking iets opgeleverd?"),
                template="localalliances/email/pool_follow_up.txt",
                context={
                    "introduction": introduction,
                    "request": introduction.request,
                    "link": introduction_link(introduction, base_url, follow_up=True),
                },
                priority=mail.Priority.NOTICE,
            )
            PoolIntroduction.objects.filter(pk=introduction.pk).update(follow_up_sent_at=now)
            asked += 1
    return asked


def daily(*, now: datetime | None = None, base_url: str | None = None) -> str:
    """Daily housekeeping, safe to run twice: invitations past their date expire; pool entries never confirmed are
    forgotten; people whose entry was not confirmed for POOL_CHECK_DAYS are asked whether it is still right; handled
    requests to start an alliance lose the requester's name and address after LOCAL_ALLIANCE_REQUEST_KEEP_DAYS."""
    now = now or timezone.now()
    expired = MemberInvitation.objects.filter(status=MemberInvitation.Status.OPEN, expires_at__lte=now).update(
        status=MemberInvitation.Status.EXPIRED
    )
    forgotten = 0
    stale = PoolMember.objects.filter(
        status=PoolMember.Status.PENDING, created_at__lt=now - timedelta(days=settings.POOL_PENDING_DAYS)
    )
    for member in stale:
        delete_pool_entry(member=member)
        forgotten += 1
    check_before = now - timedelta(days=settings.POOL_CHECK_DAYS)
    due = (
        PoolMember.objects.filter(status__in=[PoolMember.Status.ACTIVE, PoolMember.Status.PAUSED])
        .filter(Q(checked_at__lt=check_before) | Q(checked_at__isnull=True, confirmed_at__lt=check_before))
        .filter(Q(check_requested_at__isnull=True) | Q(check_requested_at__lt=check_before))
    )
    asked = 0
    for member in due:
        with transaction.atomic():
            mail.queue_mail(
                key=f"pool-check:{member.pk}:{now:%Y}",
                kind="pool.check",
                to=[member.email],
                subject=_("Klopt uw inschrijving in de pool nog?"),
                template="localalliances/email/pool_check.txt",
                context={"member": member, "link": entry_link(member, base_url)},
                priority=mail.Priority.NOTICE,
            )
            PoolMember.objects.filter(pk=member.pk).update(check_requested_at=now)
            asked += 1
    keep_until = now - timedelta(days=settings.LOCAL_ALLIANCE_REQUEST_KEEP_DAYS)
    old = AllianceRequest.objects.filter(handled_at__lt=keep_until).exclude(email=ERASED_ADDRESS)
    erased = old.update(name=FORMER_MEMBER, email=ERASED_ADDRESS)
    return (
        f"{expired} uitnodigingen verlopen, {forgotten} onbevestigde inschrijvingen vergeten, "
        f"{asked} mensen gevraagd hun inschrijving na te kijken, {erased} aanvragen ontdaan van naam en adres"
    )
