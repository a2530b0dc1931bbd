"""The first hour of an applicant and a partner contact (issue 14): no silent defaults, no pages they cannot use
yet, no buttons that can only fail, a clear next step, invitations that can be taken back."""

import re
from datetime import timedelta

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from alliantie.core.models import OutboxMessage
from alliantie.core.tests.factories import PASSWORD, make_membership, make_organisation, make_user
from alliantie.partners.models import Invitation, Membership, Organisation

pytestmark = pytest.mark.django_db


def test_the_application_has_no_silent_sector(client):
    page = client.get(reverse("partners:apply")).content.decode()
    assert re.search(r'<option value="" selected>Kies een sector…</option>', page)
    refused = client.post(reverse("partners:apply"), {"name": "Stichting Zonder Sector"})
    assert "Kies de sector van uw organisatie." in refused.content.decode()


def test_an_applicant_is_not_offered_the_monitor_or_the_marketplace(client):
    applicant = make_organisation(name="Nog Aangemeld", status=Organisation.Status.APPLIED)
    person = make_user(email="nieuw@example.org")
    make_membership(person, applicant, Membership.Role.CONTACT)
    client.post(reverse("accounts:login"), {"username": person.email, "password": PASSWORD})
    menu = client.get(reverse("partners:organisation-mine")).content.decode()
    assert "Mijn organisatie" in menu
    assert reverse("marketplace:post-list") not in menu and reverse("monitoring:mine") not in menu


def test_a_partners_member_is_offered_them(personas):
    menu = personas.client("member").get(reverse("partners:organisation-mine")).content.decode()
    assert reverse("marketplace:post-list") in menu and reverse("monitoring:mine") in menu


def test_after_signing_the_applicant_hears_what_happens_next(client):
    applicant = make_organisation(name="Net Aangemeld", slug="net-aangemeld", status=Organisation.Status.APPLIED)
    person = make_user(email="teken@example.org")
    make_membership(person, applicant, Membership.Role.CONTACT)
    client.post(reverse("accounts:login"), {"username": person.email, "password": PASSWORD})
    signed = client.post(
        reverse("partners:pledge-sign", args=[applicant.slug]),
        {"signatory_name": "Tess Teken", "signatory_function": "directeur", "agree": "on"},
        follow=True,
    )
    assert "kijkt binnen twee weken naar uw aanmelding" in signed.content.decode()


def test_the_welcome_mail_links_to_the_pages_it_talks_about(personas, mailbox):
    from alliantie.partners import services
    from alliantie.partners.models import Pledge, PledgeText

    applicant = make_organisation(name="Welkom Partner", slug="welkom", status=Organisation.Status.APPLIED)
    make_membership(make_user(email="welkom@example.org"), applicant, Membership.Role.CONTACT)
    text = PledgeText.objects.order_by("-version").first()
    Pledge.objects.create(
        organisation=applicant,
        text_version=text,
        text=text.text,
        signatory_name="x",
        signatory_function="y",
        signed_by=personas.users["contact"],
        signed_at=timezone.now(),
        checksum="x" * 64,
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.decide_application(
            organisation=applicant, decided_by=personas.users["project_team"], approve=True, message=""
        )
    body = mailbox.body()
    assert "http://testserver/organisaties/welkom/activiteiten/" in body
    assert "http://testserver/organisaties/welkom/leden/" in body


def test_the_only_contact_person_has_no_remove_button_but_a_reason(personas):
    page = personas.client("contact").get(personas.organisation.get_absolute_url()).content.decode()
    contact = personas.users["contact"].memberships.get()
    member = personas.users["member"].memberships.get()
    assert reverse("partners:member-remove", args=[personas.organisation.slug, contact.pk]) not in page
    assert reverse("partners:member-remove", args=[personas.organisation.slug, member.pk]) in page
    assert "enige contactpersoon" in page


def test_a_pending_invitation_can_be_withdrawn_and_its_waiting_mail_is_not_sent(personas, mailbox):
    client = personas.client("contact")
    mailbox.stop()  # the invitation mail waits in the outbox
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(
            reverse("partners:invite-member", args=[personas.organisation.slug]),
            {"email": "vergissing@example.org", "role": "member"},
        )
    invitation = Invitation.objects.get()
    page = client.get(personas.organisation.get_absolute_url()).content.decode()
    withdraw = reverse("partners:invitation-withdraw", args=[personas.organisation.slug, invitation.pk])
    assert withdraw in page
    assert personas.client("member").post(withdraw).status_code == 403
    assert personas.client("outsider").post(withdraw).status_code == 404
    response = client.post(withdraw, follow=True)
    assert "is ingetrokken" in response.content.decode()
    assert not Invitation.objects.exists()
    assert OutboxMessage.objects.get(kind="partners.invitation").status == "cancelled"
    mailbox.start()
    assert mailbox.deliver() == 0


def test_a_new_partner_without_reports_is_new_not_up_to_date(personas):
    new = make_organisation(name="Vers Erbij", slug="vers", joined_on=timezone.localdate() - timedelta(days=10))
    page = personas.client("project_team").get(new.get_absolute_url()).content.decode()
    assert "nieuw, nog niets gemeld" in page and "actueel" not in page
