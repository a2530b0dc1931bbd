"""The toolkit: the team places each item of the kennisbank collection "Toolkit lokale allianties" in the phases where
it helps; every alliance's page shows the items of its phase, in the team's order."""

import pytest
from django.urls import reverse

from alliantie.core.tests.factories import make_item
from alliantie.knowledge.models import Collection, CollectionEntry

pytestmark = pytest.mark.django_db
URL = reverse("localalliances:toolkit")


@pytest.fixture
def toolkit(db):
    collection = Collection.objects.create(title="Toolkit lokale allianties", slug="toolkit-lokale-allianties")
    start = make_item(kind="toolkit", title="Een lokale alliantie starten: waar begin je?")
    children = make_item(kind="toolkit", title="Kinderen en jongeren betrekken")
    always = make_item(kind="toolkit", title="De verandertheorie en de 10 opgaven")
    entries = [
        CollectionEntry.objects.create(collection=collection, item=item, position=n)
        for n, item in enumerate([start, children, always])
    ]
    return entries


def test_the_team_places_items_in_phases_and_each_alliance_sees_those_of_its_phase(personas, toolkit, client):
    team = personas.client("project_team")
    team.post(URL, {"entry": toolkit[0].pk, "phases": ["verkennen", "kickstart"]})
    team.post(URL, {"entry": toolkit[1].pk, "phases": ["bouwen"]})
    html = client.get(personas.alliance.get_absolute_url()).content.decode()  # the alliance explores
    assert "Toolkit voor de fase verkennen" in html
    assert "Een lokale alliantie starten" in html and "De verandertheorie en de 10 opgaven" in html
    assert "Kinderen en jongeren betrekken" not in html
    assert 'value="bouwen" checked' in team.get(URL).content.decode()


def test_an_unknown_entry_or_phase_changes_nothing(personas, toolkit):
    team = personas.client("project_team")
    assert team.post(URL, {"entry": 999999, "phases": ["bouwen"]}).status_code == 400
    assert team.post(URL, {"entry": toolkit[0].pk, "phases": ["<script>"]}).status_code == 400
    assert not hasattr(CollectionEntry.objects.get(pk=toolkit[0].pk), "local_phases_cache")


@pytest.mark.parametrize("role", ["coordinator", "member"])
def test_only_the_team_places_items(personas, toolkit, role):
    assert personas.client(role).post(URL, {"entry": toolkit[0].pk, "phases": ["bouwen"]}).status_code == 403


def test_the_page_takes_get_and_post_only(personas):
    assert personas.client("project_team").put(URL).status_code == 405
