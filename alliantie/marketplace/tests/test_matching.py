"""The matching of requests to offers: meaning, place, help and sector, the reasons, the command and its quality."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from alliantie.marketplace.matching.analysis import analyse
from alliantie.marketplace.matching.evaluation import evaluate, ndcg_at, recall_at
from alliantie.marketplace.matching.matcher import Matcher, OfferIndex, Post

pytestmark = pytest.mark.django_db


def offer(post_id: str, title: str, body: str = "", **fields) -> Post:
    return Post(id=post_id, kind="offer", title=title, body=body, **fields)


def request(title: str, body: str = "", **fields) -> Post:
    return Post(id="R", kind="request", title=title, body=body, **fields)


def ranked(offers: list[Post], wanted: Post) -> list[str]:
    return [s.id for s in OfferIndex(Matcher(), offers).match(wanted, 10)]


def test_compounds_and_synonyms_are_understood_and_explained():
    text = analyse("Wij zoeken een ontbijt op school")
    assert "ontbijt" in text.stems
    matches = OfferIndex(Matcher(), [offer("O1", "Schoolontbijt voor basisscholen", "Elke dag brood en melk.")]).match(
        request("Ontbijt op school", area=["GM0637"]), 5
    )
    assert matches[0].id == "O1"
    assert "u vraagt om ontbijt; dit aanbod gaat over schoolontbijt" in matches[0].why
    assert "landelijk aanbod" in matches[0].why
    # The offer's opgave was only guessed from its words: no claim that it has one.
    assert not any("opgave" in reason for reason in matches[0].why)
    stated = OfferIndex(
        Matcher(), [offer("O1", "Schoolontbijt voor basisscholen", challenges=["een-gezonde-dag"])]
    ).match(request("Ontbijt op school", area=["GM0637"]), 5)
    assert "dit aanbod hoort bij de opgave Een gezonde dag" in stated[0].why


def test_the_reasons_speak_plain_dutch_from_the_side_of_who_reads_them():
    fund = offer("O1", "Geld voor schoolontbijt", sector="fonds", help=["middelen"])
    asked = request("Ontbijt op school", help=["middelen"], sector="onderwijs")
    why = OfferIndex(Matcher(), [fund]).match(asked, 5)[0].why
    assert "u zoekt spullen of geld, en dit aanbod biedt dat" in why
    assert "dit aanbod komt van een fonds; fondsen geven vaak spullen of geld" in why
    assert not any("~" in reason or "helpt vaak zo" in reason or "'" in reason for reason in why)
    requests = OfferIndex(
        Matcher(), [Post(id="R", kind="request", title="Ontbijt op school", body="", help=["middelen"])]
    )
    seen_by_the_fund = requests.match(fund, 5, reverse=True)[0].why
    assert "deze vraag gaat over ontbijt; u biedt schoolontbijt" in seen_by_the_fund
    assert "u bent een fonds; fondsen geven vaak spullen of geld" in seen_by_the_fund
    partners = OfferIndex(
        Matcher(), [offer("P1", "Stichting Goede Start", "Wij verzorgen schoolontbijt.")], partners=True
    )
    seen_with_a_partner = partners.match(asked, 5)[0].why
    assert "u vraagt om ontbijt; deze partner werkt aan schoolontbijt" in seen_with_a_partner
    assert len(seen_with_a_partner) == len(set(seen_with_a_partner))  # no reason twice
    same_word = OfferIndex(Matcher(), [offer("O2", "Ontbijt voor iedereen")]).match(asked, 5)[0].why
    assert "u vraagt om ontbijt; dit aanbod gaat daar ook over" in same_word


@pytest.mark.parametrize(
    "asked, offered",
    [
        ("laptop voor leerlingen", "Computers voor gezinnen"),
        ("vrijwilligers gezocht", "Menskracht voor uw project"),
        ("geldlessen op school", "Financiële educatie in de klas"),
        ("hulp bij schulden", "Schuldhulpverlening aan huis"),
    ],
)
def test_the_fields_synonyms_connect_different_words(asked, offered):
    assert ranked([offer("O1", offered), offer("O2", "Theaterbezoek met de klas")], request(asked))[0] == "O1"


def test_an_offer_for_another_region_does_not_serve_a_local_request_and_near_beats_far():
    offers = [
        offer("groningen", "Ontbijt voor scholen", area=["GM0014"]),
        offer("delft", "Ontbijt voor scholen", area=["GM0503"]),
        offer("zoetermeer", "Ontbijt voor scholen", area=["GM0637"]),
        offer("zuid-holland", "Ontbijt voor scholen", area=["PV28"]),
        offer("landelijk", "Ontbijt voor scholen"),
    ]
    result = OfferIndex(Matcher(), offers).match(request("Ontbijt voor onze school", area=["GM0637"]), 10)
    order = [s.id for s in result]
    assert "groningen" not in order
    assert order.index("zoetermeer") < order.index("delft")
    assert {"landelijk", "zuid-holland", "delft"} <= set(order)
    delft = next(s for s in result if s.id == "delft")
    assert any(reason.startswith("in de buurt (") for reason in delft.why)


def test_a_school_asking_for_breakfast_is_served_by_a_fund_rather_than_another_school():
    offers = [
        offer(
            "school",
            "Ontbijt op school",
            "Wij geven ontbijt aan onze leerlingen.",
            sector="onderwijs",
            help=["middelen"],
        ),
        offer("fonds", "Ontbijt op school", "Wij geven ontbijt aan leerlingen.", sector="fonds", help=["middelen"]),
    ]
    wanted = request("Ontbijt voor onze leerlingen", sector="onderwijs", help=["middelen"])
    assert ranked(offers, wanted) == ["fonds", "school"]


def test_opgaven_are_inferred_from_the_text_when_a_post_names_none():
    matcher = Matcher()
    analysed = matcher.analyse(offer("O1", "Schuldhulpmaatjes", "Maatjes voor gezinnen met betalingsachterstanden."))
    assert "stress-reduceren-door-schulden-hanteerbaar-te-maken" in analysed.challenges
    assert "mensen" in analysed.help


def test_metrics_on_a_hand_computed_example():
    grades = {"a": 3, "b": 1}
    assert ndcg_at(["a", "b"], grades, 5) == pytest.approx(1.0)
    assert ndcg_at(["b", "a"], grades, 5) == pytest.approx((1 + 7 / 1.5849625) / (7 + 1 / 1.5849625))
    assert recall_at(["x", "a"], grades, 10) == 0.5


@pytest.mark.smoke
def test_the_matching_is_far_above_the_bm25_baseline_on_the_labelled_set():
    scores = evaluate()
    assert scores["matching"].ndcg5 >= scores["BM25"].ndcg5 + 0.15
    assert scores["matching"].recall10 >= scores["BM25"].recall10 + 0.15
    out = StringIO()
    call_command("match_evaluate", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].split() == ["nDCG@5", "recall@10"]
    assert lines[1].startswith("matching") and lines[2].startswith("BM25")


@pytest.mark.smoke
def test_match_command_writes_one_line_per_request_and_reports_bad_lines(tmp_path):
    posts = tmp_path / "posts.jsonl"
    good_request = {"id": 1, "kind": "request", "title": "Ontbijt op school", "area": ["GM0637"]}
    lines = [
        json.dumps(good_request),
        "{niet eens json",
        json.dumps({"id": "x", "kind": "vraag", "title": "t"}),
        json.dumps({"id": "y", "kind": "offer", "title": "t", "area": ["GM9999"]}),
        json.dumps({"id": "z", "kind": "offer", "title": "t", "challenges": ["bestaat-niet"]}),
        json.dumps({"id": "w", "kind": "offer", "title": "<script>alert(1)</script>", "body": 5}),
        json.dumps(["geen", "object"]),
        "",
        json.dumps({"id": "O1", "kind": "offer", "title": "Schoolontbijt", "body": "Gratis ontbijt voor scholen."}),
        json.dumps({"id": "O2", "kind": "offer", "title": "Ontbijt in Groningen", "area": ["GM0014"]}),
        json.dumps({"id": "O1", "kind": "offer", "title": "dubbel"}),
        json.dumps({"id": "O3", "kind": "offer", "title": "x" * 201}),
        "[" * 100_000 + "]" * 100_000,
        '{"id": "d", "kind": "offer", "title": "t", "help": ' + "[" * 40 + "]" * 40 + "}",
    ]
    posts.write_text("\n".join(lines), encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("match", posts=str(posts), top=5, stdout=out, stderr=err)
    results = [json.loads(line) for line in out.getvalue().splitlines()]
    assert results == [{"request": "1", "matches": [results[0]["matches"][0]]}]
    assert results[0]["matches"][0]["id"] == "O1"
    assert results[0]["matches"][0]["why"]
    problems = err.getvalue()
    for number, message in [
        (2, "geen geldige JSON"),
        (3, "'kind' moet"),
        (4, "onbekende CBS-code 'GM9999'"),
        (5, "onbekende opgave 'bestaat-niet'"),
        (6, "'body' moet een tekst zijn"),
        (7, "verwacht een JSON-object"),
        (11, "'id' O1 komt al eerder voor"),
        (12, "te lang"),
        (13, "De JSON is dieper genest dan 32 niveaus"),
        (14, "De JSON is dieper genest dan 32 niveaus"),
    ]:
        assert f"regel {number}: {message}" in problems, (number, problems)
    assert "regel 8" not in problems and "regel 9" not in problems


def test_match_command_refuses_a_missing_file_and_a_bad_top(tmp_path):
    with pytest.raises(CommandError, match="Kan .* niet openen"):
        call_command("match", posts=str(tmp_path / "bestaat-niet.jsonl"))
    with pytest.raises(CommandError, match="--top moet 1 of meer"):
        call_command("match", posts=str(tmp_path / "x.jsonl"), top=0)
