"""What the local alliances give the dashboard (reports) and the Voortgangsrapportage (monitoring), both earlier apps
that never import this one: two definitions for targets, the alliance and its phase per municipality, their part of
the figures' fingerprint, the ties between members of the same alliance, and the yearly counts of the report.
Registered once from LocalAlliancesConfig.ready(); registering again replaces, so a reload does no harm."""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Count, Max, QuerySet
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alliantie.localalliances import selectors
from alliantie.localalliances.models import LocalAlliance, Member, Phase, PoolMember
from alliantie.monitoring import report
from alliantie.reports import definitions, network, precompute


def active_alliances(target: object = None) -> QuerySet[LocalAlliance]:
    """The alliances the target "lokale-allianties" counts: those that have not stopped, newest first."""
    return LocalAlliance.objects.active().order_by("-created_at", "pk")


def confirmed_pool_members(target: object = None) -> QuerySet[PoolMember]:
    """The people the target "ervaringsdeskundigen" counts: entries in the pool whose registration was confirmed."""
    return PoolMember.objects.exclude(confirmed_at=None).order_by("-confirmed_at", "pk")


def alliance_link(alliance: LocalAlliance) -> str:
    return alliance.get_absolute_url()


def pool_member_link(member: PoolMember) -> str:
    # The team's page of the entry (the dashboard is the team's too); the link text never holds the name.
    return reverse("localalliances:pool-member", args=[member.pk])


def pool_member_label(member: PoolMember) -> str:
    return str(member)  # "ervaringsdeskundige 12": never the name, which belongs to the person


def alliances_per_municipality() -> dict[int, tuple[str, str]]:
    """Municipality id → (name, phase) of the active alliance there, in one query. Where two alliances share a
    municipality, the one whose name sorts last is shown (the table has room for one)."""
    rows = (
        LocalAlliance.municipalities.through.objects.filter(localalliance__ended_on__isnull=True)
        .order_by(Lower("localalliance__name"), "localalliance_id")
        .values_list("municipality_id", "localalliance__name", "localalliance__phase")
    )
    return {municipality: (name, str(Phase(phase).label)) for municipality, name, phase in rows}


def fingerprint_part() -> str:
    """The state of the alliances and their members, for precompute: a change remakes the figures."""
    alliances = LocalAlliance.objects.order_by().aggregate(n=Count("pk"), last=Max("updated_at"))
    members = Member.objects.order_by().aggregate(n=Count("pk"), last=Max("pk"))
    last = alliances["last"].timestamp() if alliances["last"] else 0
    return f"la{alliances['n']}@{last}:{members['n']}/{members['last'] or 0}"


def member_pairs() -> Iterable[tuple[int, int]]:
    """Every pair of organisations in the same active alliance (the network keeps only the partners among them)."""
    members: dict[int, list[int]] = defaultdict(list)
    rows = (
        Member.objects.filter(alliance__ended_on__isnull=True)
        .order_by("alliance_id", "organisation_id")
        .values_list("alliance_id", "organisation_id")
    )
    for alliance_id, organisation_id in rows:
        members[alliance_id].append(organisation_id)
    for organisations in members.values():
        for i, first in enumerate(organisations):
            for second in organisations[i + 1 :]:
                yield first, second


def register() -> None:
    """Give the dashboard and the progress report what this app counts."""
    definitions.register(
        definitions.from_records(
            key="lokale-allianties",
            cumulative=True,
            date_field="created_at",
            label=_("Lokale allianties"),
            counts=_("Lokale allianties die nu bestaan (niet gestopt), vanaf de dag dat ze zijn aangemaakt."),
            leaves_out=_(
                "Gestopte allianties (ook in de maanden dat ze nog bestonden) en aanvragen die (nog) geen alliantie "
                "werden."
            ),
            records=active_alliances,
            record_link=alliance_link,
        )
    )
    definitions.register(
        definitions.from_records(
            key="ervaringsdeskundigen",
            date_field="confirmed_at",
            label=_("Nieuwe ervaringsdeskundigen in de pool"),
            counts=_("Ervaringsdeskundigen die zich in de periode aanmeldden en hun aanmelding bevestigden."),
            leaves_out=_("Aanmeldingen die niet bevestigd zijn, en wie zich weer afmeldde (de gegevens zijn dan weg)."),
            records=confirmed_pool_members,
            record_link=pool_member_link,
            record_label=pool_member_label,
        )
    )
    if alliances_per_municipality not in precompute.LOCAL_ALLIANCE_SOURCES:
        precompute.LOCAL_ALLIANCE_SOURCES.append(alliances_per_municipality)
    if fingerprint_part not in precompute.FINGERPRINT_PARTS:
        precompute.FINGERPRINT_PARTS.append(fingerprint_part)
    network.register_edges("lokale-alliantie", _("samen in een lokale alliantie"), member_pairs)
    report.register_yearly_counter("local_alliances", selectors.alliances_at_end_of)
    report.register_yearly_counter("experts", selectors.pool_members_confirmed_in)
