"""Monitor endpoints: rounds and their questions (public), the aggregated results of rounds whose summary the team
published (the same public figures as the progress report: groups under five partners merged), and a partner's
own answers (with the partner's key)."""

from datetime import date, datetime

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from alliantie.api.auth import ApiKeyAuth
from alliantie.api.pagination import SLUG, PageBase, PageQuery, paginate, reject_unknown_query_parameters
from alliantie.monitoring import permissions, results, selectors
from alliantie.monitoring.models import MonitorRound

router = Router(tags=["Monitor"])


class RoundOut(Schema):
    id: int
    naam: str = Field(..., alias="name")
    jaar: int = Field(..., alias="year")
    opent: date = Field(..., alias="opens_on")
    sluit: date = Field(..., alias="closes_on")
    status: str
    samenvattingGepubliceerd: datetime | None = Field(..., alias="results_published_at")  # noqa: N815


class RoundList(PageBase):
    results: list[RoundOut]


class QuestionOut(Schema):
    code: str = Field(..., alias="key")
    onderdeel: str = Field(..., alias="section.title")
    tekst: str = Field(..., alias="text")
    soort: str = Field(..., alias="kind")
    verplicht: bool = Field(..., alias="required")
    keuzes: list[str] = Field(..., alias="options")
    vervolgOp: str | None = Field(None, description="code van de ja/nee-vraag waar dit een vervolg op is")  # noqa: N815

    @staticmethod
    def resolve_vervolgOp(question) -> str | None:  # noqa: N802
        return question.follow_up_of.key if question.follow_up_of_id else None


class BarOut(Schema):
    waarde: str
    label: str
    aantal: int | None = Field(None, description="leeg: minder dan vijf partners, niet getoond")
    percentage: float | None = None
    vorigeRondePercentage: float | None = None  # noqa: N815


class ResultOut(Schema):
    code: str
    tekst: str
    soort: str
    basis: int = Field(..., description="aantal partners dat deze vraag beantwoordde")
    onderdrukt: bool = Field(..., description="te weinig antwoorden om openbaar te tonen")
    antwoorden: list[BarOut]
    categorieen: list[BarOut] = Field(..., description="de indeling van open antwoorden door het projectteam")
    totaal: float | None = None
    gemiddelde: float | None = None


class RoundResults(Schema):
    ronde: RoundOut
    ingediend: int
    resultaten: list[ResultOut]


class AnswerOut(Schema):
    code: str
    vraag: str
    antwoord: str


class OwnAnswers(Schema):
    organisatie: str
    status: str
    ingediendOp: datetime | None = None  # noqa: N815
    antwoorden: list[AnswerOut]


class OwnQuery(Schema):
    organisatie: str = Field(..., max_length=220, pattern=SLUG, description="uw organisatie (korte naam)")


def _bar(bar: results.Bar) -> dict:
    return {
        "waarde": bar.option,
        "label": bar.label,
        "aantal": bar.count,
        "percentage": bar.percent,
        "vorigeRondePercentage": bar.previous_percent,
    }


def public_results(monitor_round: MonitorRound) -> list[dict]:
    """The aggregated results as the API gives them; the progress report uses the same figures."""
    return [
        {
            "code": r.question.key,
            "tekst": r.question.text,
            "soort": r.question.kind,
            "basis": r.base,
            "onderdrukt": r.suppressed,
            "antwoorden": [_bar(b) for b in r.bars],
            "categorieen": [_bar(b) for b in r.codes],
            "totaal": r.total,
            "gemiddelde": r.mean,
        }
        for r in results.question_results(monitor_round, public=True)
    ]


@router.get("/monitorrondes", response=RoundList, summary="Monitorrondes")
def list_rounds(request: HttpRequest, response: HttpResponse, page: Query[PageQuery]):
    reject_unknown_query_parameters(request)
    rounds = permissions.visible_rounds(request.user).order_by("-year", "-opens_on", "pk")
    return paginate(request, response, rounds, page)


@router.get("/monitorrondes/{round_id}", response=RoundOut, summary="Eén monitorronde")
def get_round(request: HttpRequest, round_id: int):
    return permissions.get_visible_round(request.user, round_id)


@router.get("/monitorrondes/{round_id}/vragen", response=list[QuestionOut], summary="De vragen van een ronde")
def list_questions(request: HttpRequest, round_id: int):
    monitor_round = permissions.get_visible_round(request.user, round_id)
    return selectors.questions_of(monitor_round)


@router.get(
    "/monitorrondes/{round_id}/resultaten",
    response=RoundResults,
    summary="De samengevoegde uitkomsten van een gepubliceerde ronde",
)
def get_results(request: HttpRequest, round_id: int):
    monitor_round = permissions.get_published_round(round_id)
    return {
        "ronde": monitor_round,
        "ingediend": results.submitted(monitor_round).count(),
        "resultaten": public_results(monitor_round),
    }


@router.get(
    "/monitorrondes/{round_id}/antwoorden",
    response=OwnAnswers,
    auth=ApiKeyAuth(),
    summary="De antwoorden van uw eigen organisatie",
)
def own_answers(request: HttpRequest, round_id: int, query: Query[OwnQuery]):
    reject_unknown_query_parameters(request, OwnQuery)
    invitation = (
        permissions.own_invitations(request.auth)
        .select_related("round", "organisation")
        .filter(round_id=round_id, organisation__slug=query.organisatie)
        .first()
    )
    if invitation is None:
        raise Http404
    response = selectors.response_of(invitation.round, invitation.organisation)
    if response is None:
        raise Http404
    rows = selectors.answered_rows(response, selectors.questions_of(invitation.round))
    return {
        "organisatie": invitation.organisation.slug,
        "status": response.status,
        "ingediendOp": response.submitted_at,
        "antwoorden": [{"code": q.key, "vraag": q.text, "antwoord": value} for q, value in rows],
    }
