"""Plain factory functions for tests: a few lines each, no extra dependency."""

import itertools

from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from alliantie.accounts.models import User
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
    return Organisation.objects.create(**fields)


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
    return Post.objects.create(organisation=organisation, **fields)


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
