import re
from datetime import timedelta

import pytest
import time_machine
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from alliantie.core.models import AuditEntry
from alliantie.core.tests.factories import PASSWORD, make_membership, make_organisation, make_user
from alliantie.partners.models import Invitation, Membership

pytestmark = pytest.mark.django_db


def invite(personas, email="nieuw@example.org", role="member", as_role="contact"):
    """Post the invitation form; the mail that goes out after the commit is sent before this returns."""
    url = reverse("partners:invite-member", kwargs={"slug": personas.organisation.slug})
    with TestCase.captureOnCommitCallbacks(execute=True):
        return personas.client(as_role).post(url, {"email": email, "role": role})


def link_path(mailbox) -> str:
    return re.search(r"http://testserver(/uitnodiging/\S+/)", mailbox.body()).group(1)


def test_a_contact_invites_a_colleague_who_makes_an_account_and_joins(personas, mailbox, client):
    response = invite(personas)
    assert response["Location"] == personas.organisation.get_absolute_url()
    assert len(mailbox.messages) == 1
    assert mailbox.messages[0]["To"] == "nieuw@example.org"
    assert "Cas Contact nodigt u uit om mee te doen met Gemeente Testdorp" in mailbox.body()
    path = link_path(mailbox)
    page = client.get(path)
    assert "Maak uw account" in page.content.decode()
    joined = client.post(
        path, {"name": "Nina Nieuw", "password1": "mijn eigen lange zin", "password2": "mijn eigen lange zin"}
    )
    assert joined["Location"] == personas.organisation.get_absolute_url()
    membership = Membership.objects.get(user__email="nieuw@example.org")
    assert membership.organisation == personas.organisation
    assert membership.role == Membership.Role.MEMBER
    assert client.get(joined["Location"]).status_code == 200
    assert AuditEntry.objects.filter(action="invitation.accepted").exists()


def test_the_link_works_once(personas, mailbox, client):
    invite(personas)
    path = link_path(mailbox)
    client.post(path, {"name": "Nina", "password1": "mijn eigen lange zin", "password2": "mijn eigen lange zin"})
    client.logout()
    again = client.get(path)
    assert again.status_code == 404
    assert "Deze uitnodiging werkt niet meer" in again.content.decode()


def test_the_link_expires_after_seven_days(personas, mailbox, client):
    invite(personas)
    path = link_path(mailbox)
    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        assert client.get(path).status_code == 404


def test_a_person_can_belong_to_two_organisations(personas, mailbox):
    outsider = personas.users["outsider"]
    invite(personas, email=outsider.email)
    client = personas.client("outsider")
    page = client.get(link_path(mailbox))
    assert "U bent ingelogd als buiten@example.org" in page.content.decode()
    client.post(link_path(mailbox))
    assert set(outsider.memberships.values_list("organisation__slug", flat=True)) == {
        "gemeente-testdorp",
        "voedselbank-elders",
    }
    mine = client.get(reverse("partners:organisation-mine")).content.decode()
    assert "Gemeente Testdorp" in mine and "Voedselbank Elders" in mine


def test_someone_with_an_account_who_is_not_logged_in_is_asked_to_log_in(personas, mailbox, client):
    invite(personas, email="buiten@example.org")
    path = link_path(mailbox)
    html = client.get(path).content.decode()
    assert "Er is al een account met dit e-mailadres" in html
    response = client.post(
        path, {"name": "Kaper", "password1": "een ander wachtwoord", "password2": "een ander wachtwoord"}
    )
    assert response.status_code == 200
    assert not Membership.objects.filter(user__email="buiten@example.org", organisation=personas.organisation).exists()
    client.post(reverse("accounts:login") + f"?next={path}", {"username": "buiten@example.org", "password": PASSWORD})
    client.post(path)
    assert Membership.objects.filter(user__email="buiten@example.org", organisation=personas.organisation).exists()


def test_a_member_who_is_not_the_contact_cannot_invite(personas, mailbox):
    assert invite(personas, as_role="member").status_code == 403
    assert invite(personas, as_role="outsider").status_code == 404
    assert not Invitation.objects.exists()
    assert mailbox.messages == []


def test_hostile_and_malformed_input_gets_dutch_messages_and_saves_nothing(personas, mailbox):
    response = invite(personas, email="<script>alert(1)</script>", role="koning")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Voer een geldig e-mailadres in" in html
    assert "Selecteer een geldige keuze" in html
    assert "<script>alert(1)</script>" not in html
    assert invite(personas, email="x" * 300 + "@example.org").status_code == 400
    assert not Invitation.objects.exists()


def test_inviting_someone_who_already_belongs_is_refused(personas, mailbox):
    response = invite(personas, email="medewerker@example.org")
    assert response.status_code == 400
    assert "Deze persoon hoort al bij Gemeente Testdorp" in response.content.decode()


def test_a_second_invitation_replaces_the_first(personas, mailbox, client):
    invite(personas)
    first = link_path(mailbox)
    invite(personas, role="contact")
    assert client.get(first).status_code == 404
    assert Invitation.objects.filter(email="nieuw@example.org").count() == 1
    assert Invitation.objects.get().role == "contact"


def test_a_name_with_html_is_stored_as_text_and_shown_inert(personas, mailbox, client):
    invite(personas)
    path = link_path(mailbox)
    client.post(
        path,
        {
            "name": '<img src=x onerror="alert(1)">',
            "password1": "mijn eigen lange zin",
            "password2": "mijn eigen lange zin",
        },
    )
    html = personas.client("contact").get(personas.organisation.get_absolute_url()).content.decode()
    assert '<img src=x onerror="alert(1)">' not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


def test_a_weak_password_or_two_different_ones_are_refused(personas, mailbox, client):
    invite(personas)
    path = link_path(mailbox)
    short = client.post(path, {"name": "Nina", "password1": "kort", "password2": "kort"})
    assert "Dit wachtwoord is te kort" in short.content.decode()
    different = client.post(
        path, {"name": "Nina", "password1": "mijn eigen lange zin", "password2": "een andere lange zin"}
    )
    assert "De twee wachtwoorden zijn niet gelijk" in different.content.decode()
    assert not Membership.objects.filter(user__email="nieuw@example.org").exists()


def test_the_invitation_waits_in_the_outbox_while_the_mail_server_is_down_and_goes_out_once_later(personas, mailbox):
    from alliantie.core import mail

    mailbox.stop()
    response = invite(personas)
    assert response.status_code == 302
    invitation = Invitation.objects.select_related("mail").get()
    assert invitation.mail.status == "waiting"
    assert "ConnectionRefusedError" in invitation.mail.last_error
    html = personas.client("contact").get(personas.organisation.get_absolute_url()).content.decode()
    assert "we proberen het opnieuw" in html
    mailbox.start()
    with time_machine.travel(timezone.now() + timedelta(minutes=3)):
        assert mail.deliver_due().sent == 1
        assert mail.deliver_due().sent == 0
    assert [m["To"] for m in mailbox.messages] == ["nieuw@example.org"]


def test_the_members_page_takes_the_same_queries_for_one_member_or_thirty(personas, django_assert_num_queries):
    client = personas.client("contact")
    url = personas.organisation.get_absolute_url()
    # 1 session, 2 user, 3 organisation with its pledge, 4 viewer's membership (asked once for seeing and
    # managing), 5 members with users, 6 open invitations
    with django_assert_num_queries(6):
        assert client.get(url).status_code == 200
    for _ in range(30):
        make_membership(make_user(), personas.organisation)
    with django_assert_num_queries(6):
        assert client.get(url).status_code == 200


def test_the_project_team_sees_and_manages_any_organisations_members(personas):
    other = make_organisation()
    url = reverse("partners:organisation-members", kwargs={"slug": other.slug})
    assert personas.client("project_team").get(url).status_code == 200
    assert personas.client("coordinator").get(url).status_code == 404


def test_the_members_page_says_whether_the_pledge_is_signed(personas):
    from alliantie.partners.services import sign_pledge

    client = personas.client("member")
    assert "De belofte (nog niet ondertekend)" in client.get(personas.organisation.get_absolute_url()).content.decode()
    sign_pledge(
        organisation=personas.organisation,
        signed_by=personas.users["contact"],
        signatory_name="Cas",
        signatory_function="wethouder",
    )
    html = client.get(personas.organisation.get_absolute_url()).content.decode()
    assert "De ondertekende belofte" in html and "nog niet ondertekend" not in html


@pytest.mark.parametrize("role", ["member", "contact"])
def test_an_invitation_can_only_be_accepted_by_the_invited_address(personas, mailbox, role):
    invite(personas, email="nieuw@example.org", role=role)
    path = link_path(mailbox)
    outsider = personas.client("outsider")  # logged in as buiten@example.org, contact elsewhere
    page = outsider.get(path)
    assert page.status_code == 403
    html = page.content.decode()
    assert "Deze uitnodiging is voor nieuw@example.org" in html
    assert "U bent ingelogd als buiten@example.org" in html
    assert "Log uit" in html and "vraag" in html.lower()
    assert "Uitnodiging aannemen" not in html
    refused = outsider.post(path)
    assert refused.status_code == 403
    assert not Membership.objects.filter(user__email="buiten@example.org", organisation=personas.organisation).exists()
    assert Invitation.objects.get().is_open
    assert not AuditEntry.objects.filter(action="invitation.accepted").exists()
    # after logging out, the invited person still makes an account with the same link
    assert f'name="next" value="{path}"' in html
    assert outsider.post(reverse("accounts:logout"), {"next": path})["Location"] == path
    assert "Maak uw account" in outsider.get(path).content.decode()
    joined = outsider.post(
        path, {"name": "Nina Nieuw", "password1": "mijn eigen lange zin", "password2": "mijn eigen lange zin"}
    )
    assert joined.status_code == 302
    assert Membership.objects.get(user__email="nieuw@example.org").role == role


def test_the_service_refuses_another_account_too(personas, mailbox):
    from django.core.exceptions import ValidationError

    from alliantie.partners import services

    invite(personas, email="nieuw@example.org", role="contact")
    with pytest.raises(ValidationError, match="Deze uitnodiging is voor nieuw@example.org"):
        services.accept_invitation(invitation=Invitation.objects.get(), user=personas.users["outsider"])
    assert not Membership.objects.filter(user=personas.users["outsider"], organisation=personas.organisation).exists()


def test_the_invited_address_is_compared_without_regard_to_capitals(personas, mailbox):
    outsider = personas.users["outsider"]
    invite(personas, email="Buiten@Example.org")
    response = personas.client("outsider").post(link_path(mailbox))
    assert response.status_code == 302
    assert Membership.objects.filter(user=outsider, organisation=personas.organisation).exists()
