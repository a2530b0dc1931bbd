"""Data rights: a person sees and downloads everything the platform holds on them and deletes their account;
afterwards nothing in any table identifies them, and their contributions stay as those of a former member."""

import json

import pytest
from django.apps import apps
from django.db import models
from django.db.models.functions import Cast
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from alliantie.accounts import services as accounts
from alliantie.core import audit, mail
from alliantie.core.models import AuditEntry
from alliantie.core.tests.factories import (
    PASSWORD,
    make_activity,
    make_invitation,
    make_post,
    make_response,
    make_round,
)
from alliantie.partners.models import Membership

pytestmark = pytest.mark.django_db

EMAIL, NAME = "medewerker@example.org", "Mila Medewerker"


def mentions(text: str) -> list[str]:
    """Every table and column, in every installed app, that still holds `text` (case-insensitive)."""
    found = []
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if isinstance(f, models.CharField | models.TextField):
                lookup = {f"{f.attname}__icontains": text}
                if model._default_manager.filter(**lookup).exists():
                    found.append(f"{model._meta.db_table}.{f.column}")
            elif isinstance(f, models.JSONField):
                rows = model._default_manager.annotate(_t=Cast(f.attname, models.TextField())).filter(
                    _t__icontains=text
                )
                if rows.exists():
                    found.append(f"{model._meta.db_table}.{f.column}")
    return found


@pytest.fixture
def busy_member(personas, mailbox):
    """A member who did a bit of everything."""
    from alliantie.activities.services import add_progress_update
    from alliantie.marketplace.services import introduce, set_digest
    from alliantie.partners.services import invite_member
    from alliantie.socialmap.models import ErrorReport

    member = personas.users["member"]
    activity = make_activity(personas.organisation, title="Ontbijtclub")
    add_progress_update(
        activity=activity,
        reported_by=member,
        reported_on=timezone.localdate(),
        children_reached=12,
        families_reached=None,
        note=f"Gemeld door {NAME}.",
    )
    post = make_post(personas.organisation, created_by=member, title="Fietsen gezocht")
    introduce(
        post=post,
        other=personas.other_organisation,
        reason="past",
        introduced_by=member,
        base_url="http://t",
        message=f"Groet, {NAME}",
    )
    set_digest(user=member, organisation=personas.organisation, wanted=True)
    invite_member(
        organisation=personas.organisation,
        email="collega@example.org",
        role="member",
        invited_by=member,
        base_url="http://t",
    )
    monitor_round = make_round()
    make_invitation(monitor_round, personas.organisation)
    make_response(monitor_round, personas.organisation, {"belofte-hoe": "Ontbijt."}, submitted_by=member)
    accounts.create_api_token(user=member, name="Mijn koppeling")
    from alliantie.core.tests.factories import make_totp_device

    make_totp_device(member)
    accounts.create_recovery_codes(user=member)
    from alliantie.core.tests.factories import make_service

    ErrorReport.objects.create(service=make_service(), message="Klopt niet", reply_email=EMAIL)
    mail.queue_mail(key="t", kind="t", to=[EMAIL], subject=f"Hallo {NAME}", body=f"Beste {NAME}")
    audit.record(actor=personas.users["project_team"], action="member.note", target=member, email=EMAIL)
    return member


def test_a_member_sees_and_downloads_everything_the_platform_holds_on_them(personas, busy_member):
    client = personas.client("member")
    page = client.get(reverse("accounts:my-data")).content.decode()
    assert NAME in page and "Ontbijtclub" in page  # their progress update names the activity it is about
    for expected in ("lidmaatschappen", "voortgang", "API-sleutels", "Fietsen gezocht", "Klopt niet"):
        assert expected.lower() in page.lower(), expected
    download = client.get(reverse("accounts:my-data-json"))
    assert download["Content-Disposition"] == 'attachment; filename="mijn-gegevens-alliantie.json"'
    data = json.loads(download.content)
    assert data["persoon"]["e-mailadres"] == EMAIL
    assert all("password" not in json.dumps(rows) for rows in data["gegevens"].values())
    assert not any(key in json.dumps(data) for key in ("key_hash", "code_hash", "bin_key"))
    assert AuditEntry.objects.filter(action="person.exported").count() == 2


@pytest.mark.smoke
def test_deleting_the_account_leaves_nothing_that_identifies_the_person(personas, busy_member):
    member_id = busy_member.pk
    client = personas.client("member")
    page = client.get(reverse("accounts:account-delete"))
    assert page.status_code == 200
    refused = client.post(reverse("accounts:account-delete"), {"password": "fout", "understood": "on"})
    assert refused.status_code == 400 and "Dit wachtwoord klopt niet" in refused.content.decode()
    assert mentions(EMAIL)  # still there
    with TestCase.captureOnCommitCallbacks(execute=True):
        done = client.post(reverse("accounts:account-delete"), {"password": PASSWORD, "understood": "on"})
    assert done["Location"] == reverse("core:home")
    assert mentions(EMAIL) == []
    assert mentions(NAME) == []
    # what they contributed stays, as a former member's
    from alliantie.activities.models import ProgressUpdate
    from alliantie.marketplace.models import Post

    assert ProgressUpdate.objects.get().created_by.name == "voormalig lid"
    assert Post.objects.get(title="Fietsen gezocht").created_by_id == member_id
    assert not Membership.objects.filter(user_id=member_id).exists()
    erased = AuditEntry.objects.get(action="person.erased")
    assert erased.actor is None and EMAIL not in erased.target_repr
    # the account cannot be used any more
    assert client.get(reverse("accounts:account")).status_code == 302
    login = client.post(reverse("accounts:login"), {"username": EMAIL, "password": PASSWORD})
    assert login.status_code == 200


def test_the_last_contact_person_is_warned_before_deleting(personas):
    page = personas.client("contact").get(reverse("accounts:account-delete")).content.decode()
    assert "u bent de enige contactpersoon van" in page and "Gemeente Testdorp" in page


def test_the_team_answers_a_request_by_mail_for_a_person_and_for_an_address_without_account(personas, busy_member):
    from alliantie.socialmap.models import ErrorReport

    team = personas.client("project_team")
    found = team.get(reverse("backoffice:data-requests"), {"email": EMAIL}).content.decode()
    assert f"Account van {NAME}" in found
    export = team.post(reverse("backoffice:data-request-export"), {"email": EMAIL})
    assert json.loads(export.content)["persoon"]["e-mailadres"] == EMAIL
    ErrorReport.objects.create(
        service=ErrorReport.objects.first().service, message="x", reply_email="ouder@example.org"
    )
    assert (
        "Geen account met dit adres"
        in team.get(reverse("backoffice:data-requests"), {"email": "ouder@example.org"}).content.decode()
    )
    not_confirmed = team.post(reverse("backoffice:data-request-erase"), {"email": "ouder@example.org"})
    assert not_confirmed.status_code == 302 and mentions("ouder@example.org")
    team.post(reverse("backoffice:data-request-erase"), {"email": "ouder@example.org", "confirmed": "on"})
    assert mentions("ouder@example.org") == []
    team.post(reverse("backoffice:data-request-erase"), {"email": EMAIL, "confirmed": "on"})
    assert mentions(EMAIL) == [] and mentions(NAME) == []


def test_the_team_cannot_erase_an_administrator_or_itself_here(personas):
    team = personas.client("project_team")
    for email in ("beheer@example.org", "team@example.org"):
        response = team.post(reverse("backoffice:data-request-erase"), {"email": email, "confirmed": "on"})
        assert response.status_code == 403
    assert mentions("beheer@example.org") and mentions("team@example.org")


def test_an_erasure_is_all_or_nothing(personas, busy_member, monkeypatch):
    from alliantie.core import privacy

    def broken(*args, **kwargs):
        raise RuntimeError("halverwege")

    monkeypatch.setattr(privacy, "_replace_in", broken)  # a failure in our own code halfway, on purpose
    with pytest.raises(RuntimeError):
        accounts.erase_person(user=busy_member, erased_by=None)
    assert Membership.objects.filter(user=busy_member).exists() and mentions(EMAIL)


def test_a_pool_member_who_deletes_their_account_leaves_nothing_of_their_entry_either(personas, mailbox):
    """The entry in the pool of ervaringsdeskundigen belongs to the person: it goes with the account, with its consent
    records and the mail that named them (localalliances)."""
    from alliantie.core.tests.factories import make_pool_member
    from alliantie.localalliances import services as pool
    from alliantie.localalliances.models import PoolMember, PoolRequest

    member = personas.users["member"]
    entry = make_pool_member(user=member, email=EMAIL, name="Mila M. (pool)", phone="06-98765432")
    request = PoolRequest.objects.create(
        requested_by=personas.users["contact"],
        organisation=personas.organisation,
        role="spreker",
        municipality=personas.alliance.municipalities.get(),
        question="?",
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        introduction = pool.propose_expert(request=request, member=entry, proposed_by=personas.users["project_team"])
        pool.answer_introduction(introduction=introduction, accept=True)
    assert mentions("Mila M. (pool)")
    with TestCase.captureOnCommitCallbacks(execute=True):
        personas.client("member").post(reverse("accounts:account-delete"), {"password": PASSWORD, "understood": "on"})
    assert not PoolMember.objects.exists()
    assert mentions(EMAIL) == [] and mentions(NAME) == [] and mentions("Mila M. (pool)") == []


def test_the_team_erasing_an_address_also_removes_its_entry_in_the_pool(personas, mailbox):
    from alliantie.core.tests.factories import make_pool_member
    from alliantie.localalliances.models import PoolMember

    make_pool_member(email="ouder@example.org", name="Oma Ervaring")
    personas.client("project_team").post(
        reverse("backoffice:data-request-erase"), {"email": "ouder@example.org", "confirmed": "on"}
    )
    assert not PoolMember.objects.exists()
    assert mentions("ouder@example.org") == [] and mentions("Oma Ervaring") == []
