"""Import an HSDS 3.0 dataset into the sociale kaart, with a report of what was created, updated or refused.

Accepted shapes: our export ({"organizations", "services", "locations"}), one service with its organisation and
locations nested (as the official example), one organisation with its services nested, or a list of services.
The file is streamed twice: first every record is checked against the official schema and every reference
(organisation, parent, location) must resolve; any error there and nothing is changed. Then all records are
written in one transaction; a record that is valid HSDS but cannot be placed (a location outside the
Netherlands) is refused with its reason and the rest goes in."""

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from uuid import UUID

import ijson
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alliantie.core import audit
from alliantie.core.models import Challenge, Municipality, Province
from alliantie.core.selectors import find_municipality, municipality_for_postcode
from alliantie.core.slugs import unique_slug
from alliantie.socialmap.hsds import mapping, schema
from alliantie.socialmap.models import Location, Need, Offer, Provider, Service

MAX_ERRORS = 50
PROGRESS_EVERY = 500  # records between two calls of an import's progress callback
BUNDLE_KEYS = {"organizations", "services", "locations", "hsds_version"}
KIND_LABELS = {"organization": "organisatie", "service": "voorziening", "location": "locatie"}


Progress = Callable[[int, int | None], None]  # (records done, total records or None while still unknown)


class UnreadableFile(Exception):
    pass


@dataclass
class ImportReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    refused: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    error_count: int = 0

    @property
    def changed_nothing(self) -> bool:
        return bool(self.errors)

    def error(self, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(message)

    def summary(self) -> str:
        if self.errors:
            return _("Niets ingelezen: %(n)s fout(en) in het bestand.") % {"n": self.error_count}
        parts = [
            _("%(kind)s: %(created)s nieuw, %(updated)s bijgewerkt")
            % {"kind": KIND_LABELS[kind], "created": self.created[kind], "updated": self.updated[kind]}
            for kind in schema.KINDS
        ]
        return "; ".join(parts) + "; " + _("%(n)s geweigerd.") % {"n": len(self.refused)}


# Reading -------------------------------------------------------------------------------------------------------
# ijson's basic events carry no prefix ("services.item.phones.item"): building those costs memory in the square of
# the nesting depth, and 400 kB of "[" took 24 GB. The records are built from the basic events here, with limits a
# real file never meets: the nesting depth, the parts of one record, the length of one value, the records per file.

MAX_DEPTH = 32  # an HSDS record nests about 6 deep, a bundle adds 2
MAX_RECORD_PARTS = 250_000  # keys and values of one record, nested records included (about 50 MB built)
MAX_VALUE_BYTES = 2 * 1024 * 1024  # one string or number (or run of spaces) as ijson holds it whole
OPENING, CLOSING = ("start_map", "start_array"), ("end_map", "end_array")


class _Guarded:
    """The file as ijson reads it, refusing a single value longer than MAX_VALUE_BYTES before ijson holds it:
    `mark` is moved on by every event, so much reading without one is a single long value."""

    def __init__(self, file) -> None:
        self.file, self.position, self.mark = file, 0, 0

    def read(self, size: int = -1) -> bytes:
        if self.position - self.mark > MAX_VALUE_BYTES:
            raise UnreadableFile(
                _(
                    "Het bestand bevat na byte %(at)s één waarde (of witruimte) van meer dan %(mb)s MB. Een HSDS-"
                    "bestand heeft zulke lange teksten niet; controleer of het een echte export is."
                )
                % {"at": self.mark, "mb": MAX_VALUE_BYTES // (1024 * 1024)}
            )
        data = self.file.read(size)
        self.position += len(data)
        return data


def _events(file) -> Iterator[tuple[str, object]]:
    """ijson's basic events of the whole file, refusing nesting deeper than MAX_DEPTH."""
    guarded = _Guarded(file)
    depth = 0
    for event, value in ijson.basic_parse(guarded, use_float=True):
        guarded.mark = guarded.position
        if event in OPENING:
            depth += 1
            if depth > MAX_DEPTH:
                raise UnreadableFile(
                    _(
                        "Het bestand is dieper genest dan %(n)s niveaus (rond byte %(at)s). HSDS-records zijn "
                        "hooguit enkele niveaus diep; dit is geen HSDS-bestand of het is beschadigd."
                    )
                    % {"n": MAX_DEPTH, "at": guarded.position}
                )
        elif event in CLOSING:
            depth -= 1
        yield event, value


def _build(events: Iterator[tuple[str, object]], event: str, value: object, number: int) -> object:
    """One whole value (a record), from its first event on; more than MAX_RECORD_PARTS parts is refused."""
    if event not in OPENING:
        return value
    builder = ijson.ObjectBuilder()
    builder.event(event, value)
    depth = 1
    for parts, (event, value) in enumerate(events, start=1):
        if parts > MAX_RECORD_PARTS:
            raise UnreadableFile(
                _(
                    "Record %(number)s bevat meer dan %(n)s waarden. Lever grote aantallen als losse records in "
                    "lijsten (organizations, services, locations), zoals de export van deze sociale kaart."
                )
                % {"number": number, "n": f"{MAX_RECORD_PARTS:,}".replace(",", ".")}
            )
        builder.event(event, value)
        if event in OPENING:
            depth += 1
        elif event in CLOSING:
            depth -= 1
            if depth == 0:
                break
    return builder.value


def _skip(events: Iterator[tuple[str, object]], event: str) -> None:
    """Pass over one value, its first event already read, without building it."""
    if event not in OPENING:
        return
    depth = 1
    for event, _value in events:
        depth += (event in OPENING) - (event in CLOSING)
        if not depth:
            return


def _items(events: Iterator[tuple[str, object]]) -> Iterator[object]:
    """The items of the list whose start_array was just read."""
    number = 0
    for event, value in events:
        if event == "end_array":
            return
        number += 1
        yield _build(events, event, value, number)


def _top_level(path: Path, wanted: str | None) -> Iterator[object]:
    """The items of the top-level list, or of the list under the key `wanted` of the top-level object, or the
    top-level object itself (`wanted` None); the rest of the file is read too, so it must be valid JSON."""
    with _open(path) as file:
        events = _events(file)
        event, value = next(events)  # _shape read this file's first event already
        if event == "start_array":
            yield from _items(events)
        elif wanted is None:
            yield _build(events, event, value, 1)
        else:
            key = None
            for event, value in events:  # the top level only: each value is read whole or skipped
                if event == "map_key":
                    key = value
                    continue
                if key == wanted and event == "start_array":
                    yield from _items(events)
                else:
                    _skip(events, event)
                key = None
        for _event in events:
            pass


def _shape(path: Path) -> str:
    """ "bundle", "array" or "object", from the first events of the file."""
    with _open(path) as file:
        events = _events(file)
        for event, value in events:
            if event == "start_array":
                return "array"
            if event == "map_key":
                return "bundle" if value in BUNDLE_KEYS else "object"
            if event != "start_map":
                break
    raise UnreadableFile(_("Het bestand bevat geen JSON-object of -lijst."))


def _list(value: object) -> list:
    """A list from the file, or an empty one where the file has something else (the schema check names it)."""
    return value if isinstance(value, list) else []


def _looks_like_organization(record: dict) -> bool:
    return "services" in record or "organization_identifiers" in record or "website" in record


def _flatten(record: object, kind: str) -> Iterator[tuple[str, object]]:
    """A nested record and the records nested in it, each with the reference to its parent filled in."""
    if not isinstance(record, dict):
        yield kind, record
        return
    if kind == "organization":
        services, locations = record.pop("services", None), record.get("locations")
        yield "organization", record
        for location in locations if isinstance(locations, list) else []:
            if isinstance(location, dict):
                location.setdefault("organization_id", record.get("id"))
                yield "location", location
        for service in services if isinstance(services, list) else []:
            if isinstance(service, dict):
                service.setdefault("organization_id", record.get("id"))
            yield from _flatten(service, "service")
        return
    organization = record.get("organization")
    if isinstance(organization, dict):
        record.setdefault("organization_id", organization.get("id"))
        yield "organization", dict(organization)
    for link in _list(record.get("service_at_locations")):
        if isinstance(link, dict) and isinstance(link.get("location"), dict):
            location = link["location"]
            link.setdefault("location_id", location.get("id"))
            location.setdefault("organization_id", record.get("organization_id"))
            yield "location", location
    yield "service", record


def _records(path: Path) -> Iterator[tuple[str, object]]:
    shape = _shape(path)
    if shape == "bundle":
        for kind in schema.KINDS:
            for item in _top_level(path, f"{kind}s"):
                yield kind, item
    else:
        for item in _top_level(path, None):
            kind = "organization" if isinstance(item, dict) and _looks_like_organization(item) else "service"
            yield from _flatten(item, kind)


def read_records(path: Path) -> Iterator[tuple[str, object]]:
    """(kind, record) for every organisation, service and location in the file, streamed; at most
    SOCIALMAP_IMPORT_MAX_RECORDS of them."""
    limit = settings.SOCIALMAP_IMPORT_MAX_RECORDS
    try:
        for count, (kind, record) in enumerate(_records(path), start=1):
            if count > limit:
                raise UnreadableFile(
                    _(
                        "Het bestand bevat meer dan %(n)s organisaties, voorzieningen en locaties samen. Deel het "
                        "op, bijvoorbeeld per provincie."
                    )
                    % {"n": f"{limit:,}".replace(",", ".")}
                )
            yield kind, record
    except ijson.JSONError as error:
        raise UnreadableFile(
            _(
                "Het bestand is geen geldige JSON (%(detail)s). Controleer of het volledig is en als UTF-8 is "
                "opgeslagen."
            )
            % {"detail": _detail(error)}
        ) from None
    except UnicodeDecodeError:
        raise UnreadableFile(
            _("Het bestand is niet als UTF-8 opgeslagen. Sla het op als UTF-8 en probeer opnieuw.")
        ) from None


def _open(path: Path):
    """The file for reading, past a UTF-8 byte order mark if a spreadsheet program put one there."""
    file = path.open("rb")
    if file.read(3) != b"\xef\xbb\xbf":
        file.seek(0)
    return file


def _detail(error: Exception) -> str:
    text = str(error).removeprefix("b'").removeprefix('b"')
    return (text.split("\\n")[0].splitlines() or [type(error).__name__])[0].strip()[:120]


# Checking ------------------------------------------------------------------------------------------------------


def _name(kind: str, number: int, record: object) -> str:
    ident = record.get("id") if isinstance(record, dict) else None
    label = f"{KIND_LABELS[kind]} {number}"
    return f"{label} ({str(ident)[:40]})" if ident else label


def _references(kind: str, record: dict) -> Iterator[tuple[str, str, str]]:
    """(field, kind referred to, id) for each reference in a record."""
    if kind in ("service", "location") and record.get("organization_id"):
        yield "organization_id", "organization", record["organization_id"]
    if kind == "service":
        for index, link in enumerate(_list(record.get("service_at_locations"))):
            if isinstance(link, dict) and link.get("location_id"):
                yield f"service_at_locations.{index}.location_id", "location", link["location_id"]


def check(path: Path, report: ImportReport, progress: Progress | None = None) -> int:
    """Everything that makes the whole file unusable goes into report.errors; returns the number of records."""
    if path.stat().st_size > settings.SOCIALMAP_IMPORT_MAX_BYTES:
        report.error(
            _("Het bestand is groter dan %(mb)s MB. Deel het op, bijvoorbeeld per provincie.")
            % {"mb": settings.SOCIALMAP_IMPORT_MAX_BYTES // (1024 * 1024)}
        )
        return 0
    ids: dict[str, set[str]] = {kind: set() for kind in schema.KINDS}
    references: list[tuple[str, str, str, str]] = []
    numbers: Counter = Counter()
    try:
        for count, (kind, record) in enumerate(read_records(path), start=1):
            if progress and count % PROGRESS_EVERY == 0:
                progress(count, None)
            numbers[kind] += 1
            name = _name(kind, numbers[kind], record)
            if not isinstance(record, dict):
                report.error(_("%(name)s: dit is geen JSON-object.") % {"name": name})
                continue
            for message in schema.errors(kind, record):
                report.error(f"{name}: {message}.")
            ids[kind].add(str(record.get("id")))
            references += [(name, fld, target, str(ref)) for fld, target, ref in _references(kind, record)]
    except UnreadableFile as error:
        report.error(str(error))
        return 0
    total = sum(numbers.values())
    if progress:
        progress(total, None)
    if not total:
        report.error(_("Het bestand bevat geen organisaties, voorzieningen of locaties in de vorm van HSDS 3.0."))
        return 0
    known = _known_in_database(references, ids)
    for name, fld, target, ref in references:
        if ref not in ids[target] and ref not in known[target]:
            report.error(
                _("%(name)s: %(field)s verwijst naar %(kind)s %(id)s, die niet in het bestand of op de kaart staat.")
                % {"name": name, "field": fld, "kind": KIND_LABELS[target], "id": ref[:40]}
            )
    return total


def _known_in_database(references: list, ids: dict[str, set[str]]) -> dict[str, set[str]]:
    models = {"organization": Provider, "location": Location}
    missing: dict[str, set[UUID]] = {kind: set() for kind in models}
    for _name, _field, target, ref in references:
        if ref not in ids[target]:
            try:
                missing[target].add(UUID(ref))
            except ValueError:
                pass  # the schema check already named it
    known: dict[str, set[str]] = {kind: set() for kind in schema.KINDS}
    for kind, wanted in missing.items():
        wanted_list = list(wanted)
        for start in range(0, len(wanted_list), 5000):
            found = models[kind].objects.filter(hsds_id__in=wanted_list[start : start + 5000])
            known[kind] |= {str(value) for value in found.values_list("hsds_id", flat=True)}
    return known


# Writing -------------------------------------------------------------------------------------------------------


def _messages(error: ValidationError, model) -> str:
    parts = []
    for field_name, messages in error.message_dict.items():
        label = model._meta.get_field(field_name).verbose_name if field_name != "__all__" else ""
        parts.append(f"{label}: {' '.join(messages)}" if label else " ".join(messages))
    return "; ".join(parts)


class Writer:
    def __init__(self, report: ImportReport) -> None:
        self.report = report
        self.municipalities = {m.code: m for m in Municipality.objects.select_related("province")}
        self.provinces = {p.code: p for p in Province.objects.all()}
        self.challenges = {c.slug: c for c in Challenge.objects.all()}
        self.providers: dict[str, Provider] = {}
        self.parents: list[tuple[Provider, str]] = []
        self.location_links: list[tuple[Service, list[str]]] = []
        self.slugs: set[str] = set()
        self.done: dict[str, set[str]] = {kind: set() for kind in schema.KINDS}
        self.has_area: dict[int, bool] = {}

    def counted(self, kind: str, created: bool) -> None:
        (self.report.created if created else self.report.updated)[kind] += 1

    def provider(self, hsds_id: str) -> Provider | None:
        if hsds_id not in self.providers:
            found = Provider.objects.filter(hsds_id=hsds_id).first()
            if found is None:
                return None
            self.providers[hsds_id] = found
        return self.providers[hsds_id]

    def organization(self, record: dict) -> None:
        provider = self.provider(record["id"]) or Provider(hsds_id=record["id"])
        created = provider.pk is None
        provider.name = str(record["name"])[:200]
        provider.description = str(record.get("description") or "")
        provider.email = record.get("email") or ""
        provider.website = record.get("website") or ""
        phones = [p for p in record.get("phones") or [] if p.get("number")]
        provider.phone = str(phones[0]["number"])[:30] if phones else ""
        if created:
            provider.slug = unique_slug(Provider, provider.name, "aanbieder", self.slugs)
        try:
            provider.full_clean(exclude=["parent", "partner", "slug"], validate_unique=False)
        except ValidationError as error:
            self.report.refused.append(
                f"organisatie {record['id']} ({provider.name[:60]}): {_messages(error, Provider)}"
            )
            return
        provider.save()
        self.providers[record["id"]] = provider
        municipalities, provinces = mapping.area_of(record)
        self.has_area[provider.pk] = bool(municipalities or provinces)
        if municipalities or provinces or not created:
            provider.area_municipalities.set(
                [self.municipalities[c] for c in municipalities if c in self.municipalities]
            )
            provider.area_provinces.set([self.provinces[c] for c in provinces if c in self.provinces])
        if record.get("parent_organization_id"):
            self.parents.append((provider, str(record["parent_organization_id"])))
        self.counted("organization", created)

    def service(self, record: dict) -> None:
        name = f"voorziening {record['id']} ({str(record.get('name'))[:60]})"
        provider = self.provider(str(record.get("organization_id") or ""))
        if provider is None:
            self.report.refused.append(
                _("%(name)s: hoort bij geen organisatie (organization_id ontbreekt of is geweigerd).") % {"name": name}
            )
            return
        service = Service.objects.filter(hsds_id=record["id"]).first() or Service(hsds_id=record["id"])
        created = service.pk is None
        terms = mapping.service_terms(record)
        conditions = dict(terms["alliantie-voorwaarde"])
        areas = record.get("service_areas") or []
        phones = [p for p in record.get("phones") or [] if p.get("number")]
        schedules = [s.get("description") for s in record.get("schedules") or [] if s.get("description")]
        documents = [d.get("document") for d in record.get("required_documents") or [] if d.get("document")]
        service.provider = provider
        service.name = str(record["name"])
        service.description = str(record.get("description") or record["name"])
        service.url = record.get("url") or ""
        service.email = record.get("email") or ""
        service.status = Service.Status.ACTIVE if record.get("status") == "active" else Service.Status.INACTIVE
        service.how_to_apply = str(
            record.get("application_process") or _("Neem contact op met %(name)s.") % {"name": provider.name}
        )
        service.costs = str(record.get("fees_description") or "")
        service.eligibility = str(record.get("eligibility_description") or "")
        service.minimum_age = _age(record.get("minimum_age"))
        service.maximum_age = _age(record.get("maximum_age"))
        service.phone = str(phones[0]["number"]) if phones else ""
        service.opening_hours = str(schedules[0]) if schedules else ""
        service.bring = "\n".join(map(str, documents))
        service.languages = [str(lang["code"]) for lang in record.get("languages") or [] if lang.get("code")]
        service.national = any(a.get("name") == mapping.COUNTRY or a.get("extent_type") == "land" for a in areas)
        service.needs = [code for code, _value in terms["alliantie-behoefte"] if code in Need.values]
        service.offers = [code for code, _value in terms["alliantie-aanbod"] if code in Offer.values]
        service.income_limit_percent = _int(conditions.get("inkomensgrens"))
        service.referral_needed = conditions.get("verwijzing-nodig") == "true"
        service.residents_only = conditions.get("alleen-inwoners") == "true"
        service.for_parents = conditions.get("voor-ouders") == "true"
        service.for_household = conditions.get("voor-huishouden") == "true"
        service.last_verified_on = _date(record.get("assured_date")) or timezone.localdate()
        if created:
            service.slug = unique_slug(Service, service.name, "voorziening", self.slugs)
        if not service.needs or not service.offers:
            self.report.refused.append(
                _(
                    "%(name)s: noemt niet waarbij zij helpt en wat zij biedt (attributen met de taxonomieën "
                    "alliantie-behoefte en alliantie-aanbod), dus gezinnen zouden haar niet vinden. Voeg die toe en "
                    "lees het bestand opnieuw in."
                )
                % {"name": name}
            )
            return
        try:
            service.full_clean(exclude=["provider", "slug", "challenges"], validate_unique=False)
        except ValidationError as error:
            self.report.refused.append(f"{name}: {_messages(error, Service)}")
            return
        service.save()
        service.challenges.set([self.challenges[c] for c, _v in terms["alliantie-opgave"] if c in self.challenges])
        if provider.pk not in self.has_area:
            self.has_area[provider.pk] = provider.area_municipalities.exists() or provider.area_provinces.exists()
        if not self.has_area[provider.pk]:
            # A provider from elsewhere has no working-area attributes: its services' areas say where it works.
            codes = [a.get("extent") for a in areas if a.get("extent_type") == "CBS-code"]
            provider.area_municipalities.add(*[self.municipalities[c] for c in codes if c in self.municipalities])
            provider.area_provinces.add(*[self.provinces[c] for c in codes if c in self.provinces])
            self.has_area[provider.pk] = bool(codes)
        self.location_links.append(
            (service, [str(link["location_id"]) for link in record.get("service_at_locations") or []])
        )
        self.counted("service", created)

    def location(self, record: dict) -> None:
        addresses = [a for a in record.get("addresses") or [] if a.get("address_type", "physical") == "physical"]
        address = addresses[0] if addresses else {}
        name = f"locatie {record['id']} ({str(record.get('name') or address.get('address_1') or '')[:60]})"
        municipality = self.municipality_of(record, address)
        if municipality is None:
            self.report.refused.append(
                _(
                    "%(name)s: ligt niet in een Nederlandse gemeente die we kennen (postcode “%(postcode)s”, plaats "
                    "“%(city)s”). Vul een Nederlandse postcode of een CBS-gemeentecode in."
                )
                % {"name": name, "postcode": address.get("postal_code", "")[:12], "city": address.get("city", "")[:60]}
            )
            return
        provider = self.provider(str(record.get("organization_id") or ""))
        if provider is None:
            self.report.refused.append(_("%(name)s: hoort bij geen organisatie.") % {"name": name})
            return
        location = Location.objects.filter(hsds_id=record["id"]).first() or Location(hsds_id=record["id"])
        created = location.pk is None
        location.provider, location.municipality = provider, municipality
        location.name = str(record.get("name") or address.get("address_1") or provider.name)
        location.address = str(address.get("address_1") or "")
        location.postcode = str(address.get("postal_code") or "")
        location.city = str(address.get("city") or municipality.name)
        location.latitude, location.longitude = record.get("latitude"), record.get("longitude")
        try:
            location.full_clean(exclude=["provider", "municipality", "services"], validate_unique=False)
        except ValidationError as error:
            self.report.refused.append(f"{name}: {_messages(error, Location)}")
            return
        location.save()
        self.counted("location", created)

    def municipality_of(self, record: dict, address: dict) -> Municipality | None:
        if record.get("external_identifier_type") == "CBS-gemeentecode":
            found = self.municipalities.get(str(record.get("external_identifier")))
            if found:
                return found
        if str(address.get("country", "NL")).upper() not in ("NL", "NLD", "NEDERLAND", "THE NETHERLANDS"):
            return None
        postcode = str(address.get("postal_code") or "").replace(" ", "")
        if len(postcode) >= 4 and postcode[:4].isdigit():
            found, _place = municipality_for_postcode(postcode[:4])
            if found:
                return found
        return find_municipality(str(address.get("city") or "")[:100]) if address.get("city") else None

    def finish(self) -> None:
        for provider, parent_id in self.parents:
            parent = self.provider(parent_id)
            if parent is None or parent.pk == provider.pk:
                # The parent is context, not part of the service: import the organisation on its own.
                self.report.warnings.append(
                    _(
                        "organisatie %(id)s (%(name)s): de landelijke organisatie %(parent)s staat niet in het bestand "
                        "of op de kaart; ingelezen als zelfstandige organisatie."
                    )
                    % {"id": provider.hsds_id, "name": provider.name[:60], "parent": parent_id[:40]}
                )
                continue
            Provider.objects.filter(pk=provider.pk).update(parent=parent)
        for service, location_ids in self.location_links:
            service.locations.set(Location.objects.filter(hsds_id__in=location_ids))


def _int(value: object) -> int | None:
    try:
        number = int(float(str(value)))
    except (TypeError, ValueError):
        return None
    return number if 0 <= number <= 1000 else None


def _age(value: object) -> int | None:
    number = _int(value)
    return number if number is not None and number <= 120 else None


def _date(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def import_dataset(path: Path, *, actor=None, progress: Progress | None = None) -> ImportReport:
    """Check the whole file, then write it in one transaction; the report says what happened and why.

    `progress(done, total)` follows a long import (a background job's progress bar): while checking it gets the
    records checked and None (the total is not known yet), while writing the records written and the total."""
    report = ImportReport()
    total = check(path, report, progress)
    if report.errors:
        return report
    done = 0
    with transaction.atomic():
        writer = Writer(report)
        for wanted in schema.KINDS:
            for kind, record in read_records(path):
                if kind == wanted and str(record["id"]) not in writer.done[kind]:
                    writer.done[kind].add(str(record["id"]))
                    getattr(writer, kind)(record)
                    done += 1
                    if progress and done % PROGRESS_EVERY == 0:
                        progress(done, total)
        writer.finish()
        if actor is not None:
            audit.record(actor=actor, action="socialmap.imported", target=actor, summary=report.summary())
    if progress:
        progress(total, total)
    return report
