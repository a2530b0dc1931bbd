import pytest

from alliantie.core.models import Challenge, ChangeLine, Municipality, Province, Scope, Sector
from alliantie.core.selectors import find_municipality, suggest_municipalities

pytestmark = [pytest.mark.smoke, pytest.mark.django_db]


def test_the_migration_loads_all_342_municipalities_in_12_provinces():
    assert Municipality.objects.count() == 342
    assert Province.objects.count() == 12
    assert Municipality.objects.get(code="GM0363").province.code == "PV27"
    assert Municipality.objects.filter(province__code="PV30").count() == 56


def test_the_ten_opgaven_three_lines_sectors_and_scopes_are_there():
    assert list(Challenge.objects.values_list("name", flat=True))[:3] == [
        "Meedoen",
        "Een fijn thuis",
        "Een gezonde dag",
    ]
    assert Challenge.objects.count() == 10
    assert list(ChangeLine.objects.values_list("code", flat=True)) == ["soften", "strengthen", "transform"]
    assert Sector.objects.filter(slug__in=["gemeente", "onderwijs", "fonds", "ervaringsdeskundigen"]).count() == 4
    assert Sector.objects.count() >= 16
    assert list(Scope.objects.values_list("name", flat=True)) == ["lokaal", "regionaal", "landelijk"]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("GM0363", "GM0363"),
        ("gm0363", "GM0363"),
        ("0363", "GM0363"),
        ("363", "GM0363"),
        ("Amsterdam", "GM0363"),
        ("  AMSTERDAM ", "GM0363"),
        ("Den Haag", "GM0518"),
        ("'s-Gravenhage", "GM0518"),
        ("s gravenhage", "GM0518"),
        ("Den Bosch", "GM0796"),
        ("'s-Hertogenbosch", "GM0796"),
        ("Súdwest-Fryslân", "GM1900"),
        ("sudwest fryslan", "GM1900"),
        ("Hengelo", "GM0164"),
        ("Nuenen", "GM0820"),
    ],
)
def test_a_municipality_is_found_by_code_or_any_common_name(query, code):
    assert find_municipality(query).code == code


@pytest.mark.parametrize("query", ["Bergen", "Atlantis", "", "GM9999", "<script>", "x" * 500])
def test_an_unknown_or_ambiguous_name_finds_nothing_rather_than_a_guess(query):
    assert find_municipality(query) is None


def test_a_misspelt_name_gets_suggestions():
    assert suggest_municipalities("Amsterdm") == ["Amsterdam"]
    assert "Rotterdam" in suggest_municipalities("Roterdam")


def test_an_alias_added_by_an_administrator_is_found():
    amsterdam = Municipality.objects.get(code="GM0363")
    amsterdam.aliases.create(name="Mokum")
    assert find_municipality("mokum") == amsterdam
