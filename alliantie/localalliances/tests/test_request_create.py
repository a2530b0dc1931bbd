"""The public form "Wij willen een lokale alliantie starten in …": the requester gets a confirmation and the team a
notice; a municipality we do not know gets "bedoelt u"; where an alliance already works the request is refused with a
link to it; HTML stays text; a visitor can send it only a few times an hour."""

import pytest
from django.test import TestCase
from django.urls import reverse

from alliantie.localalliances.models import AllianceRequest

pytestmark = pytest.mark.django_db
URL = reverse("localalliances:request-create")


def form(**changes) -> dict:
    return {
        "municipalities": "Dongen",
        "organisation_name": "Kerk in Actie Dongen",
        "name": "Ria Aanvrager",
        "email": "ria@example.org",
        "message": "Met de voedselbank en twee scholen willen we meer kinderen laten meedoen.",
    } | changes


@pytest.mark.smoke
def test_a_request_is_stored_and_both_the_requester_and_the_team_hear_of_it(client, personas, mailbox):
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(URL, form())
    assert response.status_code == 200 and "uw aanvraag is binnen" in response.content.decode()
    request = AllianceRequest.objects.get()
    assert [m.name for m in request.municipalities.all()] == ["Dongen"] and request.status == "nieuw"
    subjects = {m["To"]: m["Subject"] for m in mailbox.messages}
    assert subjects["ria@example.org"] == "Uw aanvraag voor een lokale alliantie in Dongen"
    assert subjects["team@example.org"] == "Nieuwe aanvraag: lokale alliantie in Dongen"


def test_a_municipality_that_does_not_exist_gets_did_you_mean_at_the_field_and_nothing_is_saved(client):
    response = client.post(URL, form(municipalities="Zoetermer"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "“Zoetermer” kennen we niet als gemeente. Bedoelt u Zoetermeer?" in html
    assert 'id="id_municipalities_error"' in html
    assert not AllianceRequest.objects.exists()


def test_where_an_alliance_already_works_the_request_is_refused_with_a_link_to_it(client, personas):
    response = client.post(URL, form(municipalities="Zoetermeer"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "In Zoetermeer is al een lokale alliantie: Lokale alliantie Testdorp." in html
    assert f'href="{personas.alliance.get_absolute_url()}"' in html
    assert not AllianceRequest.objects.exists()


def test_html_in_every_text_is_kept_as_text(client, personas):
    client.post(URL, form(message="<script>alert(1)</script>", organisation_name="<b>Kerk</b>"))
    request = AllianceRequest.objects.get()
    assert request.message == "<script>alert(1)</script>"
    team = personas.client("project_team").get(reverse("localalliances:request-detail", args=[request.pk]))
    html = team.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html


def test_an_empty_form_names_every_missing_field(client):
    response = client.post(URL, {})
    assert response.status_code == 400
    html = response.content.decode()
    for field in ("municipalities", "organisation_name", "name", "email", "message"):
        assert f'id="id_{field}_error"' in html


def test_a_visitor_can_send_it_a_few_times_an_hour(client, settings):
    settings.LOCAL_ALLIANCE_FORMS_PER_HOUR = 2
    for n in range(2):
        assert client.post(URL, form(email=f"r{n}@example.org")).status_code == 200
    refused = client.post(URL, form(email="r3@example.org"))
    assert refused.status_code == 400 and "Probeer het over een uur opnieuw" in refused.content.decode()
    assert AllianceRequest.objects.count() == 2


def test_the_form_takes_get_and_post_only(client):
    assert client.put(URL).status_code == 405
