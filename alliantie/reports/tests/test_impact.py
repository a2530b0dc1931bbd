"""The public page "Wat we samen doen": live figures, never one with fewer than five partners behind it."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from alliantie.core.models import Challenge
from alliantie.monitoring.models import Report
from alliantie.reports import precompute
from alliantie.reports.models import Target
from alliantie.reports.tests.conftest import Queries, grow, make_partners

pytestmark = pytest.mark.django_db
IMPACT = reverse("reports:impact")


def test_the_page_shows_the_figures_the_map_and_the_reports(client, personas):
    make_partners(5, sector="onderwijs", code="GM0344")
    make_partners(2, sector="woningcorporatie", code="GM0344")
    report = Report.objects.create(year=2025, prepared_by=personas.users["project_team"], published_at=timezone.now())
    example = make_partners(1, code="GM0344")[0].activities.get()
    report.highlighted_activities.set([example])
    precompute.refresh()
    response = client.get(IMPACT)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("<path ") == 342 and 'id="map-title"' in page
    assert "Voortgangsrapportage 2025" in page and example.title in page
    # onderwijs: 5 partners, a figure; woningcorporatie: 2, no figure
    assert re.search(r"Onderwijs</th><td class=\"number\">5</td>", page)
    assert re.search(r"Woningcorporatie</th><td class=\"number\">minder dan 5</td>", page)


@pytest.mark.smoke
def test_no_figure_with_fewer_than_five_partners_behind_it(client):
    make_partners(4, code="GM0344")
    precompute.refresh()
    page = client.get(IMPACT).content.decode()
    gezonde_dag = page[page.index("3. Een gezonde dag") :][:400]
    assert "Minder dan 5 partners" in gezonde_dag and "lopende activiteiten van" not in gezonde_dag
    utrecht = re.search(r"Utrecht</th><td>([^<]+)</td>", page).group(1)
    assert utrecht == "minder dan 5"
    assert "Utrecht: 4" not in page


def test_public_targets_show_and_internal_ones_do_not(client):
    Target.objects.filter(definition="leernetwerk").update(public=False)
    page = client.get(IMPACT).content.decode()
    assert "Netwerk van minimaal 350 partners" in page and "Leernetwerk lokale allianties" not in page


@pytest.mark.parametrize(
    "query",
    [
        "?x=1",
        "?opgave=%3Cscript%3Ealert(1)%3C/script%3E",
        "?" + "a=b&" * 2000,
        "?%00=%00",
        "?pagina=-1&zoek=" + "€" * 3000,
    ],
)
def test_odd_query_strings_are_ignored(client, query):
    response = client.get(IMPACT + query)
    assert response.status_code == 200 and "<script>alert" not in response.content.decode()


def test_visitors_are_rate_limited(client, settings):
    settings.VISITOR_PAGES_PER_MINUTE = 2
    cache.clear()
    statuses = [client.get(IMPACT).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_the_map_downloads_as_svg(client):
    assert "De kaart wordt gemaakt" in client.get(IMPACT).content.decode()  # before the first computation
    precompute.refresh()
    response = client.get(reverse("reports:impact-map"))
    assert response.status_code == 200 and response.content.decode().count("<path ") == 342


def test_the_page_asks_the_same_number_of_queries_at_two_sizes(client):
    grow(3)
    precompute.refresh()
    client.get(IMPACT)
    with Queries() as small:
        assert client.get(IMPACT).status_code == 200
    grow(40)
    precompute.refresh()
    client.get(IMPACT)  # the figures changed: the first visitor computes the page, the others read it
    with Queries() as large:
        assert client.get(IMPACT).status_code == 200
    # the figures' snapshot, the latest report, the latest published round, the public targets (the cache key)
    assert small.count == large.count
    cache.clear()
    with Queries() as uncached:
        assert client.get(IMPACT).status_code == 200
    assert uncached.count < 40


def test_each_opgave_is_on_the_page():
    from django.test import Client

    page = Client().get(IMPACT).content.decode()
    for challenge in Challenge.objects.all():
        assert challenge.name in page
