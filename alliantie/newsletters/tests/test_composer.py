"""The team composes an edition from what the platform proposes since the last one (new partners, upcoming public
events, new public kennisbank items, a marketplace offer, published monitor results), edits or removes each proposal,
adds its own blocks, sees the recipients and a sample, sends a test, and sends: a segment at once or as planned, an
edition to everyone only after a second team member confirms."""

from datetime import timedelta

import pytest
import time_machine
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from alliantie.core.tests.factories import make_event, make_item, make_organisation, make_post, make_round
from alliantie.newsletters import services
from alliantie.newsletters.models import Block, Edition
from alliantie.newsletters.tests.helpers import make_edition, make_subscriber

pytestmark = pytest.mark.django_db


def create(client, title="Nieuwsbrief maart", intro="Beste lezer, dit gebeurde er."):
    return client.post(reverse("newsletters:edition-create"), {"title": title, "intro": intro})


@pytest.mark.smoke
def test_a_new_edition_proposes_what_happened_since_the_last_one(personas):
    make_organisation(name="Stichting Nieuw Begin", joined_on=timezone.localdate())
    make_event(title="Kenniskring 12: Gezond ontbijt", slug="kenniskring-12")
    make_event(title="Alleen voor partners", slug="partners-only", audience="partners")
    make_item(title="Schoolontbijt in Zoetermeer")
    make_item(title="Nog een concept", status="draft", published_at=None)
    make_post(personas.organisation, kind="offer", title="Fruit voor scholen")
    make_round(status="closed", results_published_at=timezone.now())
    response = create(personas.client("project_team"))
    edition = Edition.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "newsletters:edition-edit", args=[edition.pk]
    )
    titles = {block.kind: block.title for block in edition.blocks.all()}
    assert "Stichting Nieuw Begin" in edition.blocks.get(kind="partners").body
    assert titles["event"] == "Kenniskring 12: Gezond ontbijt"
    assert titles["item"] == "Schoolontbijt in Zoetermeer"
    assert titles["marketplace"] == "Aanbod van Gemeente Testdorp: Fruit voor scholen"
    assert titles["monitor"].startswith("Resultaten van Monitor")
    assert not edition.blocks.filter(title__in=["Alleen voor partners", "Nog een concept"]).exists()
    assert all(b.url.startswith("/") for b in edition.blocks.all())  # pages of the site, made absolute in the mail
    page = personas.client("project_team").get(response["Location"]).content.decode()
    assert "Kenniskring 12: Gezond ontbijt" in page


def test_proposals_start_after_the_last_edition_that_was_sent(personas):
    make_edition(status="sent", number=1, sent_at=timezone.now())
    with time_machine.travel(timezone.now() - timedelta(days=5)):
        make_item(title="Al in de vorige")
    make_item(title="Na de vorige")
    create(personas.client("project_team"))
    edition = Edition.objects.get(number__isnull=True)
    assert list(edition.blocks.filter(kind="item").values_list("title", flat=True)) == ["Na de vorige"]


def test_a_proposal_is_edited_moved_and_removed_and_stays_removed(personas):
    make_item(title="Eerste")
    make_event(title="Tweede", slug="tweede")
    client = personas.client("project_team")
    create(client)
    edition = Edition.objects.get()
    event, item = edition.blocks.get(kind="event"), edition.blocks.get(kind="item")
    url = reverse("newsletters:block-edit", args=[edition.pk, item.pk])
    edited = client.post(
        url, {f"b{item.pk}-title": "Eerste, herschreven", f"b{item.pk}-body": "Korter.", f"b{item.pk}-url": ""}
    )
    assert edited.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.body, item.url) == ("Eerste, herschreven", "Korter.", "")
    client.post(reverse("newsletters:block-action", args=[edition.pk, item.pk]), {"actie": "omhoog"})
    order = list(edition.blocks.values_list("pk", flat=True))
    assert order.index(item.pk) < order.index(event.pk)
    client.post(reverse("newsletters:block-action", args=[edition.pk, event.pk]), {"actie": "verwijderen"})
    client.post(reverse("newsletters:proposals-refresh", args=[edition.pk]))
    assert not edition.blocks.filter(kind="event").exists()
    client.post(
        reverse("newsletters:block-add", args=[edition.pk]),
        {"nieuw-title": "Van het projectteam", "nieuw-body": "Hallo"},
    )
    assert edition.blocks.order_by("-position").first().kind == "free"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"nieuw-title": ""}, "Dit veld is verplicht"),
        ({"nieuw-title": "Link", "nieuw-url": "javascript:alert(1)"}, "Voer een geldige link in"),
        ({"nieuw-title": "Kop\u202e"}, "leesrichting"),
    ],
)
def test_bad_blocks_are_refused_at_the_field(personas, data, message):
    edition = make_edition()
    response = personas.client("project_team").post(reverse("newsletters:block-add", args=[edition.pk]), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Block.objects.exists()


def test_an_edition_to_everyone_needs_a_second_team_member(personas, mailbox):
    for n in range(3):
        make_subscriber(f"lezer{n}@example.org")
    team = personas.client("project_team")
    create(team)
    edition = Edition.objects.get()
    Block.objects.create(edition=edition, position=9, kind="free", title="Iets")
    send_page = team.get(reverse("newsletters:edition-send", args=[edition.pk])).content.decode()
    assert "3 abonnees" in send_page and "lezer0@example.org" in send_page
    assert "een tweede lid van het projectteam" in send_page
    with TestCase.captureOnCommitCallbacks(execute=True):
        team.post(reverse("newsletters:edition-test", args=[edition.pk]), {"terug": "versturen"})
    assert [m["To"] for m in mailbox.messages] == ["team@example.org"]
    response = team.post(reverse("newsletters:edition-send", args=[edition.pk]), {"seen": "on"})
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.status == "awaiting" and edition.prepared_by == personas.users["project_team"]
    own = team.post(reverse("newsletters:edition-confirm", args=[edition.pk]))
    assert own.status_code == 302 and Edition.objects.get().status == "awaiting"
    assert "zelf klaargezet" in team.get(own["Location"]).content.decode()
    with TestCase.captureOnCommitCallbacks(execute=True):
        confirmed = personas.client("administrator").post(reverse("newsletters:edition-confirm", args=[edition.pk]))
    edition.refresh_from_db()
    assert edition.status == "sent" and edition.number == 1 and edition.confirmed_by == personas.users["administrator"]
    assert confirmed["Location"] == reverse("backoffice:job-detail", args=[edition.job_id])
    assert sorted(m["To"] for m in mailbox.messages[1:]) == [
        "lezer0@example.org",
        "lezer1@example.org",
        "lezer2@example.org",
    ]


def test_changing_an_edition_that_waits_asks_for_the_confirmation_again(personas):
    edition = make_edition(status="awaiting", prepared_by=personas.users["project_team"])
    block = Block.objects.create(edition=edition, position=1, kind="free", title="Oud")
    services.save_block(block=block, title="Nieuw", body="", url="", saved_by=personas.users["administrator"])
    edition.refresh_from_db()
    assert edition.status == "draft" and edition.prepared_by is None


def test_an_edition_planned_for_later_goes_at_its_moment(personas, mailbox):
    from alliantie.core.models import Challenge

    make_subscriber("lezer@example.org")
    edition = make_edition()
    edition.challenges.set([Challenge.objects.get(slug="meedoen")])
    Block.objects.create(edition=edition, position=1, kind="free", title="Later")
    later = timezone.now() + timedelta(days=2)
    response = personas.client("project_team").post(
        reverse("newsletters:edition-send", args=[edition.pk]),
        {"seen": "on", "scheduled_for": timezone.localtime(later).strftime("%Y-%m-%dT%H:%M")},
    )
    assert response.status_code == 302
    assert Edition.objects.get().status == "scheduled"
    services.start_due_editions()
    assert Edition.objects.get().status == "scheduled" and mailbox.messages == []
    with time_machine.travel(later + timedelta(minutes=1)), TestCase.captureOnCommitCallbacks(execute=True):
        services.start_due_editions()
    assert Edition.objects.get().status == "sent" and [m["To"] for m in mailbox.messages] == ["lezer@example.org"]


@pytest.mark.parametrize(
    ("data", "message"),
    [({}, "Dit veld is verplicht"), ({"seen": "on", "scheduled_for": "2001-01-01T10:00"}, "al voorbij")],
)
def test_sending_refuses_without_the_check_or_in_the_past(personas, data, message):
    edition = make_edition()
    Block.objects.create(edition=edition, position=1, kind="free", title="x")
    response = personas.client("project_team").post(reverse("newsletters:edition-send", args=[edition.pk]), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert Edition.objects.get().status == "draft"


def test_an_empty_edition_is_not_sent(personas):
    edition = make_edition(intro="")
    response = personas.client("project_team").post(
        reverse("newsletters:edition-send", args=[edition.pk]), {"seen": "on"}
    )
    assert response.status_code == 400 and "Deze editie is leeg" in response.content.decode()


def test_a_sent_edition_does_not_change(personas):
    edition = make_edition(status="sent", number=1, sent_at=timezone.now())
    block = Block.objects.create(edition=edition, position=1, kind="free", title="Oud")
    client = personas.client("project_team")
    client.post(reverse("newsletters:block-action", args=[edition.pk, block.pk]), {"actie": "verwijderen"})
    assert Block.objects.exists()
    response = client.post(reverse("newsletters:edition-edit", args=[edition.pk]), {"title": "Anders"})
    assert response.status_code == 400 and Edition.objects.get().title == "Nieuws van de alliantie"


def test_wrong_methods(personas):
    edition = make_edition()
    client = personas.client("project_team")
    assert client.get(reverse("newsletters:edition-create")).status_code == 405
    assert client.get(reverse("newsletters:edition-confirm", args=[edition.pk])).status_code == 405
    assert client.put(reverse("newsletters:edition-edit", args=[edition.pk])).status_code == 405


def test_the_composer_costs_the_same_queries_with_one_block_or_thirty(personas, django_assert_num_queries):
    edition = make_edition()
    Block.objects.create(edition=edition, position=1, kind="free", title="Eén")
    client = personas.client("project_team")
    url = reverse("newsletters:edition-edit", args=[edition.pk])
    # 1-2 session and user; 3 the second factor's device; 4 the edition; 5 its blocks; 6 the edition again with 7-9 its
    # segment; 10-12 the form's opgaven, provinces and sectors
    with django_assert_num_queries(12):
        assert client.get(url).status_code == 200
    Block.objects.bulk_create(
        [Block(edition=edition, position=n, kind="free", title=f"Blok {n}") for n in range(2, 31)]
    )
    with django_assert_num_queries(12):
        assert client.get(url).status_code == 200


def test_the_send_page_costs_the_same_queries_with_one_subscriber_or_thirty(personas, django_assert_num_queries):
    edition = make_edition()
    make_subscriber()
    client = personas.client("project_team")
    url = reverse("newsletters:edition-send", args=[edition.pk])
    # 1-2 session and user; 3 the second factor's device; 4 the edition; 5 blocks; 6-9 the edition with its segment;
    # 10-12 the segment for the recipients; 13 their count; 14-16 the sample with its opgaven and provinces; 17 everyone
    # active; 18-20 is it to everyone (three segment checks)
    with django_assert_num_queries(20):
        assert client.get(url).status_code == 200
    for _ in range(30):
        make_subscriber()
    with django_assert_num_queries(20):
        assert client.get(url).status_code == 200
