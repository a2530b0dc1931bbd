"""Figures per year from activities and their progress, as a summary (core/summaries.py): the reach per opgave and per
3V line, and the activities running per kind of involvement. The monitor's results and the Voortgangsrapportage read
them from `YearFigure` in one query; summing a year's progress through the activities' opgaven took longer than the
rest of those pages together at national scale.

A change recounts the years it touches (a progress update its year; an activity the years it runs and the years of
its progress), holding the year's marker row as a lock so two changes to one year take their turn; the nightly job
recounts every year."""

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.db.models import Count, Max, Min, Q, Sum
from django.utils import timezone

from alliantie.activities.models import Activity, ProgressUpdate, YearFigure


def reach_rows(year: int) -> dict[str, dict[int, dict]]:
    """For all activities (key 0), per opgave and per 3V line (by id): children, families and partners reached by the
    progress of the year."""
    updates = ProgressUpdate.objects.filter(reported_on__gte=date(year, 1, 1), reported_on__lte=date(year, 12, 31))
    sums = {
        "children": Sum("children_reached"),
        "families": Sum("families_reached"),
        "partners": Count("activity__organisation", distinct=True),
    }
    return {
        "total": {0: updates.aggregate(**sums)},
        "challenge": {
            row["activity__challenges"]: row
            for row in updates.values("activity__challenges").annotate(**sums).order_by()
            if row["activity__challenges"] is not None
        },
        "line": {
            row["activity__change_line"]: row
            for row in updates.values("activity__change_line").annotate(**sums).order_by()
        },
    }


def involvement_counts(year: int) -> dict[str, int]:
    """How many activities running in the year have each kind of involvement of people with lived experience."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    running = Activity.objects.filter(starts_on__lte=end).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=start))
    return dict(running.values("involvement").annotate(n=Count("pk")).values_list("involvement", "n").order_by())


def _count_year(year: int) -> list[YearFigure]:
    figures = [YearFigure(year=year, kind="", key="")]
    for kind, rows in reach_rows(year).items():
        figures += [
            YearFigure(
                year=year,
                kind=kind,
                key=str(key),
                children=row["children"] or 0,
                families=row["families"] or 0,
                partners=row["partners"],
            )
            for key, row in rows.items()
        ]
    figures += [
        YearFigure(year=year, kind="involvement", key=value, activities=n)
        for value, n in involvement_counts(year).items()
    ]
    return figures


@transaction.atomic
def recount_years(years: Iterable[int], *, only_counted: bool = True) -> None:
    """Count these years again (each under its marker row's lock); with `only_counted`, only years counted before."""
    for year in sorted(set(years)):
        if not only_counted:
            YearFigure.objects.get_or_create(year=year, kind="", key="")
        if not YearFigure.objects.select_for_update().filter(year=year, kind="", key="").exists():
            continue
        YearFigure.objects.filter(year=year).exclude(kind="").delete()
        YearFigure.objects.bulk_create([f for f in _count_year(year) if f.kind])


def activity_years(activity: Activity, *also: tuple[date | None, date | None]) -> set[int]:
    """The years an activity's figures touch: the years it runs (open-ended: until this year), those of the ranges
    it had before a change, and those of its progress."""
    this_year = timezone.localdate().year
    years: set[int] = set()
    for start, end in [(activity.starts_on, activity.ends_on), *also]:
        if start:
            years |= set(range(start.year, min(end.year if end else this_year, this_year) + 1))
    years |= {d.year for d in activity.progress_updates.dates("reported_on", "year")}
    return years


def counted(year: int) -> list[YearFigure] | None:
    """The figures of a year in one query; None while the year was never counted."""
    figures = list(YearFigure.objects.filter(year=year))
    return figures if any(f.kind == "" for f in figures) else None


def rebuild() -> str:
    """Count every year from the first activity or progress until this year (the nightly job)."""
    first = min(
        filter(
            None,
            [
                Activity.objects.aggregate(m=Min("starts_on"))["m"],
                ProgressUpdate.objects.aggregate(m=Min("reported_on"))["m"],
            ],
        ),
        default=timezone.localdate(),
    )
    last = max(timezone.localdate(), ProgressUpdate.objects.aggregate(m=Max("reported_on"))["m"] or date.min)
    years = range(first.year, last.year + 1)
    with transaction.atomic():
        YearFigure.objects.exclude(year__in=years).delete()
        recount_years(years, only_counted=False)
    return f"{len(years)} jaren"


def rebuild_if_never_built() -> str:
    """The periodic job's part: count this year when it was never counted (after the migration, on a new year)."""
    if YearFigure.objects.filter(year=timezone.localdate().year, kind="").exists():
        return "geteld"
    return rebuild()


def summary_matches_recount() -> bool:
    """Whether every counted year equals a full recount (the tests' check after every kind of change)."""
    for year in YearFigure.objects.filter(kind="").values_list("year", flat=True):
        stored = {(f.kind, f.key, f.children, f.families, f.partners, f.activities) for f in counted(year) or []}
        fresh = {(f.kind, f.key, f.children, f.families, f.partners, f.activities) for f in _count_year(year)}
        if stored != fresh:
            return False
    return True
