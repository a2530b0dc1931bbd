"""How our providers, services and locations are written as HSDS 3.0 records.

What HSDS has no field for travels as attributes with taxonomy terms of our own taxonomies (needs, kinds of
help, opgaven, conditions and a provider's working area by CBS code). The ids of nested records (phones,
areas, attributes) are derived from their parent's id, so an export is the same every time."""

import uuid
from typing import Any

from alliantie.socialmap.models import Location, Need, Offer, Provider, Service

HSDS_VERSION = "3.0"
NAMESPACE = uuid.UUID("6d1f3a52-2b8e-4f51-9a63-8a1c8a0f1e55")
COUNTRY = "Nederland"

TAXONOMIES = {
    "alliantie-behoefte": "Waarbij een voorziening helpt (de behoeften van de sociale kaart)",
    "alliantie-aanbod": "Wat een voorziening biedt: geld, spullen, activiteit, advies of zorg",
    "alliantie-opgave": "De 10 opgaven van de Alliantie Kinderarmoede",
    "alliantie-voorwaarde": "Voor wie een voorziening is en hoe men haar krijgt",
    "alliantie-werkgebied": "Gemeenten en provincies (CBS-codes) waar een aanbieder werkt",
}
# Conditions: code, the Service field, description.
CONDITIONS = [
    ("inkomensgrens", "income_limit_percent", "Inkomensgrens in procent van het sociaal minimum"),
    ("verwijzing-nodig", "referral_needed", "Aanvragen via een hulpverlener, school of wijkteam"),
    ("alleen-inwoners", "residents_only", "Alleen voor inwoners van het gebied"),
    ("voor-ouders", "for_parents", "Ook voor ouders"),
    ("voor-huishouden", "for_household", "Voor het hele huishouden"),
]
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "Engels", "ar": "Arabisch", "tr": "Turks", "pl": "Pools", "uk": "Oekraïens"}


def derived_id(parent: uuid.UUID | str, *parts: str) -> str:
    return str(uuid.uuid5(uuid.UUID(str(parent)), ":".join(parts)))


def term_id(taxonomy: str, code: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{taxonomy}:{code}"))


def area_uri(code: str) -> str:
    kind = "provincie" if code.startswith("PV") else "gemeente"
    return f"https://identifier.overheid.nl/tooi/id/{kind}/{code.lower()}"


def _attribute(link_id: str, link_type: str, taxonomy: str, code: str, name: str, value: str = "") -> dict:
    record = {
        "id": derived_id(link_id, "attribute", taxonomy, code),
        "link_id": link_id,
        "link_type": link_type,
        "link_entity": link_type,
        "taxonomy_term_id": term_id(taxonomy, code),
        "taxonomy_term": {
            "id": term_id(taxonomy, code),
            "code": code,
            "name": name,
            "description": TAXONOMIES[taxonomy],
            "taxonomy": taxonomy,
            "language": "nl",
        },
    }
    if value:
        record["value"] = value
    return record


def area_codes(provider: Provider) -> list[tuple[str, str]]:
    """(CBS code, name) of the municipalities and provinces a provider works in, municipalities first."""
    return sorted((m.code, m.name) for m in provider.area_municipalities.all()) + sorted(
        (p.code, p.name) for p in provider.area_provinces.all()
    )


def organization_record(provider: Provider, parent_hsds_id: uuid.UUID | None) -> dict[str, Any]:
    """Expects area_municipalities and area_provinces prefetched."""
    record: dict[str, Any] = {"id": str(provider.hsds_id), "name": provider.name, "description": provider.description}
    if provider.email:
        record["email"] = provider.email
    if provider.website:
        record["website"] = provider.website
    if parent_hsds_id:
        record["parent_organization_id"] = str(parent_hsds_id)
    if provider.phone:
        record["phones"] = [
            {"id": derived_id(record["id"], "phone"), "organization_id": record["id"], "number": provider.phone}
        ]
    attributes = [
        _attribute(record["id"], "organization", "alliantie-werkgebied", code, name)
        for code, name in area_codes(provider)
    ]
    if attributes:
        record["attributes"] = attributes
    return record


def service_record(
    service: Service, provider_hsds_id: uuid.UUID, location_ids: list[uuid.UUID], area: list[tuple[str, str]]
) -> dict[str, Any]:
    """A service with what belongs only to it; `area` is its provider's (CBS code, name) list. Expects
    challenges prefetched."""
    sid = str(service.hsds_id)
    record: dict[str, Any] = {
        "id": sid,
        "organization_id": str(provider_hsds_id),
        "name": service.name,
        "description": service.description,
        "status": "active" if service.status == Service.Status.ACTIVE else "inactive",
        "application_process": service.how_to_apply,
        "assured_date": service.last_verified_on.isoformat(),
    }
    for field, key in (
        ("url", "url"),
        ("email", "email"),
        ("costs", "fees_description"),
        ("eligibility", "eligibility_description"),
    ):
        if getattr(service, field):
            record[key] = getattr(service, field)
    if service.minimum_age is not None:
        record["minimum_age"] = service.minimum_age
    if service.maximum_age is not None:
        record["maximum_age"] = service.maximum_age
    if service.phone:
        record["phones"] = [{"id": derived_id(sid, "phone"), "service_id": sid, "number": service.phone}]
    if service.opening_hours:
        record["schedules"] = [
            {"id": derived_id(sid, "schedule"), "service_id": sid, "description": service.opening_hours}
        ]
    if service.national:
        record["service_areas"] = [
            {"id": derived_id(sid, "area", "NL"), "service_id": sid, "name": COUNTRY, "extent_type": "land"}
        ]
    elif area:
        record["service_areas"] = [
            {
                "id": derived_id(sid, "area", code),
                "service_id": sid,
                "name": name,
                "extent": code,
                "extent_type": "CBS-code",
                "uri": area_uri(code),
            }
            for code, name in area
        ]
    if service.languages:
        record["languages"] = [
            {
                "id": derived_id(sid, "language", code),
                "service_id": sid,
                "code": code,
                "name": LANGUAGE_NAMES.get(code, code),
            }
            for code in service.languages
        ]
    if service.bring:
        record["required_documents"] = [
            {"id": derived_id(sid, "document"), "service_id": sid, "document": service.bring}
        ]
    if location_ids:
        record["service_at_locations"] = [
            {"id": derived_id(sid, "at", str(location)), "service_id": sid, "location_id": str(location)}
            for location in sorted(map(str, location_ids))
        ]
    labels = {**dict(Need.choices), **dict(Offer.choices)}
    attributes = [_attribute(sid, "service", "alliantie-behoefte", need, str(labels[need])) for need in service.needs]
    attributes += [
        _attribute(sid, "service", "alliantie-aanbod", offer, str(labels[offer])) for offer in service.offers
    ]
    attributes += [
        _attribute(sid, "service", "alliantie-opgave", challenge.slug, challenge.name)
        for challenge in sorted(service.challenges.all(), key=lambda c: c.slug)
    ]
    for code, field, description in CONDITIONS:
        value = getattr(service, field)
        if value is not None and value is not False:
            attributes.append(_attribute(sid, "service", "alliantie-voorwaarde", code, description, str(value).lower()))
    record["attributes"] = attributes
    return record


def location_record(location: Location, provider_hsds_id: uuid.UUID) -> dict[str, Any]:
    """Expects municipality and its province selected."""
    lid = str(location.hsds_id)
    record: dict[str, Any] = {
        "id": lid,
        "location_type": "physical",
        "organization_id": str(provider_hsds_id),
        "name": location.name,
        "external_identifier": location.municipality.code,
        "external_identifier_type": "CBS-gemeentecode",
        "addresses": [
            {
                "id": derived_id(lid, "address"),
                "location_id": lid,
                "address_1": location.address,
                "city": location.city,
                "state_province": location.municipality.province.name,
                "postal_code": location.postcode,
                "country": "NL",
                "address_type": "physical",
            }
        ],
    }
    if location.latitude is not None and location.longitude is not None:
        record["latitude"], record["longitude"] = location.latitude, location.longitude
    return record


def area_of(record: dict) -> tuple[list[str], list[str]]:
    """The CBS codes of municipalities and provinces in an organization's working-area attributes."""
    codes = [
        attribute.get("taxonomy_term", {}).get("code", "")
        for attribute in record.get("attributes", [])
        if attribute.get("taxonomy_term", {}).get("taxonomy") == "alliantie-werkgebied"
    ]
    return [c for c in codes if c.startswith("GM")], [c for c in codes if c.startswith("PV")]


def service_terms(record: dict) -> dict[str, list[tuple[str, str]]]:
    """Our taxonomy terms on a service record: taxonomy → [(code, value)]."""
    terms: dict[str, list[tuple[str, str]]] = {name: [] for name in TAXONOMIES}
    for attribute in record.get("attributes", []):
        term = attribute.get("taxonomy_term") or {}
        if term.get("taxonomy") in terms:
            terms[term["taxonomy"]].append((str(term.get("code", "")), str(attribute.get("value", ""))))
    return terms
