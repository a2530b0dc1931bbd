"""What a target counts: a registry of definitions, each with the records behind it.

A definition turns a period (and the target's own settings, such as its sectors) into three things: the records
counted (a QuerySet, for the page "what is behind this number"), the number of new records per month (one grouped
query), and the value (for a *cumulative* definition everything up to the day, for the others only what falls in the
period). Each also says in plain words what it counts and what it leaves out: that is the data dictionary
(docs/dashboard.md, and the page Cijfers → Woordenboek).

Apps that come later register their own (the local alliances: see `register` and docs/dashboard.md)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Model, QuerySet
from django.db.models.functions import Lower, TruncMonth
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alliantie.events.models import Event, EventKind
from alliantie.partners.models import Organisation


@dataclass(frozen=True)
class Period:
    start: date
    end: date


@dataclass(frozen=True)
class Definition:
    key: str
    label: Any  # lazy text
    counts: Any  # what it counts, in plain Dutch
    leaves_out: Any  # what it does not count
    cumulative: bool  # the value is everything up to the day (the network's size), not only the period's
    queryset: Callable[[Period, Any], QuerySet]  # the records counted up to the period's end
    monthly: Callable[[Period, Any], dict[date, int]]  # first day of a month → new records that month
    baseline: Callable[[Period, Any], int]  # for a cumulative definition: what there was before the period
    record_link: Callable[[Model], str]
    record_label: Callable[[Model], str] = str
    uses_sectors: bool = False

    def count(self, period: Period, target: Any = None) -> int:
        """The value for the period: the baseline plus what the months added."""
        return self.baseline(period, target) + sum(self.monthly(period, target).values())


DEFINITIONS: dict[str, Definition] = {}


def register(definition: Definition) -> Definition:
    """Add a definition (a second one under the same key replaces the first, so a reload does no harm)."""
    DEFINITIONS[definition.key] = definition
    return definition


def get(key: str) -> Definition | None:
    return DEFINITIONS.get(key)


def choices() -> list[tuple[str, str]]:
    return [(key, str(definition.label)) for key, definition in DEFINITIONS.items()]


def _month(value) -> date:
    return date(value.year, value.month, 1)


def from_records(
    *,
    key: str,
    label: Any,
    counts: Any,
    leaves_out: Any,
    records: Callable[[Any], QuerySet],
    date_field: str,
    record_link: Callable[[Model], str],
    cumulative: bool = False,
    uses_sectors: bool = False,
    record_label: Callable[[Model], str] = str,
) -> Definition:
    """A definition that counts the rows of `records(target)` by the date in `date_field` (a date or a moment)."""

    def queryset(period: Period, target: Any = None) -> QuerySet:
        found = records(target).filter(**{_lookup(records, date_field, "lte"): period.end})
        if not cumulative:
            found = found.filter(**{_lookup(records, date_field, "gte"): period.start})
        return found

    def monthly(period: Period, target: Any = None) -> dict[date, int]:
        rows = (
            records(target)
            .filter(
                **{_lookup(records, date_field, "gte"): period.start, _lookup(records, date_field, "lte"): period.end}
            )
            .order_by()  # an ordering would split the groups
            .annotate(month=TruncMonth(date_field))
            .values("month")
            .annotate(n=Count("pk"))
            .values_list("month", "n")
        )
        return {_month(month): n for month, n in rows}

    def baseline(period: Period, target: Any = None) -> int:
        if not cumulative:
            return 0
        return records(target).filter(**{_lookup(records, date_field, "lt"): period.start}).count()

    return Definition(
        key=key,
        label=label,
        counts=counts,
        leaves_out=leaves_out,
        cumulative=cumulative,
        queryset=queryset,
        monthly=monthly,
        baseline=baseline,
        record_link=record_link,
        record_label=record_label,
        uses_sectors=uses_sectors,
    )


def _lookup(records: Callable, date_field: str, operator: str) -> str:
    """`joined_on__gte`, or `starts_at__date__gte` for a moment (compared by its local day)."""
    field = records(None).model._meta.get_field(date_field)
    day = "__date" if field.get_internal_type() == "DateTimeField" else ""
    return f"{date_field}{day}__{operator}"


def _partners(target: Any) -> QuerySet:
    found = Organisation.objects.partners().filter(joined_on__isnull=False)
    if target is not None and target.pk:
        sector_ids = [sector.pk for sector in target.sectors.all()]
        if sector_ids:
            found = found.filter(sector_id__in=sector_ids)
    return found.select_related("sector").order_by("-joined_on", Lower("name"))


def _events(kind: str) -> Callable[[Any], QuerySet]:
    def records(target: Any) -> QuerySet:
        return Event.objects.filter(kind=kind, status=Event.Status.PUBLISHED).order_by("-starts_at")

    return records


def _partner_link(organisation: Organisation) -> str:
    return reverse("partners:organisation-detail", kwargs={"slug": organisation.slug})


def _event_link(event: Event) -> str:
    return reverse("events:event-detail", kwargs={"slug": event.slug})


register(
    from_records(
        key="partners",
        label=_("Partners in het netwerk"),
        counts=_(
            "Organisaties die nu partner zijn (actief of slapend), vanaf de dag dat ze partner werden; met een keuze "
            "van sectoren alleen die sectoren."
        ),
        leaves_out=_(
            "Aanmeldingen die nog niet zijn goedgekeurd, afgewezen aanmeldingen, organisaties die alleen lokaal "
            "meedoen en partners die zijn gestopt (ook in de maanden dat ze nog partner waren)."
        ),
        records=_partners,
        date_field="joined_on",
        cumulative=True,
        uses_sectors=True,
        record_link=_partner_link,
    )
)
register(
    from_records(
        key="nieuwe-partners",
        label=_("Nieuwe partners"),
        counts=_(
            "Organisaties die in de periode partner werden en dat nu nog zijn; met een keuze van sectoren (zoals "
            "woningcorporaties en werkgevers) alleen die sectoren."
        ),
        leaves_out=_(
            "Partners die er al waren voor de periode, partners die in de periode begonnen maar inmiddels zijn "
            "gestopt, en aanmeldingen die nog niet zijn goedgekeurd."
        ),
        records=_partners,
        date_field="joined_on",
        uses_sectors=True,
        record_link=_partner_link,
    )
)
register(
    from_records(
        key="kenniskringen",
        label=_("Kenniskringen"),
        counts=_("Kenniskringen in de agenda die in de periode beginnen (ook als ze nog moeten plaatsvinden)."),
        leaves_out=_("Geannuleerde kenniskringen en andere soorten bijeenkomsten."),
        records=_events(EventKind.KENNISKRING),
        date_field="starts_at",
        record_link=_event_link,
    )
)
register(
    from_records(
        key="leernetwerk",
        label=_("Bijeenkomsten van het leernetwerk lokale allianties"),
        counts=_("Bijeenkomsten van het leernetwerk lokale allianties in de agenda die in de periode beginnen."),
        leaves_out=_("Geannuleerde bijeenkomsten en andere soorten bijeenkomsten."),
        records=_events(EventKind.LEERNETWERK),
        date_field="starts_at",
        record_link=_event_link,
    )
)
