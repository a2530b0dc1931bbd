"""Events as iCalendar (RFC 5545) and as an Atom feed.

Like pretix: a UID that never changes (the event's own UUID), a SEQUENCE raised when the time or place changes so
calendar programs replace their copy, times in Europe/Amsterdam with the VTIMEZONE that says what that means across
summer and winter time, no ORGANIZER (it would make programs offer to mail replies to an address that reads none),
and the online link only in what is made for a registered person."""

from collections.abc import Iterable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import feedgenerator, timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent

from alliantie.events.models import Event

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PRODID = "-//Alliantie Kinderarmoede//Agenda//NL"


def _local(moment: datetime) -> datetime:
    return timezone.localtime(moment, AMSTERDAM)


def _vevent(event: Event, base_url: str, *, private: bool, stamp: datetime) -> VEvent:
    item = VEvent()
    item.add("uid", f"{event.uid}@alliantie-kinderarmoede")
    item.add("dtstamp", stamp)
    item.add("sequence", event.sequence)
    item.add("dtstart", _local(event.starts_at))
    item.add("dtend", _local(event.ends_at))
    item.add("summary", event.title)
    url = base_url.rstrip("/") + event.get_absolute_url()
    description = [event.summary, "", url]
    if private and event.online_url:
        description += ["", _("Online deelnemen: %(url)s") % {"url": event.online_url}]
    item.add("description", "\n".join(description))
    item.add("url", url)
    location = ", ".join(p for p in (event.venue, event.address) if p)
    if event.municipality_id and event.municipality.short_name not in location:
        location = ", ".join(p for p in (location, event.municipality.short_name) if p)
    if event.online_url:
        location = ", ".join(p for p in (location, event.online_url if private else _("online")) if p)
    if location:
        item.add("location", location)
    item.add("categories", [event.get_kind_display()])
    item.add("last-modified", event.updated_at)
    item.add("created", event.created_at)
    item.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    item.add("transp", "OPAQUE")
    return item


def calendar_bytes(
    events: Iterable[Event], *, name: str, base_url: str, private: bool = False, method: str = "PUBLISH"
) -> bytes:
    """A calendar of `events`; `private` adds the online links (only for a person registered for all of them)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    # RFC 7986 and what Outlook reads: ask again after an hour.
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    stamp = timezone.now()
    for event in events:
        calendar.add_component(_vevent(event, base_url, private=private, stamp=stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def atom_bytes(events: Iterable[Event], *, title: str, link: str, feed_url: str, base_url: str) -> bytes:
    """Upcoming events as an Atom feed, newest change first as feed readers expect."""
    feed = feedgenerator.Atom1Feed(
        title=title,
        link=link,
        description=_("Bijeenkomsten van de Alliantie Kinderarmoede"),
        language="nl",
        feed_url=feed_url,
        feed_guid=f"{base_url.rstrip('/')}/agenda/",
    )
    for event in events:
        start = _local(event.starts_at)
        when = date_format(start, "DATETIME_FORMAT")
        prefix = _("Geannuleerd: ") if event.is_cancelled else ""
        feed.add_item(
            title=f"{prefix}{event.title} ({when})",
            link=base_url.rstrip("/") + event.get_absolute_url(),
            description=event.summary,
            unique_id=f"urn:uuid:{event.uid}",
            unique_id_is_permalink=False,
            updateddate=event.updated_at,
            pubdate=event.created_at,
            categories=[str(event.get_kind_display())],
        )
    return feed.writeString("utf-8").encode("utf-8")
