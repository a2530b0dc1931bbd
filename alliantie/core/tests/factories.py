"""Plain factory functions for tests: a few lines each, no extra dependency."""

import itertools

from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from alliantie.accounts.models import User
from alliantie.core import versions
from alliantie.core.models import Municipality, Scope, Sector
from alliantie.partners.models import Membership, Organisation

_counter = itertools.count(1)
PASSWORD = "een-lang-testwachtwoord"


def make_user(**overrides) -> User:
    n = next(_counter)
    fields = {"email": f"persoon{n}@example.org", "name": f"Persoon {n}"} | overrides
    password = fields.pop("password", PASSWORD)
    return User.objects.create_user(password=password, **fields)


def make_organisation(**overrides) -> Organisation:
    n = next(_counter)
    fields = {
        "name": f"Organisatie {n}",
        "slug": f"organisatie-{n}",
        "sector": Sector.objects.get(slug="maatschappelijke-organisatie"),
        "scope": Scope.objects.get(code=Scope.Code.LOCAL),
        "municipality": Municipality.objects.get(code="GM0637"),
        "status": Organisation.Status.ACTIVE,
        "joined_on": timezone.localdate(),
    } | overrides
    organisation = Organisation.objects.create(**fields)
    versions.bump(versions.PARTNERS)  # as the services do: cached pages follow the new data
    return organisation


def make_membership(user: User, organisation: Organisation, role: str = Membership.Role.MEMBER) -> Membership:
    return Membership.objects.create(user=user, organisation=organisation, role=role)


def make_totp_device(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Test-app", confirmed=True)


def make_activity(organisation: Organisation, **overrides):
    from alliantie.activities.models import Activity
    from alliantie.core.models import Challenge, ChangeLine

    fields = {
        "title": "Gezond ontbijt op school",
        "description": "Elke ochtend een gezond ontbijt voor leerlingen.",
        "change_line": ChangeLine.objects.get(code="soften"),
        "target_groups": ["children_4_12"],
        "starts_on": timezone.localdate(),
        "involvement": "consulted",
        "involvement_explanation": "Ouders kozen mee wat er op tafel komt.",
    } | overrides
    activity = Activity.objects.create(organisation=organisation, **fields)
    activity.challenges.set([Challenge.objects.get(slug="een-gezonde-dag")])
    versions.bump(versions.PARTNERS)
    return activity


def make_post(organisation: Organisation, **overrides):
    from datetime import timedelta

    from alliantie.marketplace.models import Post

    fields = {
        "kind": Post.Kind.REQUEST,
        "title": "Ontbijt voor onze leerlingen",
        "body": "Veel kinderen komen zonder ontbijt op school.",
        "help_types": ["middelen"],
        "open_until": timezone.localdate() + timedelta(days=30),
    } | overrides
    post = Post.objects.create(organisation=organisation, **fields)
    versions.bump(versions.posts(post.kind))
    return post


def make_introduction(post, other: Organisation, **overrides):
    from alliantie.marketplace.models import Introduction

    fields = {"reason": "beide over Een gezonde dag"} | overrides
    return Introduction.objects.create(post=post, poster=post.organisation, other=other, **fields)


def make_service(partner=None, **overrides):
    from alliantie.socialmap.models import Provider, Service

    n = next(_counter)
    provider = Provider.objects.create(name=f"Aanbieder {n}", slug=f"aanbieder-{n}", partner=partner)
    fields = {
        "name": f"Voorziening {n}",
        "slug": f"voorziening-{n}",
        "description": "Hulp bij schoolkosten.",
        "needs": ["school"],
        "how_to_apply": "Bel ons.",
        "national": True,
    } | overrides
    return Service.objects.create(provider=provider, **fields)


def make_location(service, municipality_code: str = "GM0363", **overrides):
    from alliantie.core.models import Municipality
    from alliantie.socialmap.models import Location

    fields = {
        "name": "Buurthuis De Brug",
        "address": "Kerkstraat 1",
        "postcode": "1017 GC",
        "city": "Amsterdam",
        "latitude": 52.3637,
        "longitude": 4.8932,
    } | overrides
    location = Location.objects.create(
        provider=service.provider, municipality=Municipality.objects.get(code=municipality_code), **fields
    )
    location.services.add(service)
    return location


def make_error_report(service, message: str = "Het telefoonnummer klopt niet meer."):
    from alliantie.socialmap.models import ErrorReport

    return ErrorReport.objects.create(service=service, message=message)


def make_round(status: str = "open", year: int = 2026, **overrides):
    from datetime import timedelta

    from alliantie.monitoring.models import MonitorRound, Questionnaire

    today = timezone.localdate()
    fields = {
        "name": f"Monitor {year}",
        "year": year,
        "questionnaire": Questionnaire.objects.filter(is_template=True).order_by("-version").first(),
        "opens_on": today - timedelta(days=7),
        "closes_on": today + timedelta(days=30),
        "reminder_days": [14, 3],
        "status": status,
    } | overrides
    return MonitorRound.objects.create(**fields)


def make_invitation(monitor_round, organisation, mailed: bool = False, **overrides):
    """An invitation to a round; `mailed` also records its invitation mail as sent in the outbox."""
    from alliantie.core.models import OutboxMessage
    from alliantie.monitoring.models import Invitation

    invitation = Invitation.objects.create(round=monitor_round, organisation=organisation, **overrides)
    if mailed:
        invitation.mail = OutboxMessage.objects.create(
            key=f"monitor-invitation:{invitation.pk}",
            kind="monitor.invitation",
            subject="Monitor",
            body_text="",
            message_id=f"<test.{invitation.pk}@example.org>",
            status=OutboxMessage.Status.SENT,
            sent_at=timezone.now(),
        )
        invitation.save(update_fields=["mail"])
    return invitation


def make_response(monitor_round, organisation, answers: dict | None = None, status: str = "submitted", **overrides):
    """A response with answers by question key: a list for several options, a str option, a number or a text."""
    from decimal import Decimal

    from alliantie.monitoring.models import Answer, Question, Response

    response = Response.objects.create(
        round=monitor_round,
        organisation=organisation,
        status=status,
        submitted_at=timezone.now() if status == "submitted" else None,
        **overrides,
    )
    questions = {q.key: q for q in Question.objects.filter(section__questionnaire=monitor_round.questionnaire_id)}
    rows = []
    for key, value in (answers or {}).items():
        question = questions[key]
        values = value if isinstance(value, list) else [value]
        for item in values:
            if question.kind == "number":
                rows.append(Answer(response=response, question=question, number=Decimal(item)))
            elif question.kind in ("long_text", "short_text"):
                rows.append(Answer(response=response, question=question, text=item))
            else:
                rows.append(Answer(response=response, question=question, option=str(item)))
    Answer.objects.bulk_create(rows)
    versions.bump(versions.monitor_round(monitor_round.pk))
    return response


def make_event(**overrides):
    """An upcoming public kenniskring in Utrecht, tomorrow at two, two hours long, registration open."""
    from datetime import datetime, time, timedelta

    from alliantie.core.models import Challenge
    from alliantie.events.models import Event
    from alliantie.events.services import _reindex

    n = next(_counter)
    day = timezone.localdate() + timedelta(days=overrides.pop("in_days", 10))
    starts = timezone.make_aware(datetime.combine(day, time(14)))
    fields = {
        "kind": "kenniskring",
        "title": f"Kenniskring {n}: Armoede signaleren",
        "slug": f"kenniskring-{n}",
        "summary": "Hoe herken je armoede in de klas?",
        "description": "Met een leerkracht en een ervaringsdeskundige.",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=2),
        "venue": "Stadhuis",
        "municipality": Municipality.objects.get(code="GM0344"),
        "audience": "public",
    } | overrides
    challenges = fields.pop("challenges", [Challenge.objects.get(slug="meedoen")])
    event = Event.objects.create(**fields)
    event.challenges.set(challenges)
    _reindex(event)
    return event


def make_registration(event, **overrides):
    from datetime import timedelta

    from alliantie.events.models import Registration

    n = next(_counter)
    fields = {
        "name": f"Deelnemer {n}",
        "email": f"deelnemer{n}@example.org",
        "organisation_name": "Basisschool De Regenboog",
        "status": "confirmed",
        "confirmed_at": timezone.now() - timedelta(days=1),
    } | overrides
    return Registration.objects.create(event=event, **fields)


def make_item(**overrides):
    """A published public good practice about signalling poverty at school, in the search index."""
    from alliantie.core.models import Challenge, ChangeLine
    from alliantie.knowledge.models import Item
    from alliantie.knowledge.services import _refresh_index

    n = next(_counter)
    fields = {
        "kind": "goede_praktijk",
        "knowledge_source": "praktijk",
        "title": f"Schoolontbijt in Zoetermeer {n}",
        "slug": f"schoolontbijt-{n}",
        "summary": "Vijf partijen zorgen samen voor een gezond ontbijt op school.",
        "body": "Kinderen met schulden thuis komen vaak zonder ontbijt naar school.",
        "status": "published",
        "visibility": "public",
        "published_at": timezone.now(),
        "change_line": ChangeLine.objects.get(code="soften"),
    } | overrides
    challenges = fields.pop("challenges", [Challenge.objects.get(slug="een-gezonde-dag")])
    sectors = fields.pop("sectors", [])
    item = Item.objects.create(**fields)
    item.challenges.set(challenges)
    item.sectors.set(sectors)
    _refresh_index(item)
    return item


def make_local_alliance(name: str = "", codes: tuple[str, ...] = ("GM0637",), coordinators=(), members=(), **overrides):
    """A local alliance in the municipalities with these CBS codes (Zoetermeer unless told), its coordinators (who get
    the coordinator role) and member organisations, in phase verkennen since a month ago."""
    from datetime import timedelta

    from alliantie.localalliances.models import Coordinator, LocalAlliance, Member, PhaseStep

    n = next(_counter)
    fields = {"name": name or f"Lokale alliantie {n}", "slug": f"lokale-alliantie-{n}"} | overrides
    alliance = LocalAlliance.objects.create(**fields)
    alliance.municipalities.set(Municipality.objects.filter(code__in=codes))
    PhaseStep.objects.create(
        alliance=alliance, phase=alliance.phase, started_on=timezone.localdate() - timedelta(days=30)
    )
    for user in coordinators:
        Coordinator.objects.create(alliance=alliance, user=user)
        if not user.team_role and not user.is_superuser:
            User.objects.filter(pk=user.pk).update(team_role="coordinator")
            user.team_role = "coordinator"
    for organisation in members:
        Member.objects.create(alliance=alliance, organisation=organisation)
    return alliance


def make_goal(alliance, **overrides):
    from alliantie.core.models import Challenge, ChangeLine
    from alliantie.localalliances.models import Goal

    fields = {
        "title": "Gezond ontbijt op twee scholen",
        "challenge": Challenge.objects.get(slug="een-gezonde-dag"),
        "change_line": ChangeLine.objects.get(code="soften"),
        "target": "Elke leerling begint de dag met een gezond ontbijt.",
        "target_number": 300,
        "target_unit": "kinderen",
        "status": "loopt",
        "lived_experience": "consulted",
    } | overrides
    return Goal.objects.create(alliance=alliance, **fields)


def make_pool_member(**overrides):
    """An active person in the pool, in Zuid-Holland, who wants to think along and speak."""
    from alliantie.core.models import Province
    from alliantie.localalliances.models import PoolMember

    n = next(_counter)
    fields = {
        "name": f"Ervaringsdeskundige {n}",
        "email": f"ervaring{n}@example.org",
        "roles": ["meedenken", "spreker"],
        "availability": "maandelijks",
        "fee": "onkosten",
        "status": "actief",
        "confirmed_at": timezone.now(),
        "checked_at": timezone.now(),
    } | overrides
    provinces = fields.pop("provinces", ["PV28"])
    member = PoolMember.objects.create(**fields)
    member.provinces.set(Province.objects.filter(code__in=provinces))
    return member
