"""'Waar heb ik recht op?': likely provisions with the reasons, and nothing kept of what was typed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alliantie.socialmap.eligibility import Household, likely_provisions
from alliantie.socialmap.tests.test_finder import provider, service, social_map  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db
URL = reverse("socialmap:check")


@pytest.fixture
def with_debt_help(social_map):  # noqa: F811
    gemeente = provider("Schuldhulp Zoetermeer")
    gemeente.area_municipalities.set([social_map["zoetermeer"]])
    service(gemeente, "Schuldhulp", ["geld-schulden"], bring="Uw post van schuldeisers.")
    return social_map


def names(results) -> list[str]:
    return [item.service.name for item in results]


def test_a_household_below_120_percent_gets_the_schemes_for_its_childrens_ages(with_debt_help):
    results = likely_provisions(Household(with_debt_help["zoetermeer"], ages=[3, 8], income_band="110-120"))
    assert names(results) == ["Kindpakket Zoetermeer", "Schoolspullen en laptop", "Sportclub betaald", "Verjaardagsbox"]
    by_name = {item.service.name: item for item in results}
    assert "uw inkomen is lager dan 120% van het sociaal minimum" in by_name["Kindpakket Zoetermeer"].reasons
    assert by_name["Schoolspullen en laptop"].reasons[0] == "voor uw kind van 8 jaar"
    assert "aanvragen gaat via een hulpverlener, school of wijkteam" in by_name["Sportclub betaald"].reasons
    assert "Leergeld Zoetermeer" == by_name["Schoolspullen en laptop"].contact.name


def test_above_the_limit_a_scheme_drops_out_unless_there_are_debts_and_debt_help_needs_debts(with_debt_help):
    above = names(likely_provisions(Household(with_debt_help["zoetermeer"], ages=[8], income_band="120-130")))
    assert "Kindpakket Zoetermeer" not in above and "Schuldhulp" not in above
    with_debts = likely_provisions(Household(with_debt_help["zoetermeer"], ages=[8], income_band="120-130", debts=True))
    by_name = {item.service.name: item for item in with_debts}
    assert by_name["Kindpakket Zoetermeer"].certain is False
    assert "u heeft schulden of betalingsachterstanden" in by_name["Schuldhulp"].reasons
    assert names(with_debts)[-1] == "Kindpakket Zoetermeer"  # the uncertain ones last
    with_pass = likely_provisions(
        Household(with_debt_help["zoetermeer"], ages=[8], income_band="120-130", has_pass=True)
    )
    assert {item.service.name: item.certain for item in with_pass}["Kindpakket Zoetermeer"] is True


def test_the_page_answers_without_storing_logging_or_addressing_anything(client, with_debt_help):
    data = {"waar": "Zoetermeer", "leeftijden": "3, 8", "inkomen": "110-120", "schulden": "on"}
    with CaptureQueriesContext(connection) as queries:
        response = client.post(URL, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Waarschijnlijk voor u in Zoetermeer" in page and "Uw post van schuldeisers." in page
    assert "Wat u invult, bewaren we niet." in page
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert "sessionid" not in response.cookies
    assert 'method="post"' in client.get(URL).content.decode()  # answers never go into the address


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"leeftijden": "drie"}, "is geen leeftijd"),
        ({"leeftijden": "3, 99"}, "is geen leeftijd"),
        ({"leeftijden": ",".join(["1"] * 13)}, "1 tot 12 kinderen"),
        ({"inkomen": "veel"}, "Selecteer een geldige keuze"),
        ({"waar": "Atlantis"}, "kennen we niet als gemeente"),
    ],
)
def test_bad_answers_are_explained(client, with_debt_help, changes, message):
    data = {"waar": "Zoetermeer", "leeftijden": "3", "inkomen": "110-120"} | changes
    response = client.post(URL, data)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_check_takes_the_same_queries_for_few_and_many_services(client, with_debt_help):
    data = {"waar": "Zoetermeer", "leeftijden": "3, 8", "inkomen": "110-120", "schulden": "on"}

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.post(URL, data)
        return len(queries)

    few = count()
    leergeld = provider("Stichting Leergeld Extra")
    branch = provider("Leergeld Extra Zoetermeer", parent=leergeld)
    branch.area_municipalities.set([with_debt_help["zoetermeer"]])
    for n in range(12):
        service(leergeld, f"Regeling {n}", ["school"], minimum_age=4, maximum_age=12)
    assert count() == few
    results = likely_provisions(Household(with_debt_help["zoetermeer"], ages=[8], income_band="110-120"))
    assert {item.contact.name for item in results if item.service.name.startswith("Regeling")} == {
        "Leergeld Extra Zoetermeer"
    }


def test_the_answer_lists_twenty_at_a_time_and_asks_again_for_more(client, with_debt_help):
    gemeente = provider("Gemeente Zoetermeer extra")
    gemeente.area_municipalities.set([with_debt_help["zoetermeer"]])
    for n in range(25):
        service(gemeente, f"Regeling {n:02d}", ["school"])
    data = {"waar": "Zoetermeer", "leeftijden": "8", "inkomen": "tot-100"}
    first = client.post(URL, data)
    assert first.status_code == 200 and len(first.context["results"]) == 20
    total = first.context["total"]
    page = first.content.decode()
    assert f"1 tot en met 20 van {total}" in page and 'name="pagina" value="2"' in page
    assert 'name="leeftijden" value="8"' in page  # the next page is asked with the same answers, by POST
    second = client.post(URL, data | {"pagina": "2"})
    assert len(second.context["results"]) == total - 20 and second.context["next_page"] is None
    shown = {item.service.name for item in first.context["results"]} | {
        item.service.name for item in second.context["results"]
    }
    assert shown == {
        item.service.name
        for item in likely_provisions(Household(with_debt_help["zoetermeer"], ages=[8], income_band="tot-100"))
    }
