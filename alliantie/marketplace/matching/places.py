"""Where a post stands: municipalities, provinces or the whole country, and how near two areas are."""

import math
from dataclasses import dataclass

from alliantie.core.models import Municipality, Province

NEARBY_KM = 25


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    province: str
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True)
class Area:
    municipalities: frozenset[str]
    provinces: frozenset[str]

    @property
    def national(self) -> bool:
        return not self.municipalities and not self.provinces


class Geography:
    """The CBS municipalities and provinces, loaded once (reference data only)."""

    def __init__(self) -> None:
        self.places = {
            m.code: Place(m.code, m.name, m.province.code, m.latitude, m.longitude)
            for m in Municipality.objects.select_related("province")
        }
        self.provinces = dict(Province.objects.values_list("code", "name"))

    def area(self, codes: list[str]) -> Area:
        """An area from CBS codes ("GM0637", "PV28"); raises ValueError naming an unknown code."""
        municipalities, provinces = set(), set()
        for code in codes:
            code = str(code).strip().upper()
            if code in self.places:
                municipalities.add(code)
            elif code in self.provinces:
                provinces.add(code)
            else:
                raise ValueError(f"onbekende CBS-code '{code[:20]}' (gebruik GM.... of PV..)")
        return Area(frozenset(municipalities), frozenset(provinces))

    def distance_km(self, a: str, b: str) -> float | None:
        p, q = self.places[a], self.places[b]
        if None in (p.latitude, p.longitude, q.latitude, q.longitude):
            return None
        lat1, lat2 = math.radians(p.latitude), math.radians(q.latitude)
        dlat, dlon = lat2 - lat1, math.radians(q.longitude - p.longitude)
        h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
        return 6371 * 2 * math.asin(math.sqrt(h))

    def fit(self, request: Area, offer: Area) -> tuple[float, str | None]:
        """How well an offer's area serves a request's area (0: not at all), with the reason in Dutch."""
        if offer.national:
            return 1.0, "landelijk aanbod"
        names = self._names
        if request.national:
            return 0.4, f"regionaal aanbod ({names(offer)})"
        shared = request.municipalities & offer.municipalities
        if shared:
            return 1.0, f"in {names(Area(frozenset(shared), frozenset()))}"
        request_provinces = request.provinces | {self.places[m].province for m in request.municipalities}
        if offer.provinces & request_provinces:
            return 0.9, f"werkt in heel {self.provinces[min(offer.provinces & request_provinces)]}"
        distances = [
            d for r in request.municipalities for o in offer.municipalities if (d := self.distance_km(r, o)) is not None
        ]
        if distances and min(distances) <= NEARBY_KM:
            return 0.75, f"in de buurt ({round(min(distances))} km)"
        offer_provinces = {self.places[m].province for m in offer.municipalities}
        same = offer_provinces & request_provinces
        if same:
            score = 0.6 if request.provinces else 0.5
            return score, f"zelfde provincie ({self.provinces[min(same)]})"
        return 0.0, None

    def _names(self, area: Area) -> str:
        found = sorted((self.places[m].name for m in area.municipalities), key=str.casefold) + sorted(
            self.provinces[p] for p in area.provinces
        )
        return ", ".join(found[:3]) + (" …" if len(found) > 3 else "")
