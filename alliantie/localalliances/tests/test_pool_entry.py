"""The person's own entry, behind the link in their mail (or their account): see it, change it, pause it, delete it.
Deleting leaves nothing of them: not the entry, not the introductions, not the consent records, not the mail about it,
not their address in the audit log."""

import pytest
from django.test import Client, TestCase
from django.urls import reverse

from alliantie.accounts.tests.test_data_rights import mentions
from alliantie.core import tokens
from alliantie.core.tests.factories import make_pool_member
from alliantie.localalliances import services
from alliantie.localalliances.models import PoolIntroduction, PoolMember, PoolRequest
from alliantie.localalliances.tests.pool_helpers import link, pool_form

pytestmark = pytest.mark.django_db


def entry_url(member) -> str:
    return reverse("localalliances:pool-entry", args=[tokens.make(PoolMember.LINK_PURPOSE, member.pk)])


def delete_url(member) -> str:
    return reverse("localalliances:pool-delete", args=[tokens.make(PoolMember.LINK_PURPOSE, member.pk)])


def test_the_person_changes_and_pauses_their_entry(client):
    member = make_pool_member(name="Noor Ervaring", email="noor@example.org")
    page = client.get(entry_url(member))
    assert page.status_code == 200 and "Noor Ervaring" in page.content.decode()
    data = pool_form(name="Noor E.", paused="on", roles=["spreker"])
    data.pop("consent")
    client.post(entry_url(member), data)
    member.refresh_from_db()
    assert (member.name, member.roles, member.status, member.email) == (
        "Noor E.",
        ["spreker"],
        "pauze",
        "noor@example.org",
    )


def test_a_changed_entry_with_bad_input_is_refused_at_the_field(client):
    member = make_pool_member()
    response = client.post(entry_url(member), pool_form(roles=[], show_publicly="on", public_name=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_roles_error"' in html and 'id="id_public_name_error"' in html


def test_a_forged_link_opens_nothing(client):
    member = make_pool_member()
    assert client.get(reverse("localalliances:pool-entry", args=[f"{member.pk}-{'0' * 32}"])).status_code == 404


def test_registering_then_deleting_leaves_nothing_of_the_person(personas, mailbox):
    visitor = Client()
    with TestCase.captureOnCommitCallbacks(execute=True):
        visitor.post(reverse("localalliances:pool-register"), pool_form(name="Noor Ervaring", phone="06-12345678"))
    with TestCase.captureOnCommitCallbacks(execute=True):
        visitor.post(link(mailbox, "/ervaringsdeskundigen/bevestigen/\\S+/"), {"consent": "on"})
    member = PoolMember.objects.get()
    # the team introduces the person; they say yes, so the organisation got their name and address by mail
    request = PoolRequest.objects.create(
        requested_by=personas.users["contact"],
        organisation=personas.organisation,
        role="spreker",
        municipality=personas.alliance.municipalities.get(),
        question="Spreker gezocht",
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        introduction = services.propose_expert(
            request=request, member=member, proposed_by=personas.users["project_team"]
        )
        services.answer_introduction(introduction=introduction, accept=True)
    assert mentions("noor@example.org") and mentions("Noor Ervaring") and mentions("06-12345678")
    entry = link(mailbox, "/ervaringsdeskundigen/inschrijving/\\S+/", to="noor@example.org")
    deletion = entry.replace("/inschrijving/", "/inschrijving/").rstrip("/") + "/verwijderen/"
    refused = visitor.post(deletion, {})
    assert refused.status_code == 400 and PoolMember.objects.exists()
    with TestCase.captureOnCommitCallbacks(execute=True):
        done = visitor.post(deletion, {"understood": "on"})
    assert done["Location"] == reverse("localalliances:pool")
    assert mentions("noor@example.org") == []
    assert mentions("Noor Ervaring") == []
    assert mentions("06-12345678") == []
    assert (
        not PoolIntroduction.objects.exists() and PoolRequest.objects.get() == request
    )  # the organisation's ask stays
    assert visitor.get(entry).status_code == 404


def test_someone_asks_for_their_link_and_the_answer_is_the_same_for_an_address_not_in_the_pool(client, mailbox):
    make_pool_member(email="noor@example.org")
    url = reverse("localalliances:pool-link")
    with TestCase.captureOnCommitCallbacks(execute=True):
        known = client.post(url, {"email": "noor@example.org"}).content.decode()
        unknown = client.post(url, {"email": "niemand@example.org"}).content.decode()
    assert "Kijk in uw e-mail" in known and "Kijk in uw e-mail" in unknown
    assert [m["To"] for m in mailbox.messages] == ["noor@example.org"]


def test_the_pages_methods(client):
    member = make_pool_member()
    assert client.put(entry_url(member)).status_code == 405
    assert client.put(delete_url(member)).status_code == 405
    assert client.put(reverse("localalliances:pool-link")).status_code == 405


def test_the_entry_page_costs_the_same_queries_with_one_introduction_or_thirty(
    personas, client, django_assert_num_queries
):
    member = make_pool_member()

    def introduce(n):
        for _ in range(n):
            request = PoolRequest.objects.create(
                requested_by=personas.users["contact"],
                organisation=personas.organisation,
                role="spreker",
                municipality=personas.alliance.municipalities.get(),
                question="?",
            )
            PoolIntroduction.objects.create(request=request, member=member)

    introduce(1)
    # 1 the entry; 2-4 its provinces, municipalities and themes; 5 its introductions with who asked; 6-7 the form's
    # provinces and opgaven
    with django_assert_num_queries(7):
        assert client.get(entry_url(member)).status_code == 200
    introduce(29)
    with django_assert_num_queries(7):
        assert client.get(entry_url(member)).status_code == 200
