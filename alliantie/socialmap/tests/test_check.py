"""'Waar heb ik recht op?': likely provisions with the reasons, and nothing kept of what was typed."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alliantie.socialmap.eligibility import (
    SINGLE_PARENT,
    TWO_PARENTS,
    Household,
    likely_provisions,
    norm_for,
    percent_of_minimum,
)
from alliantie.socialmap.forms import CheckForm, parse_euros
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


def household(the_map, **fields) -> Household:
    return Household(the_map["zoetermeer"], **({"ages": [8], "household_type": TWO_PARENTS} | fields))


def test_the_income_is_compared_with_the_shipped_social_minimum_of_the_household_type():
    single, couple = norm_for(SINGLE_PARENT), norm_for(TWO_PARENTS)
    assert (single.net_per_month, couple.net_per_month) == (Decimal("1345.45"), Decimal("1922.07"))
    assert single.valid_from.year == 2025 and "Westland" in single.source
    assert percent_of_minimum(Decimal("1480.00"), SINGLE_PARENT) == Decimal("110.0")
    assert percent_of_minimum(Decimal("2306.48"), TWO_PARENTS) == Decimal("120.0")


def test_results_come_most_certain_and_most_fitting_first_with_reasons_as_sentences(with_debt_help):
    results = likely_provisions(
        household(with_debt_help, ages=[3, 8], household_type=SINGLE_PARENT, net_income=Decimal("1480"))
    )
    # Not alphabetical: the birthday box fits both children, the local kindpakket is for this income.
    assert names(results) == ["Verjaardagsbox", "Kindpakket Zoetermeer", "Schoolspullen en laptop", "Sportclub betaald"]
    by_name = {item.service.name: item for item in results}
    assert by_name["Verjaardagsbox"].reasons[0] == "Het is voor uw kinderen van 3 en 8 jaar."
    assert by_name["Schoolspullen en laptop"].reasons[0] == "Het is voor uw kind van 8 jaar."
    assert "Uw inkomen is 110% van het sociaal minimum; de grens is 120%." in by_name["Kindpakket Zoetermeer"].reasons
    assert "U vraagt het aan via een hulpverlener, de school of het wijkteam." in by_name["Sportclub betaald"].reasons
    assert all(reason[0].isupper() and reason.endswith(".") for item in results for reason in item.reasons)
    assert "Leergeld Zoetermeer" == by_name["Schoolspullen en laptop"].contact.name


def test_above_the_limit_a_scheme_drops_out_unless_there_are_debts_and_debt_help_needs_debts(with_debt_help):
    above = names(likely_provisions(household(with_debt_help, net_income=Decimal("2500"))))  # 130% for two parents
    assert "Kindpakket Zoetermeer" not in above and "Schuldhulp" not in above
    with_debts = likely_provisions(household(with_debt_help, net_income=Decimal("2500"), debts=True))
    by_name = {item.service.name: item for item in with_debts}
    assert by_name["Kindpakket Zoetermeer"].certain is False
    assert "Het helpt bij schulden en betalingsachterstanden, en die heeft u." in by_name["Schuldhulp"].reasons
    assert names(with_debts)[-1] == "Kindpakket Zoetermeer"  # the uncertain ones last
    with_pass = likely_provisions(household(with_debt_help, net_income=Decimal("2500"), has_pass=True))
    assert {item.service.name: item.certain for item in with_pass}["Kindpakket Zoetermeer"] is True
    without_income = {item.service.name: item for item in likely_provisions(household(with_debt_help))}
    assert without_income["Kindpakket Zoetermeer"].certain is False


def test_the_page_answers_without_storing_logging_or_addressing_anything(client, with_debt_help):
    data = {
        "waar": "Zoetermeer",
        "leeftijden": "3 en 8",
        "huishouden": "alleenstaande-ouder",
        "inkomen": "1.480,00",
        "schulden": "on",
    }
    with CaptureQueriesContext(connection) as queries:
        response = client.post(URL, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "We vonden 5 regelingen in Zoetermeer die waarschijnlijk passen" in page and "Uw post van schuldeisers." in page
    )
    assert "Uw inkomen is 110% van het sociaal minimum voor een alleenstaande ouder." in page
    assert "bijstandsnorm van 1 januari 2025" in page
    assert "Wat u invult, bewaren we niet." in page
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert "sessionid" not in response.cookies
    form = client.get(URL).content.decode()
    assert 'method="post"' in form  # answers never go into the address
    # Without scripts the browser lands on the results heading; with them, focus moves there.
    assert f'action="{URL}#resultaten"' in form
    assert re.search(r'<h2 id="resultaten" tabindex="-1" data-focus-on-load>', page)


@pytest.mark.parametrize("typed", ["4 en 9", "4, 9", "4,9", "4 9", "4 jaar en 9 jaar", "4; 9"])
def test_ages_are_read_as_people_write_them(with_debt_help, typed):
    data = {"waar": "Zoetermeer", "leeftijden": typed, "huishouden": "twee-ouders", "inkomen": ""}
    form = CheckForm(data)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["leeftijden"] == [4, 9]


@pytest.mark.parametrize(
    "typed, amount",
    [("1600", "1600"), ("1.600", "1600"), ("€ 1.600,50", "1600.50"), ("1600.5", "1600.50"), ("1.650,-", "1650")],
)
def test_income_is_read_as_people_write_amounts(typed, amount):
    assert parse_euros(typed) == Decimal(amount)


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"leeftijden": "drie"}, "is geen leeftijd"),
        ({"leeftijden": "3, 99"}, "is geen leeftijd"),
        ({"leeftijden": ",".join(["1"] * 13)}, "1 tot 12 kinderen"),
        ({"inkomen": "veel"}, "is geen bedrag"),
        ({"inkomen": "24000000"}, "per maand"),
        ({"huishouden": "drie"}, "Selecteer een geldige keuze"),
        ({"waar": "Atlantis"}, "kennen we niet als gemeente"),
    ],
)
def test_bad_answers_are_explained(client, with_debt_help, changes, message):
    data = {"waar": "Zoetermeer", "leeftijden": "3", "huishouden": "twee-ouders", "inkomen": "2000"} | changes
    response = client.post(URL, data)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_check_takes_the_same_queries_for_few_and_many_services(client, with_debt_help):
    data = {
        "waar": "Zoetermeer",
        "leeftijden": "3, 8",
        "huishouden": "twee-ouders",
        "inkomen": "2000",
        "schulden": "on",
    }

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.post(URL, data)
        assert response.status_code == 200
        return len(queries)

    few = count()
    leergeld = provider("Stichting Leergeld Extra")
    branch = provider("Leergeld Extra Zoetermeer", parent=leergeld)
    branch.area_municipalities.set([with_debt_help["zoetermeer"]])
    for n in range(12):
        service(leergeld, f"Regeling {n}", ["school"], minimum_age=4, maximum_age=12)
    assert count() == few
    results = likely_provisions(household(with_debt_help, net_income=Decimal("2000")))
    assert {item.contact.name for item in results if item.service.name.startswith("Regeling")} == {
        "Leergeld Extra Zoetermeer"
    }


def test_the_answer_lists_twenty_at_a_time_and_asks_again_for_more(client, with_debt_help):
    gemeente = provider("Gemeente Zoetermeer extra")
    gemeente.area_municipalities.set([with_debt_help["zoetermeer"]])
    for n in range(25):
        service(gemeente, f"Regeling {n:02d}", ["school"])
    data = {"waar": "Zoetermeer", "leeftijden": "8", "huishouden": "twee-ouders", "inkomen": "1500"}
    first = client.post(URL, data)
    assert first.status_code == 200 and len(first.context["results"]) == 20
    total = first.context["total"]
    assert first.context["certain_count"] + first.context["maybe_count"] == total  # the heading counts them all
    page = first.content.decode()
    assert f"1 tot en met 20 van {total}" in page and 'name="pagina" value="2"' in page
    assert 'name="leeftijden" value="8"' in page  # the next page is asked with the same answers, by POST
    second = client.post(URL, data | {"pagina": "2"})
    assert len(second.context["results"]) == total - 20 and second.context["next_page"] is None
    shown = {item.service.name for item in first.context["results"]} | {
        item.service.name for item in second.context["results"]
    }
    assert shown == {
        item.service.name for item in likely_provisions(household(with_debt_help, ages=[8], net_income=Decimal("1500")))
    }
