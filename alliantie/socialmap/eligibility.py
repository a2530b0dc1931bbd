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
    low, high = _band(household.income_band)
    result = []
    here = providers_working_in(household.municipality)
    branches = local_branches(here)
    services = available_services(household.municipality, here).select_related("provider").order_by("name")
    for service in services:
        reasons: list[str] = []
        certain = True
        if service.minimum_age is not None or service.maximum_age is not None:
            fitting = [
                age
                for age in household.ages
                if (service.minimum_age is None or age >= service.minimum_age)
                and (service.maximum_age is None or age <= service.maximum_age)
            ]
            if not fitting:
                continue
            reasons.append(
                _("voor uw kind van %(ages)s jaar") % {"ages": ", ".join(str(a) for a in sorted(set(fitting)))}
            )
        if Need.MONEY in service.needs and service.needs == [Need.MONEY] and not household.debts:
            continue  # debt help when there are debts
        if service.income_limit_percent is not None and household.has_pass:
            reasons.append(_("u heeft al een pas of kindpakket van de gemeente; daarmee komt u meestal in aanmerking"))
        elif service.income_limit_percent is not None:
            limit = service.income_limit_percent
            if low >= limit and not household.debts:
                continue
            if high <= limit:
                reasons.append(_("uw inkomen is lager dan %(n)s%% van het sociaal minimum") % {"n": limit})
            elif low < limit:
                certain = False
                reasons.append(_("de grens is %(n)s%% van het sociaal minimum; dat valt in uw inkomen") % {"n": limit})
            else:
                certain = False
                reasons.append(_("uw inkomen is hoger dan de grens, maar met schulden kan het toch"))
        if household.debts and Need.MONEY in service.needs:
            reasons.append(_("u heeft schulden of betalingsachterstanden"))
        if service.referral_needed:
            reasons.append(_("aanvragen gaat via een hulpverlener, school of wijkteam"))
        if not reasons:
            reasons.append(_("geen inkomensgrens"))
        result.append(Likely(service, branches.get(service.provider_id, service.provider), reasons, certain))
    result.sort(key=lambda item: (not item.certain, item.service.name))
    return result
