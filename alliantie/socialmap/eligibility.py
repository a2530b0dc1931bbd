"""'Waar heb ik recht op?': which provisions likely apply to a household, and why. Pure: it reads the
services and writes nothing; what the visitor typed is not kept anywhere."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alliantie.core.models import Municipality
from alliantie.socialmap.finder import available_services, local_branches, providers_working_in
from alliantie.socialmap.models import Need, Provider, Service

# Income bands as % of the social minimum (bijstandsnorm): (code, label, lowest %, highest %).
INCOME_BANDS = [
    ("tot-100", gettext_lazy("minder dan 100%"), 0, 100),
    ("100-110", gettext_lazy("100 tot 110%"), 100, 110),
    ("110-120", gettext_lazy("110 tot 120%"), 110, 120),
    ("120-130", gettext_lazy("120 tot 130%"), 120, 130),
    ("130-150", gettext_lazy("130 tot 150%"), 130, 150),
    ("boven-150", gettext_lazy("meer dan 150%"), 150, 1000),
]


@dataclass
class Household:
    municipality: Municipality
    ages: list[int]
    income_band: str
    debts: bool = False
    has_pass: bool = False


@dataclass
class Likely:
    service: Service
    contact: Provider
    reasons: list[str] = field(default_factory=list)
    certain: bool = True  # False: it depends (the income limit falls inside the household's band)


def _band(code: str) -> tuple[int, int]:
    for value, _label, low, high in INCOME_BANDS:
        if value == code:
            return low, high
    raise ValueError(code)


def likely_provisions(household: Household) -> list[Likely]:
    """The available services this household probably qualifies for, most certain first, each with why."""
    return likely_page(household, 1, None)[0]


# The check lists this many at a time, with a button for the next ones: a municipality has hundreds of provisions
# at national scale, and a parent on a phone got a page of 340 kB.
PAGE_SIZE = 20
JUDGED = ("pk", "name", "minimum_age", "maximum_age", "needs", "income_limit_percent", "referral_needed")


def likely_page(household: Household, page: int, per_page: int | None = PAGE_SIZE) -> tuple[list[Likely], int]:
    """One page of `likely_provisions` (all of them when `per_page` is None) and how many there are in all. Every
    available service is judged from the few fields the rules read; only those on the page are loaded whole."""
    low, high = _band(household.income_band)
    judged = []
    here = providers_working_in(household.municipality)
    services = available_services(household.municipality, here).order_by("name").values_list(*JUDGED)
    for pk, name, minimum_age, maximum_age, needs, income_limit, referral_needed in services:
        reasons: list[str] = []
        certain = True
        if minimum_age is not None or maximum_age is not None:
            fitting = [
                age
                for age in household.ages
                if (minimum_age is None or age >= minimum_age) and (maximum_age is None or age <= maximum_age)
            ]
            if not fitting:
                continue
            reasons.append(
                _("voor uw kind van %(ages)s jaar") % {"ages": ", ".join(str(a) for a in sorted(set(fitting)))}
            )
        if Need.MONEY in needs and needs == [Need.MONEY] and not household.debts:
            continue  # debt help when there are debts
        if income_limit is not None and household.has_pass:
            reasons.append(_("u heeft al een pas of kindpakket van de gemeente; daarmee komt u meestal in aanmerking"))
        elif income_limit is not None:
            if low >= income_limit and not household.debts:
                continue
            if high <= income_limit:
                reasons.append(_("uw inkomen is lager dan %(n)s%% van het sociaal minimum") % {"n": income_limit})
            elif low < income_limit:
                certain = False
                reasons.append(
                    _("de grens is %(n)s%% van het sociaal minimum; dat valt in uw inkomen") % {"n": income_limit}
                )
            else:
                certain = False
                reasons.append(_("uw inkomen is hoger dan de grens, maar met schulden kan het toch"))
        if household.debts and Need.MONEY in needs:
            reasons.append(_("u heeft schulden of betalingsachterstanden"))
        if referral_needed:
            reasons.append(_("aanvragen gaat via een hulpverlener, school of wijkteam"))
        if not reasons:
            reasons.append(_("geen inkomensgrens"))
        judged.append((not certain, name, pk, reasons, certain))
    judged.sort(key=lambda item: item[:2])
    start = (max(page, 1) - 1) * per_page if per_page else 0
    shown = judged[start : start + per_page] if per_page else judged
    loaded = Service.objects.select_related("provider").in_bulk([item[2] for item in shown])
    branches = local_branches(here) if shown else {}
    return [
        Likely(loaded[pk], branches.get(loaded[pk].provider_id, loaded[pk].provider), reasons, certain)
        for _uncertain, _name, pk, reasons, certain in shown
    ], len(judged)
