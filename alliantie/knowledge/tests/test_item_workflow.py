"""Partners share knowledge (a good practice can start from their activity), the team reviews and publishes, sends
back or withdraws, with who and when; a story needs consent and its withdrawal unpublishes it everywhere at once."""

import pytest
from django.test import TestCase
from django.urls import reverse

from alliantie.core.models import SearchDocument
from alliantie.core.tests.factories import make_activity, make_item
from alliantie.knowledge.models import Collection, CollectionEntry, Item

pytestmark = pytest.mark.django_db
CREATE = reverse("knowledge:item-create")


def data(**overrides) -> dict:
    return {
        "kind": "goede_praktijk",
        "knowledge_source": "praktijk",
        "title": "Ontbijt op school",
        "summary": "Elke ochtend een gezond ontbijt.",
        "body": "Wat we doen en wat het oplevert.",
        "visibility": "public",
        "author_organisations": "Gemeente Testdorp",
        "links": "Handreiking | https://example.org/handreiking",
    } | overrides


def status(client, item, action, note=""):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            reverse("knowledge:item-status", kwargs={"slug": item.slug}), {"action": action, "note": note}
        )


def test_a_partner_shares_a_good_practice_from_an_activity_and_the_team_publishes_it(personas, mailbox, client):
    activity = make_activity(personas.organisation, title="Schoolontbijt in Testdorp")
    member = personas.client("member")
    prefilled = member.get(CREATE, {"activiteit": activity.pk})
    assert prefilled.context["form"].initial["title"] == "Schoolontbijt in Testdorp"
    assert prefilled.context["form"].initial["kind"] == "goede_praktijk"
    assert (
        member.post(CREATE + f"?activiteit={activity.pk}", data(title="Schoolontbijt in Testdorp")).status_code == 302
    )
    item = Item.objects.get()
    assert (item.status, item.activity, list(item.author_organisations.all())) == (
        "draft",
        activity,
        [personas.organisation],
    )
    assert client.get(item.get_absolute_url()).status_code == 404  # a draft is not public
    assert not SearchDocument.objects.exists()
    status(member, item, "indienen")
    item.refresh_from_db()
    assert item.status == "in_review" and item.submitted_by == personas.users["member"]
    assert mailbox.messages[-1]["To"] == "team@example.org"
    assert status(member, item, "publiceren").status_code == 403  # partners do not publish
    status(personas.client("project_team"), item, "terugsturen", "Voeg toe wat het kost.")
    item.refresh_from_db()
    assert item.status == "draft" and "Voeg toe wat het kost" in mailbox.body()
    status(member, item, "indienen")
    status(personas.client("project_team"), item, "publiceren")
    item.refresh_from_db()
    assert item.status == "published" and item.published_by == personas.users["project_team"]
    assert "Schoolontbijt in Testdorp" in client.get(item.get_absolute_url()).content.decode()
    assert client.get(reverse("knowledge:search"), {"zoek": "schoolontbijt"}).context["page"].paginator.count == 1
    assert member.get(reverse("knowledge:item-edit", kwargs={"slug": item.slug})).status_code == 403  # published: team


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"title": ""}, "title", "Dit veld is verplicht"),
        ({"knowledge_source": "gevoel"}, "knowledge_source", "Selecteer een geldige keuze"),
        ({"summary": "x" * 801}, "summary", "niet meer dan 800"),
        ({"links": "klik hier | javascript:alert(1)"}, "links", "geen webadres"),
        ({"author_organisations": "Onbekend BV"}, "author_organisations", "kennen we niet"),
    ],
)
def test_bad_items_are_refused_at_the_field(personas, changes, field, message):
    response = personas.client("contact").post(CREATE, data(**changes))
    assert response.status_code == 400
    assert message in response.content.decode() and f'id="id_{field}_error"' in response.content.decode()
    assert not Item.objects.exists()


def test_html_in_an_item_is_shown_as_text(personas, client):
    item = make_item(title="<img src=x onerror=alert(1)>", body="<script>alert(2)</script>")
    html = client.get(item.get_absolute_url()).content.decode()
    assert "<img src=x" not in html and "<script>alert(2)" not in html and "&lt;script&gt;" in html


def test_the_form_says_photos_of_children_are_not_accepted(personas):
    assert "van kinderen nemen we niet op" in personas.client("member").get(CREATE).content.decode()


def test_no_story_is_published_without_consent_and_withdrawal_unpublishes_it_everywhere_at_once(personas, client):
    story = make_item(
        kind="ervaringsverhaal",
        knowledge_source="ervaring",
        title="Het is een recht",
        status="draft",
        published_at=None,
    )
    team = personas.client("project_team")
    refused = team.post(
        reverse("knowledge:item-status", kwargs={"slug": story.slug}), {"action": "publiceren"}, follow=True
    )
    assert "pas gepubliceerd met een geldige toestemming" in refused.content.decode()
    consent = {"given_by": "De verteller", "relation": "narrator", "uses": ["site", "report"], "method": "written"}
    assert team.post(reverse("knowledge:consent-record", kwargs={"slug": story.slug}), consent).status_code == 302
    status(team, story, "publiceren")
    collection = Collection.objects.create(title="Verhalen", slug="verhalen")
    CollectionEntry.objects.create(collection=collection, item=story, position=1)
    assert client.get(story.get_absolute_url()).status_code == 200
    assert client.get(reverse("knowledge:search"), {"zoek": "recht"}).context["page"].paginator.count == 1
    assert client.get(f"/api/v1/kennisbank/{story.slug}").status_code == 200
    record = story.consents.get()
    team.post(reverse("knowledge:consent-withdraw", kwargs={"slug": story.slug, "pk": record.pk}), {"note": "Telefoon"})
    story.refresh_from_db()
    assert story.status == "withdrawn" and story.withdrawn_by == personas.users["project_team"]
    assert client.get(story.get_absolute_url()).status_code == 404
    assert client.get(reverse("knowledge:search"), {"zoek": "recht"}).context["page"].paginator.count == 0
    assert client.get(f"/api/v1/kennisbank/{story.slug}").status_code == 404
    assert "Het is een recht" not in client.get(collection.get_absolute_url()).content.decode()
    assert personas.client("member").get(story.get_absolute_url()).status_code == 404


def test_an_expired_consent_hides_the_story_without_any_job(personas, client):
    from datetime import timedelta

    from django.utils import timezone

    from alliantie.knowledge.models import Consent

    story = make_item(kind="ervaringsverhaal", knowledge_source="ervaring", title="Meedoen op de club")
    Consent.objects.create(
        item=story,
        given_by="x",
        relation="narrator",
        uses=["site"],
        method="email",
        valid_until=timezone.localdate() - timedelta(days=1),
    )
    assert client.get(story.get_absolute_url()).status_code == 404


def test_the_team_orders_a_collection(personas, client):
    first, second = make_item(title="Eerste"), make_item(title="Tweede")
    team = personas.client("project_team")
    assert team.post(reverse("knowledge:collection-create"), {"title": "Toolkit"}).status_code == 302
    collection = Collection.objects.get()
    edit = reverse("knowledge:collection-edit", kwargs={"slug": collection.slug})
    for item in (first, second):
        team.post(edit, {"actie": "toevoegen", "item": item.pk})
    entry = collection.entries.get(item=second)
    team.post(edit, {"actie": "omhoog", "onderdeel": entry.pk})
    html = client.get(collection.get_absolute_url()).content.decode()
    assert html.index("Tweede") < html.index("Eerste")
    assert personas.client("member").post(edit, {"actie": "verwijderen", "onderdeel": entry.pk}).status_code == 403
    assert collection.entries.count() == 2


def test_an_item_page_costs_the_same_queries_with_one_or_thirty_attachments_and_links(
    client, django_assert_num_queries
):
    from alliantie.knowledge.models import Attachment, Link

    item = make_item()
    # 1 the item, 2 opgaven, 3 sectors, 4 authors, 5 attachments, 6 links, 7 collections
    with django_assert_num_queries(7):
        assert client.get(item.get_absolute_url()).status_code == 200
    for n in range(30):
        Link.objects.create(item=item, title=f"Link {n}", url=f"https://example.org/{n}", position=n)
        Attachment.objects.create(item=item, token=str(n), filename=f"{n}.pdf", kind="pdf", content_type="x", size=1)
    with django_assert_num_queries(7):
        assert client.get(item.get_absolute_url()).status_code == 200
    assert client.post(item.get_absolute_url()).status_code == 405
