import re
import subprocess

import pytest
from django.test import TestCase
from django.urls import reverse

from alliantie.accounts.models import User
from alliantie.core.models import AuditEntry, Scope, Sector
from alliantie.core.tests.factories import make_organisation, make_user
from alliantie.partners.models import Membership, Organisation, Pledge

pytestmark = pytest.mark.django_db
APPLY = reverse("partners:apply")


def application(**overrides) -> dict:
    data = {
        "name": "Stichting Ontbijt voor Iedereen",
        "kvk_number": "1234 5678",
        "sector": Sector.objects.get(slug="maatschappelijke-organisatie").pk,
        "scope": Scope.objects.get(code="local").pk,
        "area_municipalities": "Zoetermeer, den haag",
        "website": "ontbijt.example.org",
        "address": "Dorpsstraat 1",
        "postcode": " 2712ab ",
        "city": "",
        "description": "Wij zorgen voor een gezond ontbijt op school.",
        "contact-name": "Sara Stichting",
        "contact-email": "Sara@Example.org",
        "contact-password1": "een lange eigen zin",
        "contact-password2": "een lange eigen zin",
    }
    return data | overrides


def post(client, url, data):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, data)


def test_an_organisation_applies_signs_the_pledge_and_is_approved_by_the_team(client, mailbox, personas):
    response = client.post(APPLY, application())
    organisation = Organisation.objects.get(name="Stichting Ontbijt voor Iedereen")
    assert response["Location"] == reverse("partners:pledge-sign", kwargs={"slug": organisation.slug})
    assert organisation.status == Organisation.Status.APPLIED
    assert organisation.kvk_number == "12345678"
    assert organisation.postcode == "2712 AB"
    assert organisation.municipality.code == "GM0637"  # from the postcode
    assert organisation.city == "Zoetermeer"
    assert organisation.website == "https://ontbijt.example.org"
    assert {m.code for m in organisation.area_municipalities.all()} == {"GM0637", "GM0518"}
    contact = User.objects.get(email="sara@example.org")
    assert organisation.memberships.get().user == contact
    assert organisation.memberships.get().role == Membership.Role.CONTACT

    page = client.get(response["Location"]).content.decode()
    assert "Wij signaleren armoede" in page and "monitoring" in page
    signed = post(
        client,
        response["Location"],
        {"signatory_name": "Sara Stichting", "signatory_function": "voorzitter", "agree": "on"},
    )
    assert signed["Location"] == organisation.get_absolute_url()
    pledge = Pledge.objects.get(organisation=organisation)
    assert pledge.text_version.version == 1 and "Wij werken actief samen" in pledge.text
    assert pledge.signed_by == contact and len(pledge.checksum) == 64
    assert mailbox.messages[-1]["Subject"] == "Uw aanmelding bij de Alliantie Kinderarmoede is binnen"

    team = personas.client("project_team")
    assert "Stichting Ontbijt voor Iedereen" in team.get(reverse("partners:application-list")).content.decode()
    decide = reverse("partners:application-decide", kwargs={"slug": organisation.slug})
    done = post(team, decide, {"decision": "approve", "message": "Fijn dat jullie meedoen!"})
    assert done["Location"] == reverse("partners:application-list")
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.ACTIVE and organisation.joined_on is not None
    assert organisation.decided_by == personas.users["project_team"]
    assert mailbox.messages[-1]["To"] == "sara@example.org"
    assert mailbox.messages[-1]["Subject"] == "Welkom als partner van de Alliantie Kinderarmoede"
    assert "Fijn dat jullie meedoen!" in mailbox.body()
    assert AuditEntry.objects.filter(action="organisation.approved", actor=personas.users["project_team"]).exists()


def test_the_signed_pledge_downloads_as_a_tagged_dutch_pdf(client, tmp_path):
    client.post(APPLY, application())
    organisation = Organisation.objects.get()
    client.post(
        reverse("partners:pledge-sign", kwargs={"slug": organisation.slug}),
        {"signatory_name": "Sara Stichting", "signatory_function": "voorzitter", "agree": "on"},
    )
    response = client.get(reverse("partners:pledge-pdf", kwargs={"slug": organisation.slug}))
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="belofte-stichting-ontbijt-voor-iedereen.pdf"' in response["Content-Disposition"]
    pdf = tmp_path / "belofte.pdf"
    pdf.write_bytes(response.content)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Tagged:\s+yes", info)
    assert re.search(r"Page size:\s+595.* x 841.*\(A4\)", info)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Sara Stichting, voorzitter" in text and "Stichting Ontbijt voor Iedereen" in text
    assert "Wij signaleren armoede" in text


def test_a_pledge_is_signed_once_and_never_changed(client):
    client.post(APPLY, application())
    organisation = Organisation.objects.get()
    url = reverse("partners:pledge-sign", kwargs={"slug": organisation.slug})
    data = {"signatory_name": "Sara", "signatory_function": "voorzitter", "agree": "on"}
    client.post(url, data)
    again = client.post(url, data | {"signatory_name": "Iemand anders"})
    assert again.status_code == 400
    assert "heeft de belofte al ondertekend" in again.content.decode()
    pledge = Pledge.objects.get()
    assert pledge.signatory_name == "Sara"
    pledge.signatory_name = "Vervalst"
    with pytest.raises(ValueError, match="cannot be changed"):
        pledge.save()


def test_signing_needs_the_contact_and_the_ticked_box(client, personas):
    url = reverse("partners:pledge-sign", kwargs={"slug": personas.organisation.slug})
    data = {"signatory_name": "Mila", "signatory_function": "medewerker", "agree": "on"}
    assert personas.client("member").post(url, data).status_code == 403
    assert personas.client("outsider").post(url, data).status_code == 404
    unticked = personas.client("contact").post(url, data | {"agree": ""})
    assert unticked.status_code == 400
    assert not Pledge.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("kvk_number", "1234567", "precies 8 cijfers"),
        ("kvk_number", "abcdefgh", "precies 8 cijfers"),
        ("postcode", "ABCD", "Dit is geen Nederlandse postcode"),
        ("postcode", "0123 AB", "Dit is geen Nederlandse postcode"),
        ("postcode", "2611 SS", "Dit is geen Nederlandse postcode"),
        ("area_municipalities", "Zoetermer", "“Zoetermer” kennen we niet als gemeente. Bedoelt u Zoetermeer?"),
        ("area_municipalities", "Atlantis", "“Atlantis” kennen we niet als gemeente."),
        ("area_municipalities", "", "Vul minstens één gemeente in"),
        ("name", "", "Dit veld is verplicht"),
        ("name", "x" * 201, "200 tekens"),
        ("website", "javascript:alert(1)", "Voer een geldige URL in"),
        ("contact-email", "personas-bestaat@example.org", "Er is al een account met dit e-mailadres"),
        ("contact-password2", "iets anders dan het eerste", "De twee wachtwoorden zijn niet gelijk"),
        ("sector", "999999", "Selecteer een geldige keuze"),
    ],
)
def test_bad_input_is_refused_with_a_dutch_message_and_nothing_is_stored(client, field, value, message):
    make_user(email="personas-bestaat@example.org")
    response = client.post(APPLY, application(**{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Organisation.objects.exists()
    assert not User.objects.filter(email="sara@example.org").exists()


def test_html_in_the_application_is_shown_as_text(client, personas):
    client.post(APPLY, application(name='<script>alert("x")</script>', description="<b>vet</b>"))
    organisation = Organisation.objects.get(status=Organisation.Status.APPLIED)
    html = (
        personas.client("project_team")
        .get(reverse("partners:application-decide", kwargs={"slug": organisation.slug}))
        .content.decode()
    )
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;vet&lt;/b&gt;" in html


def test_a_logged_in_person_applies_for_a_second_organisation_without_a_new_account(personas):
    client = personas.client("member")
    data = {k: v for k, v in application(name="Tweede organisatie").items() if not k.startswith("contact-")}
    assert client.post(APPLY, data).status_code == 302
    assert personas.users["member"].memberships.count() == 2


def test_a_national_organisation_needs_no_municipalities(client):
    response = client.post(APPLY, application(scope=Scope.objects.get(code="national").pk, area_municipalities=""))
    assert response.status_code == 302
    assert not Organisation.objects.get().area_municipalities.exists()


def test_the_team_cannot_approve_before_the_pledge_is_signed_and_must_explain_a_decline(client, personas, mailbox):
    client.post(APPLY, application())
    organisation = Organisation.objects.get(status=Organisation.Status.APPLIED)
    url = reverse("partners:application-decide", kwargs={"slug": organisation.slug})
    team = personas.client("project_team")
    early = team.post(url, {"decision": "approve"})
    assert "nog niet ondertekend" in early.content.decode()
    silent = team.post(url, {"decision": "decline", "message": ""})
    assert "Schrijf bij een afwijzing waarom" in silent.content.decode()
    post(team, url, {"decision": "decline", "message": "Wij zijn een alliantie van organisaties, geen personen."})
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.DECLINED
    assert "geen personen" in mailbox.body()
    assert "al besloten" in team.post(url, {"decision": "approve"}).content.decode()


def test_only_the_team_sees_and_decides_applications(personas):
    organisation = make_organisation(status=Organisation.Status.APPLIED)
    url = reverse("partners:application-decide", kwargs={"slug": organisation.slug})
    for role in ("member", "contact", "outsider", "coordinator"):
        assert personas.client(role).post(url, {"decision": "approve"}).status_code == 403
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.APPLIED


def test_the_application_list_takes_the_same_queries_for_one_or_thirty(personas, django_assert_num_queries):
    client = personas.client("project_team")
    make_organisation(status=Organisation.Status.APPLIED)
    # 1 session, 2 user, 3 device check of the second factor, 4 applications with sector, scope, seat, pledge
    with django_assert_num_queries(4):
        assert client.get(reverse("partners:application-list")).status_code == 200
    for _ in range(30):
        make_organisation(status=Organisation.Status.APPLIED)
    with django_assert_num_queries(4):
        assert client.get(reverse("partners:application-list")).status_code == 200
