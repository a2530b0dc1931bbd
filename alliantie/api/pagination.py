"""Page-number pagination with RFC 8288 Link headers and `page`/`pageSize` query keys (ADR)."""

from urllib.parse import urlencode

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Field, Schema
from ninja.errors import ValidationError

# Text may hold anything but NUL, which PostgreSQL cannot store or compare; the OpenAPI document says so.
NO_NUL = r"^[^\x00]*$"
SLUG = r"^[-a-zA-Z0-9_]+$"


class PageLinks(Schema):
    self: str
    first: str
    prev: str | None = None
    next: str | None = None
    last: str


class PageBase(Schema):
    count: int = Field(..., description="Aantal resultaten over alle pagina's")
    page: int
    pageSize: int  # noqa: N815 - the Dutch API Design Rules ask for camelCase keys
    links: PageLinks


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=100_000, description="Paginanummer, vanaf 1")
    pageSize: int = Field(20, ge=1, le=settings.API_PAGE_SIZE_MAX, description="Resultaten per pagina")  # noqa: N815


def paginate(request: HttpRequest, response: HttpResponse, queryset: QuerySet, query: PageQuery) -> dict:
    """Slice `queryset` (which must be ordered) and set the Link header; returns the page's fields."""
    count = queryset.count()
    last = max(1, -(-count // query.pageSize))
    offset = (query.page - 1) * query.pageSize
    items = list(queryset[offset : offset + query.pageSize]) if query.page <= last else []

    def url(page: int) -> str:
        params = request.GET.copy()
        params["page"] = str(page)
        params["pageSize"] = str(query.pageSize)
        return request.build_absolute_uri(f"{request.path}?{urlencode(sorted(params.items()))}")

    links = {
        "self": url(query.page),
        "first": url(1),
        "prev": url(query.page - 1) if 1 < query.page <= last + 1 else None,
        "next": url(query.page + 1) if query.page < last else None,
        "last": url(last),
    }
    response["Link"] = ", ".join(f'<{href}>; rel="{rel}"' for rel, href in links.items() if href)
    return {"count": count, "page": query.page, "pageSize": query.pageSize, "links": links, "results": items}


def reject_unknown_query_parameters(request: HttpRequest, *schemas: type[Schema]) -> None:
    """A misspelt filter ("provincei") must not silently return everything: unknown query keys are a 400."""
    known = {"page", "pageSize"}
    for schema in schemas:
        known |= {field.alias or name for name, field in schema.model_fields.items()}
    unknown = sorted(set(request.GET) - known)
    if unknown:
        raise ValidationError(
            [{"loc": ["query", name[:40]], "type": "extra_forbidden", "msg": "onbekende parameter"} for name in unknown]
        )
