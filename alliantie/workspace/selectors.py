"""What each person should do next, read from every app in a fixed number of queries.

A task is something the person can do now, with a link to the page where it is done; a note is
something they are waiting for. Partners get one section per organisation they belong to; the project
team gets its own section."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alliantie.accountability.permissions import can_follow_up_partners
from alliantie.accountability.worklist import worklist_size
from alliantie.accounts.permissions import is_project_team
from alliantie.activities.models import Activity
from alliantie.backoffice.permissions import can_see_platform
from alliantie.core.models import OutboxMessage
from alliantie.marketplace.models import Introduction, Post
from alliantie.monitoring.models import Invitation as MonitorInvitation
from alliantie.monitoring.models import MonitorRound, Response
from alliantie.partners.models import Membership, Nomination, Organisation, Pledge

OPEN_POSTS_SHOWN = 5


@dataclass
class Task:
    text: str
    url: str
    link_text: str
    detail: str = ""
    due: date | None = None
    urgent: bool = False
    links: list[tuple[str, str]] = field(default_factory=list)  # (url, text) under the task, such as open posts


@dataclass
class Section:
    title: str
    tasks: list[Task] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    url: str = ""


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def _open_invitations(organisation_ids: list[int]) -> dict[int, list[MonitorInvitation]]:
    """The open rounds' invitations of these organisations that are not submitted, with a draft flag."""
    responses = Response.objects.filter(round=OuterRef("round"), organisation=OuterRef("organisation"))
    invitations = (
        MonitorInvitation.objects.filter(organisation__in=organisation_ids, round__status=MonitorRound.Status.OPEN)
        .annotate(
            submitted=Exists(responses.filter(status=Response.Status.SUBMITTED)),
            drafted=Exists(responses.filter(status=Response.Status.DRAFT)),
        )
        .filter(submitted=False)
        .select_related("round")
        .order_by("round__closes_on")
    )
    found: dict[int, list[MonitorInvitation]] = {}
    for invitation in invitations:
        found.setdefault(invitation.organisation_id, []).append(invitation)
    return found


def _activity_counts(organisation_ids: list[int], today: date) -> dict[int, dict]:
    """Per organisation: its running activities, and those without progress reported this year."""
    start_of_year = date(today.year, 1, 1)
    rows = (
        Activity.objects.filter(organisation__in=organisation_ids)
        .annotate(last_update=Max("progress_updates__reported_on"))
        .values("organisation_id", "pk", "starts_on", "ends_on", "last_update")
    )
    counts = {pk: {"all": 0, "without_update": 0} for pk in organisation_ids}
    for row in rows:
        counts[row["organisation_id"]]["all"] += 1
        is_running = row["ends_on"] is None or row["ends_on"] >= start_of_year
        started = row["starts_on"] <= today
        if is_running and started and (row["last_update"] is None or row["last_update"] < start_of_year):
            counts[row["organisation_id"]]["without_update"] += 1
    return counts


def _introductions_to_answer(organisation_ids: list[int]) -> dict[int, int]:
    """Introductions still 'voorgesteld' per organisation (as poster or as the other side)."""
    proposed = Introduction.objects.filter(status=Introduction.Status.PROPOSED)
    counts: dict[int, int] = dict.fromkeys(organisation_ids, 0)
    for poster_id, other_id in proposed.filter(
        Q(poster__in=organisation_ids) | Q(other__in=organisation_ids)
    ).values_list("poster_id", "other_id"):
        for pk in {poster_id, other_id}:
            if pk in counts:
                counts[pk] += 1
    return counts


def _open_posts(organisation_ids: list[int]) -> dict[int, list[Post]]:
    posts = Post.objects.filter(organisation__in=organisation_ids, status=Post.Status.OPEN).order_by("open_until")
    found: dict[int, list[Post]] = {}
    for post in posts.only("pk", "organisation_id", "title", "kind", "open_until"):
        found.setdefault(post.organisation_id, []).append(post)
    return found


def _organisation_section(
    membership: Membership,
    *,
    signed: set[int],
    invitations: dict[int, list[MonitorInvitation]],
    activities: dict[int, dict],
    introductions: dict[int, int],
    posts: dict[int, list[Post]],
    nominated: set[int],
    today: date,
) -> Section:
    organisation = membership.organisation
    section = Section(title=organisation.name, url=organisation.get_absolute_url())
    is_contact = membership.role == Membership.Role.CONTACT
    slug = {"slug": organisation.slug}
    if organisation.status == Organisation.Status.APPLIED:
        if organisation.pk not in signed:
            if is_contact:
                section.tasks.append(
                    Task(
                        _("Onderteken de belofte: daarna beoordeelt het projectteam uw aanmelding."),
                        reverse("partners:pledge-sign", kwargs=slug),
                        _("Belofte ondertekenen"),
                        urgent=True,
                    )
                )
            else:
                section.notes.append(_("De contactpersoon van uw organisatie ondertekent de belofte nog."))
        else:
            section.notes.append(
                _(
                    "Uw aanmelding is compleet. Het projectteam kijkt binnen twee weken naar uw aanmelding en laat "
                    "het u per e-mail weten."
                )
            )
        section.tasks.append(
            Task(
                _("Beschrijf alvast wat uw organisatie doet tegen kinderarmoede."),
                reverse("activities:activity-create", kwargs=slug),
                _("Activiteit toevoegen"),
            )
        )
        return section
    if not organisation.is_partner:
        section.notes.append(_("Uw organisatie is geen partner (meer); er staat niets voor u open."))
        return section

    for invitation in invitations.get(organisation.pk, []):
        monitor_round = invitation.round
        text = (
            _("Maak de monitor %(year)s af: u bent begonnen, maar hebt nog niet ingediend.")
            if invitation.drafted
            else _("Vul de monitor %(year)s in.")
        ) % {"year": monitor_round.year}
        section.tasks.append(
            Task(
                text,
                reverse("monitoring:answer", kwargs={"token": invitation.token}),
                _("Monitor invullen"),
                detail=_("Sluit op %(day)s.") % {"day": _day(monitor_round.closes_on)},
                due=monitor_round.closes_on,
                urgent=(monitor_round.closes_on - today).days <= 14,
            )
        )
    counts = activities.get(organisation.pk, {"all": 0, "without_update": 0})
    if counts["all"] == 0:
        section.tasks.append(
            Task(
                _("Uw organisatie heeft nog geen activiteit gemeld. Vertel wat u doet: dan kunnen anderen u vinden."),
                reverse("activities:activity-create", kwargs=slug),
                _("Eerste activiteit melden"),
            )
        )
    elif counts["without_update"]:
        count = counts["without_update"]
        section.tasks.append(
            Task(
                ngettext(
                    "%(count)d lopende activiteit heeft in %(year)d nog geen voortgang.",
                    "%(count)d lopende activiteiten hebben in %(year)d nog geen voortgang.",
                    count,
                )
                % {"count": count, "year": today.year},
                reverse("activities:activity-list", kwargs=slug),
                _("Voortgang doorgeven"),
            )
        )
    if introductions.get(organisation.pk):
        count = introductions[organisation.pk]
        section.tasks.append(
            Task(
                ngettext(
                    "%(count)d kennismaking wacht op uw antwoord: laat weten of u contact hebt gehad.",
                    "%(count)d kennismakingen wachten op uw antwoord: laat weten of u contact hebt gehad.",
                    count,
                )
                % {"count": count},
                reverse("marketplace:introduction-list"),
                _("Kennismakingen bekijken"),
            )
        )
    open_posts = posts.get(organisation.pk, [])
    if open_posts:
        expired = sum(1 for post in open_posts if post.open_until < today)
        text = ngettext(
            "%(count)d bericht van uw organisatie staat open op de marktplaats.",
            "%(count)d berichten van uw organisatie staan open op de marktplaats.",
            len(open_posts),
        ) % {"count": len(open_posts)}
        detail = (
            ngettext(
                "%(count)d is verlopen: sluit het met de uitkomst, of verleng het.",
                "%(count)d zijn verlopen: sluit ze met de uitkomst, of verleng ze.",
                expired,
            )
            % {"count": expired}
            if expired
            else _("Is een vraag beantwoord of een aanbod vergeven? Sluit het bericht met de uitkomst.")
        )
        section.tasks.append(
            Task(
                text,
                reverse("marketplace:post-list"),
                _("Naar de marktplaats"),
                detail=detail,
                urgent=bool(expired),
                links=[
                    (
                        post.get_absolute_url(),
                        _("%(title)s (open tot %(day)s)") % {"title": post.title, "day": _day(post.open_until)},
                    )
                    for post in open_posts[:OPEN_POSTS_SHOWN]
                ],
            )
        )
    if organisation.pk not in nominated:
        section.tasks.append(
            Task(
                _("Kent u een organisatie die ook mee zou moeten doen? Draag haar voor; wij nodigen haar uit."),
                reverse("partners:nominate", kwargs=slug),
                _("Organisatie voordragen"),
            )
        )
    if not section.tasks:
        section.notes.append(_("Alles is bij: er staat voor deze organisatie niets open."))
    return section


def _team_section(user, today: date) -> Section:
    section = Section(title=_("Projectteam"))
    applications = Organisation.objects.filter(status=Organisation.Status.APPLIED).aggregate(
        total=Count("pk"), complete=Count("pk", filter=Exists(Pledge.objects.filter(organisation=OuterRef("pk"))))
    )
    if applications["total"]:
        section.tasks.append(
            Task(
                ngettext(
                    "%(count)d aanmelding wacht op een besluit.",
                    "%(count)d aanmeldingen wachten op een besluit.",
                    applications["total"],
                )
                % {"count": applications["total"]},
                reverse("partners:application-list"),
                _("Aanmeldingen beoordelen"),
                detail=ngettext(
                    "%(count)d heeft de belofte ondertekend.",
                    "%(count)d hebben de belofte ondertekend.",
                    applications["complete"],
                )
                % {"count": applications["complete"]},
                urgent=applications["complete"] > 0,
            )
        )
    if can_follow_up_partners(user):
        size = worklist_size(today)
        if size:
            section.tasks.append(
                Task(
                    ngettext(
                        "%(count)d partner staat op de opvolglijst.",
                        "%(count)d partners staan op de opvolglijst.",
                        size,
                    )
                    % {"count": size},
                    reverse("accountability:worklist"),
                    _("Naar de opvolglijst"),
                )
            )

    def counted(queryset) -> Subquery:  # a subquery per count: joining both would multiply the rows
        return Subquery(
            queryset.filter(round=OuterRef("pk")).order_by().values("round").annotate(n=Count("pk")).values("n")
        )

    rounds = MonitorRound.objects.filter(status=MonitorRound.Status.OPEN).annotate(
        invited=Coalesce(counted(MonitorInvitation.objects.all()), 0),
        answered=Coalesce(counted(Response.objects.filter(status=Response.Status.SUBMITTED)), 0),
    )
    for monitor_round in rounds.order_by("closes_on"):
        rate = round(100 * monitor_round.answered / monitor_round.invited) if monitor_round.invited else 0
        section.tasks.append(
            Task(
                _("Monitor %(year)s: %(answered)d van %(invited)d partners hebben ingediend (%(rate)d%%).")
                % {
                    "year": monitor_round.year,
                    "answered": monitor_round.answered,
                    "invited": monitor_round.invited,
                    "rate": rate,
                },
                reverse("monitoring:round-detail", kwargs={"pk": monitor_round.pk}),
                _("Respons bekijken"),
                detail=_("Sluit op %(day)s.") % {"day": _day(monitor_round.closes_on)},
                due=monitor_round.closes_on,
            )
        )
    if can_see_platform(user):
        failed = OutboxMessage.objects.filter(status=OutboxMessage.Status.FAILED).count()
        if failed:
            section.tasks.append(
                Task(
                    ngettext(
                        "%(count)d e-mail kon niet worden verstuurd.",
                        "%(count)d e-mails konden niet worden verstuurd.",
                        failed,
                    )
                    % {"count": failed},
                    reverse("backoffice:outbox") + "?status=" + OutboxMessage.Status.FAILED,
                    _("Uitgaande e-mail bekijken"),
                    urgent=True,
                )
            )
    if not section.tasks:
        section.notes.append(_("Alles is bij: er wacht niets op het projectteam."))
    return section


def work_for(user, today: date | None = None) -> dict:
    """The start page of a person: a section per organisation they belong to, and the team's section."""
    today = today or timezone.localdate()
    memberships = list(
        Membership.objects.filter(user=user)
        .exclude(organisation__status__in=[Organisation.Status.DECLINED])
        .select_related("organisation")
        .order_by(Lower("organisation__name"))
    )
    ids = [membership.organisation_id for membership in memberships]
    sections = []
    if ids:
        context = {
            "signed": set(Pledge.objects.filter(organisation__in=ids).values_list("organisation_id", flat=True)),
            "invitations": _open_invitations(ids),
            "activities": _activity_counts(ids, today),
            "introductions": _introductions_to_answer(ids),
            "posts": _open_posts(ids),
            "nominated": set(Nomination.objects.filter(nominated_by__in=ids).values_list("nominated_by_id", flat=True)),
        }
        sections = [_organisation_section(membership, today=today, **context) for membership in memberships]
    if is_project_team(user):
        sections.insert(0, _team_section(user, today))
    return {"sections": sections, "has_organisation": bool(ids), "today": today}
