"""The public figures: the open-data package (its datapackage.json and each resource's rows) and the targets the
project team made public, with their live value. The same data as the pages /open-data/ and /wat-we-samen-doen/."""

import json
from datetime import date

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema

from alliantie.api.pagination import SLUG, PageBase, PageQuery, paginate, reject_unknown_query_parameters
from alliantie.reports import opendata, permissions, progress, selectors

router = Router(tags=["Cijfers en open data"])


class Rows(list):
    """A list that pages like a QuerySet (paginate() asks for count())."""

    def count(self, *args) -> int:  # noqa: D102
        return len(self)


class RowList(PageBase):
    results: list[dict]


class TargetOut(Schema):
    id: int
    naam: str
    telt: str = Field(..., description="wat er geteld wordt")
    streefwaarde: int
    stand: int | None = Field(None, description="leeg: de telling is niet beschikbaar")
    status: str = Field(..., description="gehaald, op-schema, achter, begint-nog, niet-gehaald, niets-geteld, onbekend")
    nodigPerMaand: float | None = None  # noqa: N815
    periodeVan: date  # noqa: N815
    periodeTot: date  # noqa: N815


class TargetList(PageBase):
    results: list[TargetOut]


def _file(name: str):
    found = selectors.snapshot_file("open-data", name)
    if found is None:
        raise Http404
    return found


@router.get("/open-data", response=dict, summary="Het open-datapakket: datapackage.json (Frictionless)")
def data_package(request: HttpRequest):
    reject_unknown_query_parameters(request)
    return json.loads(_file("datapackage.json").content)


@router.get("/open-data/{naam}", response=RowList, summary="De rijen van één bron uit het open-datapakket")
def data_resource(
    request: HttpRequest,
    response: HttpResponse,
    page: Query[PageQuery],
    naam: str = Path(..., pattern=SLUG, max_length=40, description=", ".join(opendata.RESOURCES)),  # noqa: B008
):
    reject_unknown_query_parameters(request)
    if naam not in opendata.RESOURCES:
        raise Http404
    return paginate(request, response, Rows(json.loads(_file(f"{naam}.json").content)), page)


@router.get("/doelen", response=TargetList, summary="De doelen die het projectteam openbaar maakte, met de stand")
def public_targets(request: HttpRequest, response: HttpResponse, page: Query[PageQuery]):
    reject_unknown_query_parameters(request)
    found = paginate(
        request,
        response,
        permissions.visible_targets(None),
        page,
    )
    today = timezone.localdate()
    found["results"] = [_target(progress.measure(target, today)) for target in found["results"]]
    return found


def _target(measured: progress.TargetProgress) -> dict:
    return {
        "id": measured.target.pk,
        "naam": measured.target.title,
        "telt": str(measured.definition.counts) if measured.definition else "",
        "streefwaarde": measured.target.value,
        "stand": measured.value if measured.definition else None,
        "status": measured.status,
        "nodigPerMaand": measured.needed_per_month,
        "periodeVan": measured.target.period_start,
        "periodeTot": measured.target.period_end,
    }
