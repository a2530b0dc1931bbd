"""Inviting an organisation the check suggested, and its answer by the link in the mail: a partner joins; a provider
of the sociale kaart becomes an organisation that takes part locally from its own details; the coordinators hear it."""

import re

import pytest
from django.test import Client, TestCase
from django.urls import reverse

from alliantie.core.models import Sector
from alliantie.core.tests.factories import make_membership, make_organisation, make_service, make_user
from alliantie.localalliances.models import MemberInvitation
from alliantie.partners.models import Organisation

pytestmark = pytest.mark.django_db


def invite_url(alliance, **query):
    from urllib.parse import urlencode

    return reverse("localalliances:member-invite", args=[alliance.slug]) + "?" + urlencode(query)


@pytest.fixture
def employer(db):
    employer = make_organisation(
        name="Bakkerij Zoet", sector=Sector.objects.get(slug="werkgever"), email="info@bakkerij.example.org"
    )
    make_membership(make_user(email="bakker@example.org", name="Bram Bakker"), employer, "contact")
    return employer


def test_a_suggested_partner_is_invited_joins_and_the_coordinator_hears_it(personas, employer, mailbox):
    client = personas.client("coordinator")
    url = invite_url(
        personas.alliance,
        organisatie=employer.slug,
        sector="werkgever",
        reden="vult de ontbrekende sector Werkgever / bedrijfsleven; gevestigd in Zoetermeer",
    )
    form = client.get(url)
    assert form.context["form"].initial["email"] == "info@bakkerij.example.org"
    assert "gevestigd in Zoetermeer" in form.content.decode()
    with TestCase.captureOnCommitCallbacks(execute=True):
        sent = client.post(
            url,
            {
                "email": "info@bakkerij.example.org",
                "reason": "vult de sector werkgever",
                "message": "Doet u mee met het ontbijt?",
                "organisatie": employer.slug,
            },
        )
    assert sent["Location"] == personas.alliance.get_absolute_url()
    invitation = mailbox.messages[-1]
    assert set(invitation["To"].split(", ")) == {"info@bakkerij.example.org", "bakker@example.org"}
    link = re.search(r"http://\S+/lokale-allianties/uitnodiging/\S+/", mailbox.body()).group(0)
    answer = Client()
    assert answer.get(link).status_code == 200 and not personas.alliance.members.filter(organisation=employer)
    with TestCase.captureOnCommitCallbacks(execute=True):
        done = answer.post(link, {"answer": "ja", "contribution": "Brood voor het ontbijt"})
    assert done["Location"] == personas.alliance.get_absolute_url()
    member = personas.alliance.members.get(organisation=employer)
    assert member.contribution == "Brood voor het ontbijt"
    assert mailbox.messages[-1]["To"] == "coordinator@example.org"
    assert "Bakkerij Zoet doet mee" in mailbox.messages[-1]["Subject"]
    assert answer.post(link, {"answer": "ja"}).status_code == 400  # answered once


def test_a_provider_of_the_sociale_kaart_becomes_a_local_organisation_from_its_own_details(personas, mailbox):
    service = make_service(national=False, name="Schuldhulp aan huis", needs=["geld-schulden"])
    provider = service.provider
    provider.email, provider.website = "hulp@schuld.example.org", "https://schuld.example.org"
    provider.save()
    client = personas.client("coordinator")
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(
            invite_url(personas.alliance, aanbieder=provider.slug),
            {
                "email": "hulp@schuld.example.org",
                "reason": "op de sociale kaart",
                "aanbieder": provider.slug,
                "sector": "schuldhulp",
            },
        )
    invitation = MemberInvitation.objects.get()
    assert invitation.sector.slug == "schuldhulp"
    link = re.search(r"http://\S+/lokale-allianties/uitnodiging/\S+/", mailbox.body()).group(0)
    Client().post(link, {"answer": "ja"})
    organisation = Organisation.objects.get(name=provider.name)
    assert (organisation.status, organisation.sector.slug, organisation.website) == (
        "local",
        "schuldhulp",
        "https://schuld.example.org",
    )
    assert personas.alliance.members.filter(organisation=organisation).exists()


def test_a_no_is_recorded_and_told_to_the_coordinators(personas, employer, mailbox):
    with TestCase.captureOnCommitCallbacks(execute=True):
        personas.client("coordinator").post(
            invite_url(personas.alliance, organisatie=employer.slug),
            {"email": "info@bakkerij.example.org", "reason": "werkgever", "organisatie": employer.slug},
        )
    link = re.search(r"http://\S+/lokale-allianties/uitnodiging/\S+/", mailbox.body()).group(0)
    with TestCase.captureOnCommitCallbacks(execute=True):
        Client().post(link, {"answer": "nee"})
    assert MemberInvitation.objects.get().status == "declined"
    assert "Bakkerij Zoet doet niet mee" in mailbox.messages[-1]["Subject"]


def test_an_organisation_is_invited_once_at_a_time_and_never_when_it_takes_part(personas, employer):
    client = personas.client("coordinator")
    data = {"email": "info@bakkerij.example.org", "reason": "werkgever", "organisatie": employer.slug}
    client.post(invite_url(personas.alliance, organisatie=employer.slug), data)
    twice = client.post(invite_url(personas.alliance, organisatie=employer.slug), data)
    assert twice.status_code == 400 and "is al uitgenodigd" in twice.content.decode()
    member = client.post(
        invite_url(personas.alliance, organisatie=personas.organisation.slug),
        data | {"organisatie": personas.organisation.slug},
    )
    assert member.status_code == 400 and "doet al mee" in member.content.decode()
    assert MemberInvitation.objects.count() == 1


def test_hostile_input_is_refused_at_the_field_and_html_stays_text(personas, employer):
    client = personas.client("coordinator")
    response = client.post(
        invite_url(personas.alliance, organisatie=employer.slug),
        {"email": "geen-adres", "reason": "", "organisatie": employer.slug},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_email_error"' in html and 'id="id_reason_error"' in html
    assert not MemberInvitation.objects.exists()


def test_an_expired_or_forged_link_answers_nothing(personas, employer):
    from datetime import timedelta

    from django.utils import timezone

    from alliantie.core import tokens

    invitation = MemberInvitation.objects.create(
        alliance=personas.alliance,
        organisation=employer,
        organisation_name=employer.name,
        email="x@example.org",
        reason="r",
        expires_at=timezone.now() - timedelta(days=1),
    )
    link = reverse("localalliances:invitation-answer", args=[tokens.make(MemberInvitation.LINK_PURPOSE, invitation.pk)])
    late = Client().post(link, {"answer": "ja"})
    assert late.status_code == 400 and "verlopen" in late.content.decode()
    forged = reverse("localalliances:invitation-answer", args=[f"{invitation.pk}-{'0' * 32}"])
    assert Client().get(forged).status_code == 404
    assert not personas.alliance.members.filter(organisation=employer).exists()


def test_a_coordinator_of_another_alliance_cannot_invite_for_it(personas, employer):
    response = personas.client("other_coordinator").post(
        invite_url(personas.alliance, organisatie=employer.slug),
        {"email": "info@bakkerij.example.org", "reason": "werkgever", "organisatie": employer.slug},
    )
    assert response.status_code == 403 and not MemberInvitation.objects.exists()


def test_an_unknown_organisation_is_a_404_and_the_pages_take_get_and_post_only(personas):
    client = personas.client("coordinator")
    assert client.get(invite_url(personas.alliance, organisatie="bestaat-niet")).status_code == 404
    assert client.put(invite_url(personas.alliance)).status_code == 405
