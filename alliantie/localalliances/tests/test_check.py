"""The four characteristics as a live check (rules that branch a lot, tested on the rows the selectors read)."""

import pytest

from alliantie.core.models import Challenge, ChangeLine, Sector
from alliantie.localalliances import check

pytestmark = pytest.mark.django_db


def compute(facts):
    sectors = dict(Sector.objects.values_list("slug", "name"))
    return check.compute(
        facts,
        sectors=sectors,
        challenges=list(Challenge.objects.order_by("number")),
        lines=list(ChangeLine.objects.order_by("order")),
    )


def goal(slug="meedoen", line="soften", involvement="consulted"):
    return check.GoalRow(Challenge.objects.get(slug=slug).pk, line, involvement)


def by_key(result):
    return {c.key: c for c in result.characteristics}


def test_an_empty_alliance_misses_everything_and_says_what_to_do():
    result = by_key(compute(check.Facts()))
    assert {c.status for c in result.values()} == {check.MISSING}
    assert "Werkgever / bedrijfsleven" in result["sectoren"].missing
    assert any(
        todo.startswith("Werkgever / bedrijfsleven: Vraag de ondernemersvereniging") for todo in result["sectoren"].todo
    )
    assert result["ervaring"].todo and result["leefwereld"].todo


def test_the_six_sectors_of_seed_001_make_the_sector_check_pass_and_the_other_four_are_advised():
    facts = check.Facts(member_sectors={slug: ["x"] for slug in check.CORE_SECTORS})
    result = compute(facts)
    sectors = by_key(result)["sectoren"]
    assert sectors.status == check.OK and sectors.summary == "6 van de 10 sectoren doen mee."
    assert result.missing_sectors == check.EXTRA_SECTORS
    assert sectors.todo == [
        "Ook waardevol: Kinderopvang, Woningcorporatie, Zorgverzekeraar, Schuldhulp en bewindvoering."
    ]


def test_lived_experience_is_partly_there_until_every_goal_involves_them_or_an_experts_organisation_takes_part():
    involved, not_yet = goal(involvement="co_designed"), goal(involvement="not_yet")
    assert by_key(compute(check.Facts(goals=[involved, not_yet])))["ervaring"].status == check.PARTLY
    assert by_key(compute(check.Facts(goals=[involved])))["ervaring"].status == check.OK
    experts = check.Facts(goals=[involved, not_yet], member_sectors={"ervaringsdeskundigen": ["Sterk uit Armoede"]})
    assert by_key(compute(experts))["ervaring"].status == check.OK
    assert by_key(compute(check.Facts(goals=[not_yet])))["ervaring"].status == check.MISSING


def test_the_change_theory_asks_for_goals_beyond_verzachten():
    soften = check.Facts(goals=[goal(line="soften")])
    assert by_key(compute(soften))["verandertheorie"].status == check.MISSING
    partly = check.Facts(goals=[goal(line="soften"), goal(line="strengthen")])
    result = by_key(compute(partly))["verandertheorie"]
    assert result.status == check.PARTLY and result.missing == ["veranderen"]
    all_three = check.Facts(goals=[goal(line="soften"), goal(line="strengthen"), goal(line="transform")])
    assert by_key(compute(all_three))["verandertheorie"].status == check.OK


def test_the_childs_whole_life_counts_the_opgaven_of_the_agenda():
    slugs = ["meedoen", "een-fijn-thuis", "een-gezonde-dag", "het-gezin-versterken", "leren-omgaan-met-geld"]
    four = by_key(compute(check.Facts(goals=[goal(slug=s) for s in slugs[:4]])))["leefwereld"]
    assert four.status == check.PARTLY and four.summary == "De agenda gaat over 4 van de 10 opgaven."
    assert "Extra ontwikkelkansen bieden" in four.missing
    assert by_key(compute(check.Facts(goals=[goal(slug=s) for s in slugs])))["leefwereld"].status == check.OK
