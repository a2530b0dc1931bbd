"""The public archive: every sent edition has a web version without personal data, the archive and its Atom and RSS
feeds are announced with <link rel="alternate">, drafts and stopped editions are not public, and the API lists the
archive too."""

import pytest
from defusedxml import ElementTree as ET
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alliantie.newsletters.models import Block
from alliantie.newsletters.tests.helpers import make_edition, make_subscriber

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def sent(number: int, title: str = "Nieuws"):
    edition = make_edition(status="sent", number=number, sent_at=timezone.now(), title=title, intro="Beste lezer,")
    Block.objects.create(
        edition=edition, position=1, kind="event", title="Kenniskring 12", url="/agenda/kenniskring-12/"
    )
    return edition


@pytest.mark.smoke
def test_a_sent_edition_has_a_web_version_without_personal_data():
    make_subscriber("lezer@example.org")
    edition = sent(1, "Nieuwsbrief maart")
    response = Client().get(reverse("newsletters:edition-public", args=[1]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nieuwsbrief maart" in page and "Kenniskring 12" in page and 'href="/agenda/kenniskring-12/"' in page
    assert "lezer@example.org" not in page and "/afmelden/" not in page and "@@" not in page
    assert '<link rel="alternate" type="application/atom+xml"' in page
    assert edition.get_absolute_url() == "/nieuwsbrief/archief/1/"


def test_drafts_and_stopped_editions_are_not_public():
    make_edition(status="draft", number=None)
    make_edition(status="cancelled", number=2)
    assert Client().get(reverse("newsletters:edition-public", args=[2])).status_code == 404
    assert Client().get(reverse("newsletters:edition-public", args=[99])).status_code == 404
    assert "Er is nog geen nieuwsbrief verstuurd" in Client().get(reverse("newsletters:archive")).content.decode()


def test_the_atom_and_rss_feeds_list_the_editions_newest_first():
    sent(1, "Eerste")
    sent(2, "Tweede")
    atom = Client().get(reverse("newsletters:feed-atom"))
    assert atom["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(atom.content)
    titles = [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")]
    assert titles == ["Nieuwsbrief 2: Tweede", "Nieuwsbrief 1: Eerste"]
    link = root.find(f"{ATOM}entry").find(f"{ATOM}link").get("href")
    assert link.endswith("/nieuwsbrief/archief/2/")
    rss = Client().get(reverse("newsletters:feed-rss"))
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert [i.find("title").text for i in ET.fromstring(rss.content).iter("item")][0] == "Nieuwsbrief 2: Tweede"


def test_the_archive_announces_its_feeds_and_costs_the_same_queries_with_one_edition_or_thirty(
    django_assert_num_queries,
):
    sent(1)
    # 1 count, 2 the page of editions
    with django_assert_num_queries(2):
        response = Client().get(reverse("newsletters:archive"))
    assert response.status_code == 200
    page = response.content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in page
    for n in range(2, 31):
        sent(n)
    with django_assert_num_queries(2):
        response = Client().get(reverse("newsletters:archive"))
    assert response.status_code == 200


def test_the_web_version_costs_the_same_queries_with_one_block_or_thirty(django_assert_num_queries):
    edition = sent(1)
    url = reverse("newsletters:edition-public", args=[1])
    # 1 the edition, 2 its blocks, 3 the newer, 4 the older edition
    with django_assert_num_queries(4):
        response = Client().get(url)
    assert response.status_code == 200
    Block.objects.bulk_create(
        [Block(edition=edition, position=n, kind="free", title=f"Blok {n}") for n in range(2, 31)]
    )
    with django_assert_num_queries(4):
        response = Client().get(url)
    assert response.status_code == 200


def test_the_api_lists_the_archive_and_gives_an_edition_with_its_blocks():
    sent(1, "Eerste")
    sent(2, "Tweede")
    listed = Client().get("/api/v1/nieuwsbrieven").json()
    assert [e["nummer"] for e in listed["results"]] == [2, 1] and listed["count"] == 2
    one = Client().get("/api/v1/nieuwsbrieven/1").json()
    assert one["onderwerp"] == "Eerste" and one["blokken"][0] == {
        "soort": "event",
        "kop": "Kenniskring 12",
        "tekst": "",
        "link": "/agenda/kenniskring-12/",
    }
    assert Client().get("/api/v1/nieuwsbrieven/99").status_code == 404
    assert Client().get("/api/v1/nieuwsbrieven?soort=x").status_code == 400


def test_other_methods_are_not_allowed():
    sent(1)
    assert Client().post(reverse("newsletters:archive")).status_code == 405
    assert Client().post(reverse("newsletters:feed-atom")).status_code == 405
