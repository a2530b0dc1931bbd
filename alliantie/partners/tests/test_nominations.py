import re

import pytest
from django.test import TestCase
from django.urls import reverse

from alliantie.partners.models import Nomination, Organisation
from alliantie.partners.tests.test_application import application

pytestmark = pytest.mark.django_db


def nominate(personas, role="member", **overrides):
    url = reverse("partners:nominate", kwargs={"slug": personas.organisation.slug})
    data = {
        "organisation_name": "Speelgoedbank Testdorp",
        "contact_email": "info@speelgoedbank.example.org",
        "reason": "Zij helpen al jaren gezinnen in onze gemeente.",
    } | overrides
    with TestCase.captureOnCommitCallbacks(execute=True):
        return personas.client(role).post(url, data)


def test_a_partner_nominates_and_the_nominee_joins_through_the_link(personas, mailbox, client):
    response = nominate(personas)
    assert response["Location"] == personas.organisation.get_absolute_url()
    message = mailbox.messages[-1]
    assert message["To"] == "info@speelgoedbank.example.org"
    body = mailbox.body()
    assert "Mila Medewerker van Gemeente Testdorp draagt Speelgoedbank Testdorp voor" in body
    assert "Zij helpen al jaren gezinnen" in body
    link = re.search(r"http://testserver(/word-partner/\?voordracht=\S+)", body).group(1)

    page = client.get(link).content.decode()
    assert "Gemeente Testdorp heeft uw organisatie voorgedragen" in page
    assert 'value="Speelgoedbank Testdorp"' in page and 'value="info@speelgoedbank.example.org"' in page
    client.post(link, application(name="Speelgoedbank Testdorp", **{"contact-email": "info@speelgoedbank.example.org"}))
    joined = Organisation.objects.get(name="Speelgoedbank Testdorp")
    nomination = Nomination.objects.get()
    assert nomination.joined_organisation == joined
    assert nomination.nominated_by == personas.organisation
    listing = personas.client("contact").get(reverse("partners:nominate", kwargs={"slug": personas.organisation.slug}))
    assert "aangemeld als Speelgoedbank Testdorp" in listing.content.decode()


def test_a_used_or_forged_link_is_an_ordinary_application(personas, mailbox, client):
    nominate(personas)
    link = re.search(r"http://testserver(/word-partner/\?voordracht=\S+)", mailbox.body()).group(1)
    client.post(link, application(name="Speelgoedbank Testdorp"))
    client.logout()
    assert "heeft uw organisatie voorgedragen" not in client.get(link).content.decode()
    assert (
        "heeft uw organisatie voorgedragen"
        not in client.get(reverse("partners:apply") + "?voordracht=vals").content.decode()
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("contact_email", "geen-adres", "Voer een geldig e-mailadres in"),
        ("organisation_name", "", "Dit veld is verplicht"),
        ("reason", "x" * 2001, "2000 tekens"),
    ],
)
def test_bad_input_is_refused_and_no_mail_goes_out(personas, mailbox, field, value, message):
    response = nominate(personas, **{field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Nomination.objects.exists() and mailbox.messages == []


def test_outsiders_cannot_nominate_on_behalf_of_another_organisation(personas, mailbox):
    assert nominate(personas, role="outsider").status_code == 404
    assert nominate(personas, role="coordinator").status_code == 404
    assert not Nomination.objects.exists()
