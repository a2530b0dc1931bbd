"""The marketplace pages: posting, finding, suggestions with reasons, introductions and their outcome."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alliantie.core.models import Municipality, Province, Scope, Sector
from alliantie.core.tests.factories import make_membership, make_organisation, make_post, make_user
from alliantie.marketplace.models import Introduction, Post, SynonymGroup
from alliantie.partners.models import Membership

pytestmark = pytest.mark.django_db
LIST = reverse("marketplace:post-list")
CREATE = reverse("marketplace:post-create")
TODAY = timezone.localdate()


def build_matching_indexes() -> None:
    """What the background worker does after posts, partners or synonyms change (factories skip the services)."""
    from alliantie.marketplace import suggestions

    for name in suggestions.INDEXES:
        suggestions.store(name, force=True)


def post_data(**overrides) -> dict:
    return {
        "kind": "request",
        "title": "Ontbijt voor onze leerlingen",
        "body": "Veel kinderen komen zonder ontbijt naar school.",
        "help_types": ["middelen"],
        "municipalities": "Zoetermeer",
        "open_until": (TODAY + timedelta(days=60)).isoformat(),
    } | overrides


@pytest.fixture
def fund(personas):
    """A national fund that offers school breakfasts, with its contact."""
    organisation = make_organisation(
        name="Stichting Ontbijt Overal",
        sector=Sector.objects.get(slug="fonds"),
        scope=Scope.objects.get(code="national"),
        description="Wij betalen schoolontbijten.",
    )
    make_membership(make_user(email="fonds@example.org", name="Fien Fonds"), organisation, Membership.Role.CONTACT)
    offer = make_post(
        organisation,
        kind="offer",
        title="Schoolontbijt voor basisscholen",
        body="Gratis ontbijtpakketten voor scholen.",
    )
    return organisation, offer


@pytest.mark.smoke
def test_a_partner_posts_a_request_and_finds_it_back_with_filters(personas):
    client = personas.client("member")
    script = "<script>alert(1)</script>"
    response = client.post(CREATE, post_data(body=f"Ontbijt nodig. {script}"))
    post = Post.objects.get()
    assert response["Location"] == post.get_absolute_url()
    assert post.organisation == personas.organisation and post.created_by == personas.users["member"]
    assert list(post.area_municipalities.values_list("code", flat=True)) == ["GM0637"]
    detail = client.get(post.get_absolute_url()).content.decode()
    assert script not in detail and "&lt;script&gt;" in detail
    make_post(personas.other_organisation, kind="offer", title="Laptops", body="Computers", help_types=["middelen"])
    assert "Ontbijt voor onze leerlingen" in client.get(LIST, {"soort": "request"}).content.decode()
    assert "Ontbijt voor onze leerlingen" not in client.get(LIST, {"soort": "offer"}).content.decode()
    assert "Ontbijt voor onze leerlingen" not in client.get(LIST, {"hulp": "kennis"}).content.decode()
    assert "Ontbijt voor onze leerlingen" in client.get(LIST, {"gemeente": "Zoetermeer"}).content.decode()
    assert "Ontbijt voor onze leerlingen" not in client.get(LIST, {"gemeente": "Groningen"}).content.decode()
    by_province = client.get(LIST, {"provincie": "PV28", "hulp": "middelen"}).content.decode()
    assert "Ontbijt voor onze leerlingen" in by_province
    assert '<option value="PV28" selected>' in by_province and '<option value="middelen" selected>' in by_province
    assert "Laptops" in client.get(LIST, {"provincie": "PV20"}).content.decode()  # national posts everywhere
    assert "Ontbijt voor onze leerlingen" in client.get(LIST, {"zoek": "ontbijt"}).content.decode()
    build_matching_indexes()
    best = client.get(LIST, {"zoek": "schoolontbijt", "sorteer": "best"}).content.decode()
    assert "Ontbijt voor onze leerlingen" in best


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"title": ""}, "title", "Dit veld is verplicht"),
        ({"kind": "ruil"}, "kind", "Selecteer een geldige keuze"),
        ({"help_types": ["alles"]}, "help_types", "Selecteer een geldige keuze"),
        ({"municipalities": "Atlantis"}, "municipalities", "kennen we niet als gemeente"),
        ({"open_until": (TODAY - timedelta(days=1)).isoformat()}, "open_until", "al voorbij"),
        ({"body": "x" * 5001}, "body", "niet meer dan 5000"),
        ({"open_until": "morgen"}, "open_until", "geldige datum"),
    ],
)
def test_bad_posts_are_refused_with_the_message_at_the_field(personas, changes, field, message):
    response = personas.client("contact").post(CREATE, post_data(**changes))
    assert response.status_code == 400
    content = response.content.decode()
    assert message in content
    assert f'id="id_{field}_error"' in content or "error-summary" in content
    assert not Post.objects.exists()


def test_posting_is_rate_limited_per_person(personas, settings):
    settings.MARKETPLACE_POSTS_PER_DAY = 2
    client = personas.client("member")
    for _ in range(2):
        assert client.post(CREATE, post_data()).status_code == 302
    refused = client.post(CREATE, post_data())
    assert refused.status_code == 400
    assert "al 2 berichten geplaatst" in refused.content.decode()
    assert Post.objects.count() == 2


def test_another_partner_cannot_change_or_close_a_post(personas):
    post = make_post(personas.organisation)
    outsider = personas.client("outsider")
    assert outsider.get(reverse("marketplace:post-edit", args=[post.pk])).status_code == 403
    assert (
        outsider.post(reverse("marketplace:post-edit", args=[post.pk]), post_data(title="Gekaapt")).status_code == 403
    )
    assert outsider.post(reverse("marketplace:post-close", args=[post.pk]), {"outcome": "weg"}).status_code == 403
    post.refresh_from_db()
    assert (post.title, post.status) == ("Ontbijt voor onze leerlingen", "open")
    assert personas.client("coordinator").get(LIST).status_code == 403  # not a partner


def test_a_request_gets_offers_and_partners_with_reasons_never_its_own(personas, fund):
    own_offer = make_post(personas.organisation, kind="offer", title="Ontbijt", body="Ontbijt op school")
    request = make_post(personas.organisation, title="Ontbijt op school", body="Wie helpt ons aan ontbijt?")
    request.area_municipalities.set([Municipality.objects.get(code="GM0637")])
    build_matching_indexes()
    page = personas.client("member").get(request.get_absolute_url())
    suggestions = page.context["suggestions"]
    assert [s.post for s in suggestions["posts"]] == [fund[1]]
    assert own_offer not in [s.post for s in suggestions["posts"]]
    assert "landelijk aanbod" in suggestions["posts"][0].suggestion.why
    assert "u vraagt om ontbijt; dit aanbod gaat over schoolontbijt" in suggestions["posts"][0].suggestion.why
    assert fund[0] in [s.organisation for s in suggestions["partners"]]
    assert personas.organisation not in [s.organisation for s in suggestions["partners"]]
    assert "u vraagt om ontbijt; dit aanbod gaat over schoolontbijt" in page.content.decode()


def test_an_offer_gets_the_requests_it_could_answer(personas, fund):
    request = make_post(personas.organisation, title="Ontbijt op school", body="Wie helpt ons aan ontbijt?")
    fund_contact = fund[0].memberships.get().user
    from alliantie.conftest import Personas

    client = Personas(fund[0], None, {"fund": fund_contact}).client("fund")
    build_matching_indexes()
    suggestions = client.get(fund[1].get_absolute_url()).context["suggestions"]
    assert [s.post for s in suggestions["posts"]] == [request]


def test_the_teams_synonyms_extend_the_matching(personas):
    offer_org = make_organisation(name="Bouwbedrijf")
    make_post(offer_org, kind="offer", title="Tweewielers te geef", body="Opgeknapt en veilig.")
    request = make_post(personas.organisation, title="Fietsen gezocht", body="Voor de tocht naar school.")
    url = request.get_absolute_url()
    build_matching_indexes()
    assert personas.client("member").get(url).context["suggestions"]["posts"] == []
    SynonymGroup.objects.create(terms="fiets | fietsen | tweewieler | tweewielers")
    build_matching_indexes()
    assert len(personas.client("member").get(url).context["suggestions"]["posts"]) == 1


@pytest.mark.smoke
def test_an_introduction_mails_both_partners_and_the_other_records_the_outcome(personas, fund, mailbox):
    request = make_post(personas.organisation, title="Ontbijt op school", body="Wie helpt ons?")
    url = reverse("marketplace:introduce", args=[request.pk])
    data = {"other": fund[0].pk, "other_post": fund[1].pk, "reason": "beide over Een gezonde dag · landelijk aanbod"}
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert personas.client("member").post(url, data).status_code == 302
    introduction = Introduction.objects.get()
    assert (introduction.poster, introduction.other, introduction.other_post) == (
        personas.organisation,
        fund[0],
        fund[1],
    )
    assert sorted(mailbox.messages[-1]["To"].split(", ")) == ["contact@example.org", "fonds@example.org"]
    body = mailbox.body()
    assert "beide over Een gezonde dag · landelijk aanbod" in body
    link = re.search(r"http://testserver(/marktplaats/koppelingen/\d+/)", body).group(1)

    with TestCase.captureOnCommitCallbacks(execute=True):
        again = personas.client("member").post(url, data, follow=True)
    assert "al voorgesteld" in again.content.decode()
    assert Introduction.objects.count() == 1

    from alliantie.conftest import Personas

    fund_client = Personas(fund[0], None, {"fund": fund[0].memberships.get().user}).client("fund")
    fund_client.post(link, {"status": "collaborating", "outcome": "Wij leveren vanaf januari."})
    introduction.refresh_from_db()
    assert (introduction.status, introduction.outcome) == ("collaborating", "Wij leveren vanaf januari.")
    overview = personas.client("project_team").get(reverse("marketplace:introduction-list"))
    assert overview.context["stats"].by_status["werken samen"] == 1
    assert overview.context["stats"].median_days_to_first is not None
    assert personas.client("outsider").get(link).status_code == 404  # not a party


def test_follow_up_asks_both_sides_once_and_the_answer_link_records_it(personas, fund, mailbox, settings):
    request = make_post(personas.organisation)
    introduction = Introduction.objects.create(
        post=request,
        poster=personas.organisation,
        other=fund[0],
        reason="past",
        created_at=timezone.now() - timedelta(days=40),
    )
    out = __import__("io").StringIO()
    call_command("introductions_follow_up", base_url="http://testserver", stdout=out)
    call_command("introductions_follow_up", base_url="http://testserver", stdout=out)
    assert out.getvalue().splitlines() == ["1 koppeling(en) nagevraagd.", "0 koppeling(en) nagevraagd."]
    assert mailbox.deliver() == 1
    body = mailbox.body()
    answer = re.search(r"http://testserver(/marktplaats/antwoord/\S+)\?antwoord=met", body).group(1)
    client = personas.client("anonymous")
    page = client.get(answer, {"antwoord": "met"})
    assert page.status_code == 200
    introduction.refresh_from_db()
    assert introduction.answered_at is None  # opening the link (or a mail scanner) records nothing
    client.post(answer, {"status": "met"})
    introduction.refresh_from_db()
    assert introduction.status == "met" and introduction.answered_at is not None
    assert client.get("/marktplaats/antwoord/vervalst/").status_code == 404
    assert client.post(answer, {"status": "alles"}).status_code == 400


def test_closing_a_post_keeps_its_outcome_and_takes_it_out_of_the_list_and_suggestions(personas, fund):
    client = personas.client("member")
    request = make_post(personas.organisation, title="Ontbijt op school")
    assert client.post(reverse("marketplace:post-close", args=[request.pk]), {"outcome": ""}).status_code == 400
    client.post(reverse("marketplace:post-close", args=[request.pk]), {"outcome": "Geholpen door het fonds."})
    request.refresh_from_db()
    assert request.status == "closed" and request.outcome == "Geholpen door het fonds."
    assert "Ontbijt op school" not in client.get(LIST).content.decode()
    fund_post_page = personas.client("project_team").get(fund[1].get_absolute_url())
    assert fund_post_page.context["suggestions"]["posts"] == []
    introduce = reverse("marketplace:introduce", args=[request.pk])
    refused = client.post(introduce, {"other": fund[0].pk, "reason": "x"}, follow=True)
    assert "gesloten of verlopen" in refused.content.decode()
    assert not Introduction.objects.exists()


def test_introducing_a_partner_to_itself_or_an_unknown_one_is_refused(personas):
    post = make_post(personas.organisation)
    client = personas.client("member")
    url = reverse("marketplace:introduce", args=[post.pk])
    assert (
        "aan zichzelf"
        in client.post(url, {"other": personas.organisation.pk, "reason": "x"}, follow=True).content.decode()
    )
    assert "bestaat niet" in client.post(url, {"other": 999999, "reason": "x"}, follow=True).content.decode()
    assert "Voer een geheel getal in" in client.post(url, {"other": "abc", "reason": "x"}, follow=True).content.decode()
    assert not Introduction.objects.exists()
    assert not mail.outbox


def test_the_list_takes_the_same_queries_for_few_and_many_posts(personas):
    client = personas.client("member")
    make_post(personas.organisation)
    client.get(LIST)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get(LIST, {"provincie": "PV28"})
        return len(queries)

    few = count()
    for n in range(15):
        post = make_post(personas.other_organisation, title=f"Vraag {n}")
        post.area_provinces.set([Province.objects.get(code="PV28")])
    assert count() == few


def test_when_a_partner_ends_its_open_posts_are_closed(personas):
    from alliantie.partners import services as partner_services

    post = make_post(personas.organisation)
    partner_services.change_status(
        organisation=personas.organisation,
        status="ended",
        since=TODAY,
        reason="Opgeheven.",
        changed_by=personas.users["project_team"],
    )
    post.refresh_from_db()
    assert post.status == "closed" and "geen partner meer" in post.outcome
    assert personas.client("project_team").get(LIST).context["page"].paginator.count == 0


def test_a_status_changed_outside_the_services_is_caught_by_the_nightly_sweep(personas):
    from alliantie.core.models import AuditEntry
    from alliantie.marketplace.services import close_posts_of_former_partners
    from alliantie.partners.models import Organisation

    post = make_post(personas.organisation)
    other = make_post(personas.other_organisation)
    Organisation.objects.filter(pk=personas.organisation.pk).update(status="ended")  # a bulk update: no service
    post.refresh_from_db()
    assert post.status == "open"
    assert close_posts_of_former_partners() == 1
    post.refresh_from_db()
    other.refresh_from_db()
    assert post.status == "closed" and other.status == "open"
    assert AuditEntry.objects.filter(action="post.closed").count() == 1
    assert close_posts_of_former_partners() == 0  # safe to run twice


def test_the_weekly_digest_is_opt_in_and_sends_new_fitting_posts_with_reasons(personas, fund, mailbox):
    client = personas.client("contact")
    toggle = reverse("marketplace:digest-toggle")
    assert client.post(toggle, {"organisatie": personas.other_organisation.pk, "aan": "1"}).status_code == 403
    assert client.post(toggle, {"organisatie": "abc", "aan": "1"}).status_code == 302
    client.post(toggle, {"organisatie": personas.organisation.pk, "aan": "1"})
    personas.organisation.description = "Wij zorgen voor ontbijt op school."
    personas.organisation.save()
    make_post(personas.organisation, kind="offer", title="Eigen aanbod ontbijt")  # never in its own digest
    out = __import__("io").StringIO()
    call_command("marketplace_digest", base_url="http://testserver", stdout=out)
    assert out.getvalue().strip() == "1 overzicht(en) verstuurd."
    # Run twice in the same week (or on a second machine): nobody gets a second digest.
    call_command("marketplace_digest", base_url="http://testserver", stdout=out)
    assert out.getvalue().strip().endswith("0 overzicht(en) verstuurd.")
    assert mailbox.deliver() == 1
    assert mailbox.messages[-1]["To"] == "contact@example.org"
    body = mailbox.body()
    assert "Schoolontbijt voor basisscholen" in body and "Eigen aanbod" not in body
    assert "http://testserver/marktplaats/" in body and "Waarom:" in body
    client.post(toggle, {"organisatie": personas.organisation.pk, "aan": "0"})
    with time_machine.travel(timezone.now() + timedelta(days=7)):
        call_command("marketplace_digest", base_url="http://testserver", stdout=out)
    assert out.getvalue().strip().endswith("0 overzicht(en) verstuurd.")


def test_a_person_who_leaves_the_organisation_no_longer_gets_its_digest(personas, fund, mailbox):
    from alliantie.marketplace.models import DigestSubscription
    from alliantie.partners.models import Membership

    client = personas.client("member")
    client.post(reverse("marketplace:digest-toggle"), {"organisatie": personas.organisation.pk, "aan": "1"})
    assert DigestSubscription.objects.filter(membership__user=personas.users["member"]).exists()
    Membership.objects.filter(user=personas.users["member"]).delete()
    assert not DigestSubscription.objects.exists()
    assert send_digests_now() == 0
    assert mailbox.deliver() == 0


def send_digests_now() -> int:
    from alliantie.marketplace.services import send_digests

    return send_digests(base_url="http://testserver")


def test_pages_use_the_last_built_index_and_a_change_asks_the_background_for_one_rebuild(personas, fund):
    from alliantie.marketplace import suggestions
    from alliantie.marketplace.models import MatchingIndex
    from alliantie.marketplace.services import save_post

    assert suggestions.index("offer") is None  # nothing built yet: no suggestions, and no build in the request
    build_matching_indexes()
    first = suggestions.index("offer")
    assert suggestions.index("offer") is first  # unpickled once per process per build
    partners = suggestions.index("partners")
    requests = suggestions.index("request")
    with TestCase.captureOnCommitCallbacks() as pending:
        save_post(
            organisation=personas.other_organisation,
            saved_by=personas.users["outsider"],
            kind="offer",
            title="Nieuw aanbod",
            body="Huiswerkbegeleiding",
            help_types=["kennis"],
            challenges=[],
            municipalities=[],
            provinces=[],
            open_until=timezone.localdate() + timedelta(days=10),
        )
    assert len(pending) == 1  # the rebuild is a background task after the commit …
    assert suggestions.index("offer") is first  # … until it ran, pages keep the last index
    assert MatchingIndex.objects.get(name="offer").rebuild_requested_for  # a page noticed, asked once
    pending[0]()
    assert suggestions.index("offer") is not first
    assert suggestions.index("partners") is partners  # a new post does not touch the partner index
    assert suggestions.index("request") is requests  # nor a new offer the index of requests
    assert not suggestions.store("offer")  # built for this data already: the task does nothing


def test_an_introduction_with_an_offer_of_another_organisation_is_refused(personas, fund):
    request = make_post(personas.organisation, title="Ontbijt op school", body="Wie helpt ons?")
    strangers_offer = make_post(personas.other_organisation, kind="offer", title="Iets anders")
    url = reverse("marketplace:introduce", args=[request.pk])
    data = {"other": fund[0].pk, "other_post": strangers_offer.pk, "reason": "past"}
    page = personas.client("member").post(url, data, follow=True).content.decode()
    assert "Het gekozen aanbod is niet van Stichting Ontbijt Overal" in page
    assert not Introduction.objects.exists()


def test_a_personal_message_goes_in_the_mail_and_introductions_are_limited_per_person(
    personas, fund, mailbox, settings
):
    settings.MARKETPLACE_INTRODUCTIONS_PER_DAY = 2
    client = personas.client("member")
    posts = [make_post(personas.organisation, title=f"Vraag {n}", body="Ontbijt") for n in range(3)]
    for n, post in enumerate(posts[:2]):
        with TestCase.captureOnCommitCallbacks(execute=True):
            client.post(
                reverse("marketplace:introduce", args=[post.pk]),
                {"other": fund[0].pk, "reason": "past", "message": f"Ik denk aan jullie {n}. <b>echt</b>"},
            )
    assert "Een persoonlijk bericht van Mila Medewerker:" in mailbox.body()
    assert "Ik denk aan jullie 1. <b>echt</b>" in mailbox.body()  # plain text mail: shown as typed
    third = client.post(
        reverse("marketplace:introduce", args=[posts[2].pk]), {"other": fund[0].pk, "reason": "past"}, follow=True
    )
    assert "U heeft vandaag al 2 koppelingen gemaakt" in third.content.decode()
    assert Introduction.objects.count() == 2


def test_the_same_offer_text_from_two_organisations_is_shown_once_with_both_names(personas, fund):
    sister = make_organisation(
        name="Ontbijtfonds Zuid", sector=Sector.objects.get(slug="fonds"), scope=Scope.objects.get(code="national")
    )
    copy = make_post(
        sister, kind="offer", title="Schoolontbijt voor basisscholen", body="Gratis  ontbijtpakketten voor scholen."
    )
    make_post(
        sister, kind="offer", title="Schoolontbijt voor basisscholen", body="Gratis ontbijtpakketten voor scholen."
    )
    request = make_post(personas.organisation, title="Ontbijt op school", body="Wie helpt ons aan ontbijt?")
    build_matching_indexes()
    response = personas.client("member").get(request.get_absolute_url())
    assert response.status_code == 200
    shown = response.context["suggestions"]["posts"]
    assert len(shown[0].others) == 1  # the sister's second copy of the same text is not a third name
    assert len(shown) == 1
    assert {o.name for o in shown[0].organisations} == {"Stichting Ontbijt Overal", "Ontbijtfonds Zuid"}
    page = response.content.decode()
    assert page.count(">Schoolontbijt voor basisscholen</a>") == 1
    assert "Stel Ontbijtfonds Zuid voor" in page and "Stel Stichting Ontbijt Overal voor" in page
    assert f'name="other_post" value="{copy.pk}"' in page and f'name="other_post" value="{fund[1].pk}"' in page
