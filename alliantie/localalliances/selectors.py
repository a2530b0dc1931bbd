"""Reads for the local alliances' pages, the coordinator's start page, the leernetwerk and the pool, each in a fixed
number of queries whatever the number of alliances, members, goals or people."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from alliantie.accounts.permissions import is_project_team
from alliantie.activities.models import Activity
from alliantie.core import geometry
from alliantie.core.models import Challenge, ChangeLine, Municipality, Province, Sector
from alliantie.events import permissions as event_permissions
from alliantie.events.models import Event, EventKind
from alliantie.events.selectors import when_label
from alliantie.knowledge import permissions as knowledge_permissions
from alliantie.knowledge.models import Collection, CollectionEntry
from alliantie.localalliances import check, permissions, suggestions
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
    PoolRole,
    ProgressNote,
)
from alliantie.partners.models import Organisation
from alliantie.socialmap import permissions as socialmap_permissions
from alliantie.socialmap.selectors import due_for_check

PAGE_SIZE = 20
POOL_PAGE_SIZE = 30


@dataclass
class References:
    sectors: dict[str, str]
    sector_rows: list[Sector]
    challenges: list[Challenge]
    lines: list[ChangeLine]


def references() -> References:
    """The sectors, opgaven and 3V lines (three queries)."""
    sectors = list(Sector.objects.order_by("order", Lower("name")))
    return References(
        sectors={s.slug: s.name for s in sectors},
        sector_rows=sectors,
        challenges=list(Challenge.objects.order_by("number")),
        lines=list(ChangeLine.objects.order_by("order")),
    )


def facts_for(alliance_ids: list[int]) -> dict[int, check.Facts]:
    """What the check reads, for many alliances at once (three queries)."""
    facts = {pk: check.Facts() for pk in alliance_ids}
    for alliance_id, sector, name in (
        Member.objects.filter(alliance_id__in=alliance_ids)
        .order_by(Lower("organisation__name"))
        .values_list("alliance_id", "organisation__sector__slug", "organisation__name")
    ):
        facts[alliance_id].member_sectors.setdefault(sector, []).append(name)
    for alliance_id, challenge_id, line, involvement in Goal.objects.filter(alliance_id__in=alliance_ids).values_list(
        "alliance_id", "challenge_id", "change_line__code", "lived_experience"
    ):
        facts[alliance_id].goals.append(check.GoalRow(challenge_id, line, involvement))
    for alliance_id, involvement in Goal.activities.through.objects.filter(
        goal__alliance_id__in=alliance_ids
    ).values_list("goal__alliance_id", "activity__involvement"):
        facts[alliance_id].activity_involvement.append(involvement)
    return facts


def check_for(alliance: LocalAlliance, refs: References | None = None) -> check.Check:
    """The live check of one alliance."""
    refs = refs or references()
    return check.compute(
        facts_for([alliance.pk])[alliance.pk], sectors=refs.sectors, challenges=refs.challenges, lines=refs.lines
    )


# -- the list ---------------------------------------------------------------------------------------------------------


@dataclass
class AllianceFilters:
    query: str = ""
    province: Province | None = None
    phase: str = ""
    municipality: Municipality | None = None


@dataclass
class AllianceCard:
    alliance: LocalAlliance
    places: list[Municipality]
    check: check.Check
    members: int
    goals: int


def _filtered(filters: AllianceFilters):
    alliances = LocalAlliance.objects.all()
    if filters.phase:
        alliances = alliances.filter(phase=filters.phase)
    if filters.province:
        inside = LocalAlliance.municipalities.through.objects.filter(municipality__province=filters.province)
        alliances = alliances.filter(pk__in=inside.values("localalliance_id"))
    if filters.municipality:
        inside = LocalAlliance.municipalities.through.objects.filter(municipality=filters.municipality)
        alliances = alliances.filter(pk__in=inside.values("localalliance_id"))
    if filters.query.strip():
        words = filters.query.strip()[:100]
        places = LocalAlliance.municipalities.through.objects.filter(
            Q(municipality__name__icontains=words) | Q(municipality__short_name__icontains=words)
        )
        alliances = alliances.filter(Q(name__icontains=words) | Q(pk__in=places.values("localalliance_id")))
    return alliances


def alliance_list(filters: AllianceFilters, page_number: object) -> dict:
    """The alliances, active first, with their municipalities and their check.

    Queries: the count and the page's ids (2), the alliances and their municipalities (2), the check's facts (3), the
    reference lists (3), the figures per phase (1)."""
    alliances = _filtered(filters)
    page: Page = Paginator(
        alliances.order_by("ended_on", Lower("name"), "pk").values_list("pk", flat=True), PAGE_SIZE
    ).get_page(page_number)
    ids = list(page.object_list)
    rows = LocalAlliance.objects.filter(pk__in=ids).prefetch_related(
        Prefetch("municipalities", queryset=Municipality.objects.order_by(Lower("name")))
    )
    by_pk = {a.pk: a for a in rows}
    facts = facts_for(ids)
    refs = references()
    page.object_list = [
        AllianceCard(
            alliance=by_pk[pk],
            places=list(by_pk[pk].municipalities.all()),
            check=check.compute(facts[pk], sectors=refs.sectors, challenges=refs.challenges, lines=refs.lines),
            members=sum(len(v) for v in facts[pk].member_sectors.values()),
            goals=len(facts[pk].goals),
        )
        for pk in ids
    ]
    per_phase = dict(LocalAlliance.objects.active().values_list("phase").annotate(n=Count("pk")).order_by())
    return {
        "page": page,
        "phases": [(Phase(p).label, per_phase.get(p, 0)) for p in PHASE_ORDER],
        "active": sum(per_phase.values()),
    }


# -- one alliance -----------------------------------------------------------------------------------------------------


@dataclass
class GoalView:
    goal: Goal
    participants: list[str]
    activities: list[Activity]
    latest: object | None


@dataclass
class MemberGroup:
    sector: str
    members: list[Member]


def _upcoming_meetings(user, alliance: LocalAlliance, places: list[int], limit: int = 6) -> list[dict]:
    """The next leernetwerk meetings and the events in the alliance's municipalities the user may see (one query)."""
    events = (
        event_permissions.visible_events(user)
        .upcoming()
        .filter(Q(kind=EventKind.LEERNETWERK) | Q(municipality_id__in=places))
        .filter(status=Event.Status.PUBLISHED)
        .select_related("municipality")
        .order_by("starts_at", "pk")[:limit]
    )
    return [{"event": e, "when": when_label(e)} for e in events]


def toolkit_for(user, phase: str) -> list[CollectionEntry]:
    """The toolkit items for a phase (and those for every phase), in the team's order; only what the user may read.
    Two queries."""
    collection = Collection.objects.filter(slug=settings.LOCAL_ALLIANCE_TOOLKIT).first()
    if collection is None:
        return []
    visible = knowledge_permissions.visible_items(user).values("pk")
    entries = (
        CollectionEntry.objects.filter(collection=collection, item__in=visible)
        .select_related("item", "local_phases")
        .order_by("position", "pk")
    )
    result = []
    for entry in entries:
        phases = getattr(entry, "local_phases", None)
        if phases is None or not phases.phases or phase in phases.phases:
            result.append(entry)
    return result


def lessons_of(user, alliance: LocalAlliance, limit: int = 20) -> list[Lesson]:
    """The alliance's lessons the user may read, newest first (one query)."""
    visible = knowledge_permissions.visible_items(user).values("pk")
    return list(
        Lesson.objects.filter(alliance=alliance, item__in=visible)
        .select_related("item", "event")
        .order_by("-created_at", "-pk")[:limit]
    )


def alliance_detail(user, alliance: LocalAlliance) -> dict:
    """An alliance's page: where, who takes part (by sector), its agenda and what already happens there, the check,
    upcoming meetings, lessons, the toolkit of its phase; for its coordinators and the team also the suggestions to
    fill missing sectors and the open invitations.

    Queries: municipalities (1), phase steps (1), coordinators (1), members with their organisations (1), goals with
    opgave and line (1), their participants, activities and notes (3), activities here not in a goal (1), the check's
    facts (3), the reference lists (3), upcoming meetings (1 and the user's audiences), lessons (1), the toolkit (2);
    for managers the suggestions (10) and open invitations (1)."""
    can_manage = permissions.can_manage_alliance(user, alliance)
    places = list(alliance.municipalities.select_related("province").order_by(Lower("name")))
    steps = {s.phase: s for s in alliance.phase_steps.order_by("started_on")}
    coordinators = list(Coordinator.objects.filter(alliance=alliance).select_related("user").order_by("since", "pk"))
    members = list(
        alliance.members.select_related("organisation__sector", "organisation__municipality").order_by(
            "organisation__sector__order", "organisation__name"
        )
    )
    groups: list[MemberGroup] = []
    for member in members:
        if not groups or groups[-1].sector != member.organisation.sector.name:
            groups.append(MemberGroup(member.organisation.sector.name, []))
        groups[-1].members.append(member)
    goals = list(
        alliance.goals.select_related("challenge", "change_line")
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=Member.objects.select_related("organisation").order_by(Lower("organisation__name")),
            ),
            Prefetch("activities", queryset=Activity.objects.select_related("organisation").order_by(Lower("title"))),
            Prefetch("notes", queryset=ProgressNote.objects.order_by("-written_on", "-pk")),
        )
        .order_by("challenge__number", Lower("title"), "pk")
    )
    goal_views = [
        GoalView(
            goal=g,
            participants=[m.organisation.name for m in g.participants.all()],
            activities=list(g.activities.all()),
            latest=next(iter(g.notes.all()), None),
        )
        for g in goals
    ]
    linked = {a.pk for g in goal_views for a in g.activities}
    happening = [
        a
        for a in activities_here(alliance)
        .select_related("organisation")
        .prefetch_related(Prefetch("challenges", queryset=Challenge.objects.order_by("number")))
        .order_by(Lower("organisation__name"), Lower("title"))[:30]
        if a.pk not in linked
    ]
    refs = references()
    the_check = check_for(alliance, refs)
    context = {
        "alliance": alliance,
        "places": places,
        "map": geometry.draw_area([m.code for m in places], []),
        "steps": [(Phase(p).label, steps.get(p), p == alliance.phase) for p in PHASE_ORDER],
        "coordinators": coordinators,
        "member_groups": groups,
        "member_count": len(members),
        "goals": goal_views,
        "happening": happening,
        "check": the_check,
        "meetings": _upcoming_meetings(user, alliance, [m.pk for m in places]),
        "lessons": lessons_of(user, alliance),
        "toolkit": toolkit_for(user, alliance.phase),
        "can_manage": can_manage,
        "can_name_coordinators": permissions.can_name_coordinators(user),
        "suggestions": [],
        "invitations": [],
    }
    if can_manage and alliance.is_active:
        context["suggestions"] = suggestions.for_alliance(
            alliance,
            missing=the_check.missing_sectors,
            sector_names=refs.sectors,
            advice={line.slug: line.advice for line in the_check.sectors},
            municipalities=places,
            members={m.organisation_id for m in members},
            goal_challenges={g.challenge_id: g.challenge.name for g in goals},
        )
        context["invitations"] = list(
            alliance.invitations.filter(status=MemberInvitation.Status.OPEN).order_by("-created_at")[:50]
        )
    return context


def member_page(alliance: LocalAlliance) -> dict:
    """The members with what they bring, and the invitations (two queries)."""
    return {
        "members": list(alliance.members.select_related("organisation__sector").order_by(Lower("organisation__name"))),
        "invitations": list(alliance.invitations.select_related("invited_by").order_by("-created_at")[:100]),
    }


def member_choices(alliance: LocalAlliance) -> list[Member]:
    """The alliance's members by name, for a goal's participants."""
    return list(alliance.members.select_related("organisation").order_by(Lower("organisation__name")))


def activity_choices(alliance: LocalAlliance) -> list[Activity]:
    """The first 200 activities of members in the alliance's place, by organisation and title, to link to a goal."""
    return list(
        activities_here(alliance)
        .select_related("organisation")
        .order_by(Lower("organisation__name"), Lower("title"))[:200]
    )


def organisation_by_name(name: str) -> Organisation | None:
    """A partner or an organisation that takes part locally, by its exact name (not case-sensitive)."""
    return Organisation.objects.filter(name__iexact=name.strip(), status__in=MEMBER_STATUSES).order_by("pk").first()


def invitation_target(alliance: LocalAlliance, organisation_slug: str, provider_slug: str):
    """Who the invitation form is for: an organisation (not yet a member) or a provider of the sociale kaart, with the
    address to prefill. None when neither is known."""
    from alliantie.partners.selectors import contact_emails
    from alliantie.socialmap.models import Provider

    if organisation_slug:
        organisation = (
            Organisation.objects.select_related("sector")
            .filter(slug=organisation_slug[:220], status__in=MEMBER_STATUSES)
            .first()
        )
        if organisation is not None:
            emails = contact_emails(organisation)
            return {
                "organisation": organisation,
                "name": organisation.name,
                "sector": organisation.sector,
                "email": organisation.email or (emails[0] if emails else ""),
            }
    if provider_slug:
        provider = Provider.objects.select_related("parent").filter(slug=provider_slug[:220]).first()
        if provider is not None:
            email = provider.email or (provider.parent.email if provider.parent_id else "")
            return {"provider": provider, "name": provider.name, "sector": None, "email": email}
    return None


def event_choices_for_lessons():
    """Leernetwerk meetings of the last two years that have begun, newest first (a query for the form's choices)."""
    now = timezone.now()
    return Event.objects.filter(
        kind=EventKind.LEERNETWERK, starts_at__gte=now - timedelta(days=730), starts_at__lte=now
    ).order_by("-starts_at")


# -- the coordinator's start page -------------------------------------------------------------------------------------


@dataclass
class Workspace:
    alliance: LocalAlliance
    check: check.Check
    goals: list[Goal]
    members: int
    places: list[Municipality]
    invitations: list[MemberInvitation] = field(default_factory=list)


def coordinator_home(user) -> dict:
    """What a coordinator starts with: per alliance they coordinate its check, agenda and members; the upcoming
    meetings; their open invitations and requests to the pool; and the sociale kaart of their area (the services they
    keep, those to check first). The team sees the list of alliances and its worklist instead.

    Queries for a coordinator: their alliances and municipalities (2), the check's facts (3), references (3), goals
    (1), open invitations (1), upcoming leernetwerk meetings (1 and the user's audiences), pool requests (1), the
    services they keep: counts and the first to check (2)."""
    ids = sorted(permissions.coordinated_alliance_ids(user))
    alliances = list(
        LocalAlliance.objects.filter(pk__in=ids)
        .prefetch_related(Prefetch("municipalities", queryset=Municipality.objects.order_by(Lower("name"))))
        .order_by(Lower("name"))
    )
    facts = facts_for(ids)
    refs = references()
    goals: dict[int, list[Goal]] = {}
    for goal in (
        Goal.objects.filter(alliance_id__in=ids)
        .select_related("challenge", "change_line")
        .order_by("challenge__number", Lower("title"))
    ):
        goals.setdefault(goal.alliance_id, []).append(goal)
    invitations: dict[int, list[MemberInvitation]] = {}
    for invitation in MemberInvitation.objects.filter(alliance_id__in=ids, status="open").order_by("-created_at")[:50]:
        invitations.setdefault(invitation.alliance_id, []).append(invitation)
    workspaces = [
        Workspace(
            alliance=a,
            check=check.compute(facts[a.pk], sectors=refs.sectors, challenges=refs.challenges, lines=refs.lines),
            goals=goals.get(a.pk, []),
            members=sum(len(v) for v in facts[a.pk].member_sectors.values()),
            places=list(a.municipalities.all()),
            invitations=invitations.get(a.pk, []),
        )
        for a in alliances
    ]
    meetings = [
        {"event": e, "when": when_label(e)}
        for e in event_permissions.visible_events(user)
        .upcoming()
        .filter(kind=EventKind.LEERNETWERK, status=Event.Status.PUBLISHED)
        .select_related("municipality")
        .order_by("starts_at", "pk")[:4]
    ]
    pool_requests = list(
        PoolRequest.objects.filter(Q(requested_by=user) | Q(alliance_id__in=ids))
        .select_related("municipality")
        .order_by("-created_at")[:10]
    )
    today = timezone.localdate()
    kept = socialmap_permissions.editable_services(user)
    counts = kept.aggregate(total=Count("pk"), due=Count("pk", filter=due_for_check(today)))
    due = list(
        kept.filter(due_for_check(today)).select_related("provider").order_by("last_verified_on", Lower("name"))[:8]
    )
    return {
        "workspaces": workspaces,
        "meetings": meetings,
        "pool_requests": pool_requests,
        "services": {"total": counts["total"], "due": counts["due"], "first": due},
        "pool_count": permissions.visible_pool_members(user).filter(status=PoolMember.Status.ACTIVE).count(),
    }


# -- the team's worklist ----------------------------------------------------------------------------------------------


def worklist() -> dict:
    """What the team answers: new requests to start an alliance, open requests for an ervaringsdeskundige, people who
    said they cannot now, alliances without a coordinator, invitations without an answer for two weeks.
    Six queries."""
    now = timezone.now()
    return {
        "requests": list(
            AllianceRequest.objects.filter(status=AllianceRequest.Status.NEW)
            .prefetch_related(Prefetch("municipalities", queryset=Municipality.objects.order_by(Lower("name"))))
            .order_by("created_at")[:100]
        ),
        "pool_requests": list(
            PoolRequest.objects.exclude(status=PoolRequest.Status.CLOSED)
            .select_related("organisation", "alliance", "municipality")
            .annotate(
                asked=Count("introductions", filter=Q(introductions__status=PoolIntroduction.Status.ASKED)),
                declined=Count("introductions", filter=Q(introductions__status=PoolIntroduction.Status.DECLINED)),
            )
            .order_by("created_at")[:100]
        ),
        "without_coordinator": list(
            LocalAlliance.objects.active()
            .filter(~Exists(Coordinator.objects.filter(alliance=OuterRef("pk"))))
            .order_by(Lower("name"))[:100]
        ),
        "coordinator_invitations": list(
            CoordinatorInvitation.objects.filter(accepted_at__isnull=True, expires_at__gt=now)
            .select_related("alliance")
            .order_by("created_at")[:100]
        ),
        "quiet_invitations": list(
            MemberInvitation.objects.filter(status="open", created_at__lt=now - timedelta(days=14))
            .select_related("alliance")
            .order_by("created_at")[:100]
        ),
        "handled": list(
            AllianceRequest.objects.exclude(status=AllianceRequest.Status.NEW)
            .select_related("alliance")
            .order_by("-handled_at")[:10]
        ),
    }


def request_detail(request: AllianceRequest) -> dict:
    """A request with its municipalities and the alliances already nearby (same province)."""
    places = list(request.municipalities.select_related("province").order_by(Lower("name")))
    provinces = {m.province_id for m in places}
    nearby = list(
        LocalAlliance.objects.active()
        .filter(
            pk__in=LocalAlliance.municipalities.through.objects.filter(municipality__province_id__in=provinces).values(
                "localalliance_id"
            )
        )
        .order_by(Lower("name"))[:20]
    )
    return {"alliance_request": request, "places": places, "nearby": nearby}


# -- the leernetwerk --------------------------------------------------------------------------------------------------


@dataclass
class LessonFilters:
    factor: str = ""
    phase: str = ""
    sector: str = ""


def leernetwerk(user, filters: LessonFilters, page_number: object) -> dict:
    """The leernetwerk: its meetings the user may see (upcoming and the last ones, with the lessons recorded after
    each) and the lessons of every alliance, filtered by factor, phase and sector, newest first."""
    now = timezone.now()
    events = event_permissions.visible_events(user).filter(kind=EventKind.LEERNETWERK)
    upcoming = [
        {"event": e, "when": when_label(e)}
        for e in events.filter(ends_at__gte=now).select_related("municipality").order_by("starts_at", "pk")[:4]
    ]
    visible = knowledge_permissions.visible_items(user).values("pk")
    lesson_counts = Count("local_lessons", filter=Q(local_lessons__item__in=visible))
    past = [
        {"event": e, "when": when_label(e), "lessons": e.n}
        for e in events.filter(ends_at__lt=now)
        .annotate(n=lesson_counts)
        .select_related("municipality")
        .order_by("-starts_at", "-pk")[:8]
    ]
    lessons = Lesson.objects.filter(item__in=visible)
    if filters.factor:
        lessons = lessons.filter(factor=filters.factor)
    if filters.phase:
        lessons = lessons.filter(phase=filters.phase)
    if filters.sector:
        lessons = lessons.filter(item__sectors__slug=filters.sector)
    page = Paginator(
        lessons.select_related("alliance", "item", "event").order_by("-created_at", "-pk"), PAGE_SIZE
    ).get_page(page_number)
    page.object_list = list(page.object_list)
    return {"upcoming": upcoming, "past": past, "page": page, "can_invite": permissions.can_invite_to_leernetwerk(user)}


def leernetwerk_event(user, slug: str) -> Event:
    """A leernetwerk meeting the user may see (404 otherwise)."""
    from django.http import Http404

    event = event_permissions.visible_events(user).filter(kind=EventKind.LEERNETWERK, slug=slug[:220]).first()
    if event is None:
        raise Http404
    return event


@dataclass
class ToolkitRow:
    entry: CollectionEntry
    phases: list[str]


def toolkit_overview() -> list[ToolkitRow]:
    """The toolkit collection with the phases of each item, for the team (one query and the collection)."""
    collection = Collection.objects.filter(slug=settings.LOCAL_ALLIANCE_TOOLKIT).first()
    if collection is None:
        return []
    entries = (
        CollectionEntry.objects.filter(collection=collection)
        .select_related("item", "local_phases")
        .order_by("position", "pk")
    )
    return [ToolkitRow(e, getattr(getattr(e, "local_phases", None), "phases", [])) for e in entries]


# -- the pool ---------------------------------------------------------------------------------------------------------


@dataclass
class PoolFilters:
    role: str = ""
    province: Province | None = None
    challenge: Challenge | None = None
    availability: str = ""
    fee: str = ""


def pool_figures(since: date | None = None) -> dict:
    """The dashboard's figures: people active in the pool now, and how many of them were added since a day (the start
    of a period). One query."""
    since = since or date(timezone.localdate().year, 1, 1)
    start = timezone.make_aware(datetime.combine(since, datetime.min.time()))
    return PoolMember.objects.filter(status=PoolMember.Status.ACTIVE).aggregate(
        active=Count("pk"), added=Count("pk", filter=Q(confirmed_at__gte=start))
    ) | {"since": since}


def alliances_at_end_of(year: int) -> int:
    """How many local alliances there were at the end of a year: made by then and not stopped before (the progress
    report's figure for the target "15 in twee jaar"). One query."""
    end = date(year, 12, 31)
    return (
        LocalAlliance.objects.filter(created_at__date__lte=end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=end))
        .count()
    )


def pool_members_confirmed_in(year: int) -> int:
    """How many ervaringsdeskundigen joined the pool in a year (registration confirmed that year, still in the pool):
    the progress report's figure for "100 extra ervaringsdeskundigen". One query."""
    return PoolMember.objects.filter(confirmed_at__year=year).count()


def public_pool(page_number: object) -> dict:
    """What anyone sees: how many people are in the pool, and those who chose to be named (only that name, their roles,
    provinces and themes)."""
    named = (
        PoolMember.objects.filter(status=PoolMember.Status.ACTIVE, show_publicly=True)
        .prefetch_related("provinces", Prefetch("themes", queryset=Challenge.objects.order_by("number")))
        .order_by("public_name", "pk")
    )
    page = Paginator(named, POOL_PAGE_SIZE).get_page(page_number)
    page.object_list = list(page.object_list)
    return {"page": page, "figures": pool_figures()}


def pool_overview(user, filters: PoolFilters, page_number: object) -> dict:
    """The pool as the team (all) or a coordinator (their region) sees it, filtered.

    Queries: the count and the page (2), provinces, municipalities and themes of the page (3), the figures (1)."""
    members = permissions.visible_pool_members(user)
    if filters.role:
        members = members.filter(roles__icontains=f'"{filters.role}"')
    if filters.province:
        in_province = PoolMember.provinces.through.objects.filter(province=filters.province)
        places = PoolMember.municipalities.through.objects.filter(municipality__province=filters.province)
        members = members.filter(
            Q(nationwide=True)
            | Q(pk__in=in_province.values("poolmember_id"))
            | Q(pk__in=places.values("poolmember_id"))
        )
    if filters.challenge:
        members = members.filter(
            pk__in=PoolMember.themes.through.objects.filter(challenge=filters.challenge).values("poolmember_id")
        )
    if filters.availability:
        members = members.filter(availability=filters.availability)
    if filters.fee:
        members = members.filter(fee=filters.fee)
    page = Paginator(
        members.prefetch_related(
            Prefetch("provinces", queryset=Province.objects.order_by(Lower("name"))),
            Prefetch("municipalities", queryset=Municipality.objects.order_by(Lower("name"))),
            Prefetch("themes", queryset=Challenge.objects.order_by("number")),
        ).order_by(Lower("name"), "pk"),
        POOL_PAGE_SIZE,
    ).get_page(page_number)
    page.object_list = list(page.object_list)
    return {"page": page, "figures": pool_figures(), "is_team": is_project_team(user)}


def pool_member_detail(member: PoolMember) -> dict:
    """What the team's page of one pool entry shows: its regions, themes and introductions."""
    return {
        "member": member,
        "provinces": list(member.provinces.order_by(Lower("name"))),
        "municipalities": list(member.municipalities.order_by(Lower("name"))),
        "themes": list(member.themes.order_by("number")),
        "introductions": list(
            member.introductions.select_related("request__organisation", "request__alliance").order_by("-created_at")
        ),
    }


@dataclass
class Candidate:
    member: PoolMember
    reasons: list[str]
    score: int


def candidates_for(request: PoolRequest) -> list[Candidate]:
    """People in the pool who could answer a request, best first, with why: the role they want, their region, the
    theme, and whether they expect a fee that is offered. Two queries and the prefetches."""
    already = set(request.introductions.values_list("member_id", flat=True))
    place = request.municipality
    region = PoolMember.objects.filter(
        Q(nationwide=True) | Q(provinces=place.province_id) | Q(municipalities=place.pk)
    ).values("pk")
    people = (
        PoolMember.objects.filter(status=PoolMember.Status.ACTIVE, pk__in=region)
        .exclude(pk__in=already)
        .prefetch_related("provinces", "municipalities", "themes")
        .order_by(Lower("name"))[:200]
    )
    found = []
    for member in people:
        reasons, score = [], 0
        if request.role in member.roles:
            reasons.append(_("rol: %(role)s") % {"role": PoolRole(request.role).label})
            score += 3
        if any(m.pk == place.pk for m in member.municipalities.all()):
            reasons.append(_("in %(place)s") % {"place": place.short_name})
            score += 2
        elif any(p.pk == place.province_id for p in member.provinces.all()):
            reasons.append(_("in de provincie van %(place)s") % {"place": place.short_name})
            score += 1
        else:
            reasons.append(_("in heel Nederland"))
        if request.challenge_id and any(c.pk == request.challenge_id for c in member.themes.all()):
            reasons.append(_("thema: %(theme)s") % {"theme": request.challenge.name})
            score += 2
        if member.fee == "vergoeding" and not request.fee_offered:
            reasons.append(_("verwacht een vergoeding; die wordt niet geboden"))
            score -= 2
        found.append(Candidate(member, reasons, score))
    found.sort(key=lambda c: (-c.score, c.member.name))
    return found[:20]


def pool_request_detail(request: PoolRequest) -> dict:
    """A request for an ervaringsdeskundige with its introductions and the fitting candidates."""
    return {
        "pool_request": request,
        "introductions": list(request.introductions.select_related("member").order_by("-created_at")),
        "candidates": candidates_for(request),
    }


def pool_request_choices(user) -> list[tuple[str, str]]:
    """On whose behalf the user may ask: their organisations and the alliances they coordinate."""
    choices = [(f"o{o.pk}", o.name) for o in permissions.registering_organisations(user)]
    ids = permissions.coordinated_alliance_ids(user)
    choices += [(f"a{a.pk}", a.name) for a in LocalAlliance.objects.filter(pk__in=ids).order_by(Lower("name"))]
    return choices


# -- the API ----------------------------------------------------------------------------------------------------------


def api_alliances(filters: AllianceFilters):
    """The alliances for the API, with their municipalities, phases and counts (a query and two prefetches per page)."""
    members = Member.objects.filter(alliance=OuterRef("pk")).order_by().values("alliance").annotate(n=Count("pk"))
    goals = Goal.objects.filter(alliance=OuterRef("pk")).order_by().values("alliance").annotate(n=Count("pk"))
    return (
        _filtered(filters)
        .select_related("initiator")
        .annotate(
            member_count=Coalesce(Subquery(members.values("n")), 0),
            goal_count=Coalesce(Subquery(goals.values("n")), 0),
        )
        .prefetch_related(
            Prefetch("municipalities", queryset=Municipality.objects.order_by("code")),
            Prefetch("phase_steps", queryset=PhaseStep.objects.order_by("started_on", "pk")),
        )
        .order_by("ended_on", Lower("name"), "pk")
    )


def api_goals(alliance: LocalAlliance):
    """The alliance's work agenda for the API, with participants and linked activities."""
    return (
        alliance.goals.select_related("challenge", "change_line")
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=Member.objects.select_related("organisation").order_by(Lower("organisation__name")),
            ),
            Prefetch("activities", queryset=Activity.objects.only("pk").order_by("pk")),
        )
        .order_by("challenge__number", Lower("title"), "pk")
    )


def api_members(alliance: LocalAlliance):
    """The alliance's members for the API, by name."""
    return alliance.members.select_related("organisation__sector").order_by(Lower("organisation__name"), "pk")


def activities_here(alliance: LocalAlliance):
    """The activities of member organisations that take place in the alliance's municipalities (or, without a place
    of their own, of members seated there): what already happens."""
    places = alliance.municipalities.values("pk")
    members = alliance.members.values("organisation_id")
    placed = Activity.municipalities.through.objects.filter(municipality__in=places).values("activity_id")
    return Activity.objects.filter(organisation__in=members).filter(
        Q(pk__in=placed) | Q(municipalities__isnull=True, organisation__municipality__in=places)
    )
