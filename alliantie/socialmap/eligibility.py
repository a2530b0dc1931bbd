"""'Waar heb ik recht op?': which provisions likely apply to a household, and why. Pure: it reads the
services and writes nothing; what the visitor typed is not kept anywhere.

Income limits are a percentage of the social minimum (the bijstandsnorm). A parent does not know that percentage,
so the check asks for the household type and the net income per month and divides it by the shipped norm
(`data/social_minimum.csv`, with its date and source)."""

import csv
import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from alliantie.core.models import Municipality
from alliantie.socialmap.finder import available_services, local_branches, providers_working_in
from alliantie.socialmap.models import Need, Provider, Service

NORMS_FILE = Path(__file__).resolve().parent / "data" / "social_minimum.csv"
SINGLE_PARENT = "alleenstaande-ouder"
TWO_PARENTS = "twee-ouders"
HOUSEHOLD_TYPES = [
    (SINGLE_PARENT, gettext_lazy("Alleenstaande ouder")),
    (TWO_PARENTS, gettext_lazy("Twee ouders (getrouwd of samenwonend)")),
]


@dataclass(frozen=True)
class Norm:
    household: str
    valid_from: datetime.date
    net_per_month: Decimal
    source: str


@lru_cache(maxsize=1)
def _norms() -> tuple[Norm, ...]:
    with NORMS_FILE.open(encoding="utf-8", newline="") as file:
        return tuple(
            Norm(
                row["household"],
                datetime.date.fromisoformat(row["valid_from"]),
                Decimal(row["net_per_month"]),
                row["source"],
            )
            for row in csv.DictReader(file)
        )


def norm_for(household: str, today: datetime.date | None = None) -> Norm:
    """The social minimum of a household type in force on a day (the latest that has started; the oldest before)."""
    today = today or timezone.localdate()
    rows = sorted((n for n in _norms() if n.household == household), key=lambda n: n.valid_from)
    if not rows:
        raise ValueError(household)
    started = [n for n in rows if n.valid_from <= today]
    return started[-1] if started else rows[0]


def percent_of_minimum(net_income: Decimal, household: str, today: datetime.date | None = None) -> Decimal:
    """The net monthly income as a percentage of the household's social minimum, to one decimal."""
    norm = norm_for(household, today)
    return (100 * net_income / norm.net_per_month).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def join_words(items: list[str]) -> str:
    """ "4", "4 en 9", "3, 8 en 14"."""
    if len(items) < 2:
        return "".join(items)
    return _("%(first)s en %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


@dataclass
class Household:
    municipality: Municipality
    ages: list[int]
    household_type: str = TWO_PARENTS
    net_income: Decimal | None = None  # per month, without child benefits and allowances; None: not given
    debts: bool = False
    has_pass: bool = False

    @property
    def percent(self) -> Decimal | None:
        return None if self.net_income is None else percent_of_minimum(self.net_income, self.household_type)


@dataclass
class Likely:
    service: Service
    contact: Provider
    reasons: list[str] = field(default_factory=list)  # whole sentences
    certain: bool = True  # False: it depends (no income given, or above the limit with debts)
    relevance: int = 0


def _percent(value: Decimal) -> str:
    return str(int(value.to_integral_value(rounding=ROUND_HALF_UP)))


def likely_provisions(household: Household) -> list[Likely]:
    """The available services this household probably qualifies for, each with why in whole sentences: the
    certain ones first, then those that fit the household most (for more of its children, aimed at a low
    income, local rather than national, about its debts), then by name."""
    return likely_page(household, 1, None).results


# The check lists this many at a time, with a button for the next ones: a municipality has hundreds of provisions
# at national scale, and a parent on a phone got a page of 340 kB.
PAGE_SIZE = 20
# The eight fields the rules read: every available service is judged from these, and only those shown are loaded.
JUDGED = (
    "pk",
    "name",
    "minimum_age",
    "maximum_age",
    "needs",
    "income_limit_percent",
    "referral_needed",
    "national",
)


@dataclass
class LikelyPage:
    results: list[Likely]  # the page's services, loaded whole
    total: int  # how many there are in all
    certain_count: int  # of those, how many fit for sure (the rest: maybe)


def _judge(household: Household, percent: Decimal | None, row: tuple) -> tuple[list[str], bool, int] | None:
    """Why a service (its JUDGED fields) likely applies to the household, whether that is certain and how well it
    fits; None when it does not apply."""
    _pk, _name, minimum_age, maximum_age, needs, limit, referral_needed, national = row
    reasons: list[str] = []
    certain, relevance = True, 0
    if minimum_age is not None or maximum_age is not None:
        fitting = sorted(
            {
                age
                for age in household.ages
                if (minimum_age is None or age >= minimum_age) and (maximum_age is None or age <= maximum_age)
            }
        )
        if not fitting:
            return None
        children = [age for age in household.ages if age in fitting]
        relevance += 2 * min(len(children), 3)
        reasons.append(
            ngettext(
                "Het is voor uw kind van %(ages)s jaar.",
                "Het is voor uw kinderen van %(ages)s jaar.",
                len(children),
            )
            % {"ages": join_words([str(age) for age in fitting])}
        )
    if Need.MONEY in needs and needs == [Need.MONEY] and not household.debts:
        return None  # debt help when there are debts
    if limit is not None and household.has_pass:
        relevance += 2
        reasons.append(_("U heeft al een pas of kindpakket van de gemeente; daarmee komt u meestal in aanmerking."))
    elif limit is not None and percent is None:
        certain = False
        reasons.append(
            _("Het is voor gezinnen met een inkomen tot %(limit)s%% van het sociaal minimum; u vulde geen inkomen in.")
            % {"limit": limit}
        )
    elif limit is not None and percent <= limit:
        relevance += 2
        reasons.append(
            _("Uw inkomen is %(percent)s%% van het sociaal minimum; de grens is %(limit)s%%.")
            % {"percent": _percent(percent), "limit": limit}
        )
    elif limit is not None:
        if not household.debts:
            return None
        certain = False
        reasons.append(
            _(
                "Uw inkomen is hoger dan de grens van %(limit)s%% van het sociaal minimum, "
                "maar met schulden kan het soms toch."
            )
            % {"limit": limit}
        )
    if household.debts and Need.MONEY in needs:
        relevance += 2
        reasons.append(_("Het helpt bij schulden en betalingsachterstanden, en die heeft u."))
    if not national:
        relevance += 1
    if referral_needed:
        reasons.append(_("U vraagt het aan via een hulpverlener, de school of het wijkteam."))
    if limit is None:
        reasons.append(_("Er is geen inkomensgrens."))
    return reasons, certain, relevance


def likely_page(household: Household, page: int, per_page: int | None = PAGE_SIZE) -> LikelyPage:
    """One page of `likely_provisions` (all of them when `per_page` is None), how many there are in all and how
    many of those are certain. Every available service is judged from the eight fields the rules read; only those
    on the page are loaded whole."""
    percent = household.percent
    here = providers_working_in(household.municipality)
    judged = []
    for row in available_services(household.municipality, here).order_by().values_list(*JUDGED):
        verdict = _judge(household, percent, row)
        if verdict is not None:
            reasons, certain, relevance = verdict
            judged.append((not certain, -relevance, row[1].casefold(), row[0], reasons, certain, relevance))
    judged.sort(key=lambda item: item[:4])
    start = (max(page, 1) - 1) * per_page if per_page else 0
    shown = judged[start : start + per_page] if per_page else judged
    loaded = Service.objects.select_related("provider").in_bulk([item[3] for item in shown])
    branches = local_branches(here) if shown else {}
    results = [
        Likely(loaded[pk], branches.get(loaded[pk].provider_id, loaded[pk].provider), reasons, certain, relevance)
        for _uncertain, _fit, _name, pk, reasons, certain, relevance in shown
    ]
    return LikelyPage(results, len(judged), sum(1 for item in judged if item[5]))


def summary(household: Household, found: LikelyPage) -> dict:
    """What the results page says above the list: the counts (of all results, not only the page's), and the income
    as a percentage with its norm."""
    percent = household.percent
    return {
        "certain_count": found.certain_count,
        "maybe_count": found.total - found.certain_count,
        "percent": percent,
        "percent_shown": None if percent is None else _percent(percent),
        "household_label": _("een alleenstaande ouder")
        if household.household_type == SINGLE_PARENT
        else _("twee ouders"),
        "norm": norm_for(household.household_type),
    }
