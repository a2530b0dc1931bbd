"""The person behind the API key, and the organisations they act for."""

from django.http import HttpRequest
from ninja import Field, Router, Schema

from alliantie.api.auth import ApiKeyAuth
from alliantie.partners.selectors import my_memberships

router = Router(tags=["Account"])


class MembershipOut(Schema):
    organisatie: str
    slug: str
    rol: str


class MeOut(Schema):
    naam: str = Field(..., alias="name")
    email: str
    organisaties: list[MembershipOut]


@router.get("/mij", response=MeOut, auth=ApiKeyAuth(), summary="Wie bent u volgens uw API-sleutel")
def me(request: HttpRequest):
    user = request.auth
    memberships = [
        {"organisatie": m.organisation.name, "slug": m.organisation.slug, "rol": m.role} for m in my_memberships(user)
    ]
    return {"name": user.name, "email": user.email, "organisaties": memberships}
