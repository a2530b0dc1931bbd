"""Starting an alliance (the team) and changing one: its coordinators change the public details, the team also the
municipalities and the end. The same municipalities twice is refused with a link to the existing alliance; a
coordinator of another alliance gets 403 and nothing changes."""

import pytest
from django.urls import reverse

from alliantie.core.models import AuditEntry
from alliantie.localalliances.models import LocalAlliance

pytestmark = pytest.mark.django_db
CREATE = reverse("localalliances:alliance-create")


def edit_url(alliance) -> str:
    return reverse("localalliances:alliance-edit", args=[alliance.slug])


def details(**changes) -> dict:
    return {
        "name": "Lokale alliantie Testdorp",
        "summary": "Samen voor elk kind.",
        "origin": "",
        "contact_email": "",
        "website": "",
    } | changes


@pytest.mark.smoke
def test_the_team_starts_an_alliance_in_the_phase_verkennen(personas):
    response = personas.client("project_team").post(
        CREATE, details(name="Lokale alliantie Dongen", municipalities="Dongen")
    )
    alliance = LocalAlliance.objects.get(name="Lokale alliantie Dongen")
    assert response["Location"] == reverse("localalliances:coordinators", args=[alliance.slug])
    assert alliance.phase == "verkennen" and [m.name for m in alliance.municipalities.all()] == ["Dongen"]
    assert AuditEntry.objects.filter(action="local_alliance.created").exists()


def test_the_same_municipalities_twice_is_refused_with_a_link_to_the_existing_alliance(personas):
    response = personas.client("project_team").post(CREATE, details(name="Nog een", municipalities="Zoetermeer"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Voor Zoetermeer is er al een lokale alliantie: Lokale alliantie Testdorp." in html
    assert f'href="{personas.alliance.get_absolute_url()}"' in html
    assert not LocalAlliance.objects.filter(name="Nog een").exists()


def test_a_municipality_we_do_not_know_gets_did_you_mean(personas):
    response = personas.client("project_team").post(CREATE, details(name="X", municipalities="Leeuwardn"))
    assert response.status_code == 400 and "Bedoelt u Leeuwarden?" in response.content.decode()


def test_its_coordinator_changes_the_public_details_but_not_the_municipalities(personas):
    alliance = personas.alliance
    client = personas.client("coordinator")
    assert "municipalities" not in client.get(edit_url(alliance)).context["form"].fields
    client.post(edit_url(alliance), details(summary="Gezond ontbijt voor elk kind.", municipalities="Haarlem"))
    alliance.refresh_from_db()
    assert alliance.summary == "Gezond ontbijt voor elk kind."
    assert [m.code for m in alliance.municipalities.all()] == ["GM0637"]


def test_a_coordinator_of_another_alliance_gets_403_and_nothing_changes(personas):
    alliance = personas.alliance
    response = personas.client("other_coordinator").post(edit_url(alliance), details(summary="Overgenomen"))
    assert response.status_code == 403
    alliance.refresh_from_db()
    assert alliance.summary == "" and not AuditEntry.objects.filter(action="local_alliance.changed").exists()


def test_the_team_cannot_move_an_alliance_onto_another_ones_municipalities_nor_stop_it_in_the_future(personas):
    client = personas.client("project_team")
    refused = client.post(edit_url(personas.alliance), details(municipalities="Haarlem"))
    assert refused.status_code == 400 and "Haarlemse Alliantie" in refused.content.decode()
    future = client.post(edit_url(personas.alliance), details(municipalities="Zoetermeer", ended_on="2999-01-01"))
    assert future.status_code == 400 and "Deze datum ligt in de toekomst." in future.content.decode()
    personas.alliance.refresh_from_db()
    assert personas.alliance.ended_on is None


def test_html_and_a_bidi_control_in_the_name_are_refused_or_kept_as_text(personas):
    client = personas.client("coordinator")
    refused = client.post(edit_url(personas.alliance), details(name="Alliantie \u202eetsiwe"))
    assert refused.status_code == 400 and "U+202E" in refused.content.decode()
    client.post(edit_url(personas.alliance), details(summary="<script>x()</script>"))
    assert "&lt;script&gt;x()&lt;/script&gt;" in client.get(personas.alliance.get_absolute_url()).content.decode()


def test_the_forms_take_get_and_post_only(personas):
    client = personas.client("project_team")
    assert client.put(CREATE).status_code == 405
    assert client.delete(edit_url(personas.alliance)).status_code == 405
