"""Quality of the matching on a labelled set, side by side with a plain BM25 baseline on title and body."""

import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from alliantie.marketplace.matching.matcher import Matcher, OfferIndex, Post
from alliantie.marketplace.matching.posts import read_posts

LABELLED = Path(__file__).resolve().parent.parent / "evaluation"


def read_judgements(path: Path) -> dict[str, dict[str, int]]:
    """request id -> {offer id: grade}; unlisted pairs are not relevant."""
    judgements: dict[str, dict[str, int]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            request, offer, grade = line.split("\t")
            judgements.setdefault(request, {})[offer] = int(grade)
    return judgements


def ndcg_at(ranked: list[str], grades: dict[str, int], k: int) -> float:
    def dcg(gains: list[int]) -> float:
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains[:k]))

    ideal = dcg(sorted(grades.values(), reverse=True))
    return dcg([grades.get(item, 0) for item in ranked]) / ideal if ideal else 0.0


def recall_at(ranked: list[str], grades: dict[str, int], k: int) -> float:
    relevant = {item for item, grade in grades.items() if grade > 0}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


class BM25Baseline:
    """Okapi BM25 on the lower-cased words of title and body: no stemming, synonyms, place or opgaven."""

    def __init__(self, offers: list[Post], k1: float = 1.2, b: float = 0.75) -> None:
        self.offers = [(o.id, Counter(self.tokens(f"{o.title} {o.body}"))) for o in offers]
        self.k1, self.b = k1, b
        self.df = Counter(term for _id, terms in self.offers for term in terms)
        self.average = sum(sum(t.values()) for _id, t in self.offers) / max(1, len(self.offers))

    @staticmethod
    def tokens(text: str) -> list[str]:
        return re.findall(r"\w+", text.lower())

    def rank(self, request: Post, top: int) -> list[str]:
        n = len(self.offers)
        query = set(self.tokens(f"{request.title} {request.body}"))
        scored = []
        for offer_id, terms in self.offers:
            length = sum(terms.values())
            score = 0.0
            for term in query & terms.keys():
                idf = math.log(1 + (n - self.df[term] + 0.5) / (self.df[term] + 0.5))
                tf = terms[term]
                score += idf * tf * (self.k1 + 1) / (tf + self.k1 * (1 - self.b + self.b * length / self.average))
            if score > 0:
                scored.append((score, offer_id))
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        return [offer_id for _score, offer_id in scored[:top]]


@dataclass
class Scores:
    ndcg5: float
    recall10: float


def evaluate(posts_path: Path | None = None, judgements_path: Path | None = None) -> dict[str, Scores]:
    """nDCG@5 and recall@10 averaged over the labelled requests, for the matching and for the baseline."""
    matcher = Matcher()
    with open(posts_path or LABELLED / "posts.jsonl", encoding="utf-8") as lines:
        posts, problems = read_posts(lines, matcher)
    if problems:
        raise ValueError(f"regel {problems[0].line} van de posts: {problems[0].message}")
    judgements = read_judgements(judgements_path or LABELLED / "judgements.tsv")
    offers = [p for p in posts if p.kind == "offer"]
    requests = [p for p in posts if p.kind == "request" and p.id in judgements]
    index, baseline = OfferIndex(matcher, offers), BM25Baseline(offers)
    rankings = {
        "matching": {r.id: [s.id for s in index.match(r, 10)] for r in requests},
        "BM25": {r.id: baseline.rank(r, 10) for r in requests},
    }
    return {
        name: Scores(
            ndcg5=sum(ndcg_at(ranked[r.id], judgements[r.id], 5) for r in requests) / len(requests),
            recall10=sum(recall_at(ranked[r.id], judgements[r.id], 10) for r in requests) / len(requests),
        )
        for name, ranked in rankings.items()
    }
