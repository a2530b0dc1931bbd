"""Rank offers for a request: meaning of the texts (stems, compounds, the field's synonyms), opgaven, place,
kind of help and the sectors involved. Every suggestion says why in plain Dutch.

`OfferIndex` analyses the offers once; matching a request then reads only that index."""

import heapq
import math
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alliantie.core.models import Challenge
from alliantie.marketplace.matching.analysis import (
    MIN_PART,
    AnalysedText,
    Vocabulary,
    analyse,
    build_vocabulary,
    mentions,
    read_lines,
    stem,
    terms_by_key,
    vocabulary,
    words,
)
from alliantie.marketplace.matching.places import Area, Geography

HELP_LABELS = {
    "kennis": "kennis",
    "mensen": "mensen of vrijwilligers",
    "middelen": "spullen of geld",
    "locatie": "een locatie",
    "netwerk": "netwerk en contacten",
    "pilot": "een pilotplek",
}
# Which sectors usually give which kind of help: a school asking for breakfast is served by a company or a fund.
PROVIDERS = {
    "middelen": {
        "fonds",
        "werkgever",
        "zorgverzekeraar",
        "energie",
        "maatschappelijke-organisatie",
        "levensbeschouwelijk",
    },
    "mensen": {"maatschappelijke-organisatie", "levensbeschouwelijk", "werkgever", "ervaringsdeskundigen"},
    "kennis": {
        "kennisinstelling",
        "landelijke-overheid",
        "schuldhulp",
        "jeugdgezondheidszorg",
        "ervaringsdeskundigen",
        "zorg",
        "maatschappelijke-organisatie",
    },
    "locatie": {"gemeente", "onderwijs", "levensbeschouwelijk", "woningcorporatie", "maatschappelijke-organisatie"},
    "netwerk": {"gemeente", "maatschappelijke-organisatie", "landelijke-overheid"},
    "pilot": {"gemeente", "onderwijs", "kinderopvang", "woningcorporatie"},
}
SECTOR_NAMES = {
    "fonds": "een fonds",
    "werkgever": "een werkgever",
    "kennisinstelling": "een kennisinstelling",
    "maatschappelijke-organisatie": "een maatschappelijke organisatie",
    "levensbeschouwelijk": "een levensbeschouwelijke organisatie",
    "gemeente": "een gemeente",
    "onderwijs": "een school",
    "schuldhulp": "schuldhulp",
    "zorgverzekeraar": "een zorgverzekeraar",
    "energie": "een energiebedrijf",
    "ervaringsdeskundigen": "ervaringsdeskundigen",
    "woningcorporatie": "een woningcorporatie",
}
# "fondsen geven vaak spullen of geld": why an offer's sector suits the help asked, in plain Dutch.
SECTOR_PLURALS = {
    "fonds": "fondsen",
    "werkgever": "werkgevers",
    "kennisinstelling": "kennisinstellingen",
    "maatschappelijke-organisatie": "maatschappelijke organisaties",
    "levensbeschouwelijk": "levensbeschouwelijke organisaties",
    "gemeente": "gemeenten",
    "onderwijs": "scholen",
    "schuldhulp": "schuldhulporganisaties",
    "zorgverzekeraar": "zorgverzekeraars",
    "energie": "energiebedrijven",
    "ervaringsdeskundigen": "organisaties van ervaringsdeskundigen",
    "woningcorporatie": "woningcorporaties",
    "kinderopvang": "kinderopvangorganisaties",
    "jeugdgezondheidszorg": "jeugdgezondheidszorgorganisaties",
    "zorg": "zorgorganisaties",
    "landelijke-overheid": "landelijke overheden",
}
SECTOR_SINGULARS = SECTOR_NAMES | {
    "ervaringsdeskundigen": "een organisatie van ervaringsdeskundigen",
    "schuldhulp": "een schuldhulporganisatie",
    "kinderopvang": "een kinderopvangorganisatie",
    "jeugdgezondheidszorg": "jeugdgezondheidszorg",
    "zorg": "een zorgorganisatie",
    "landelijke-overheid": "de landelijke overheid",
}
HELP_HABITS = {
    "middelen": gettext_lazy("%(sectors)s geven vaak spullen of geld"),
    "mensen": gettext_lazy("%(sectors)s zetten vaak mensen of vrijwilligers in"),
    "kennis": gettext_lazy("%(sectors)s delen vaak kennis"),
    "locatie": gettext_lazy("%(sectors)s hebben vaak een plek om samen te komen"),
    "netwerk": gettext_lazy("%(sectors)s hebben vaak een groot netwerk"),
    "pilot": gettext_lazy("%(sectors)s bieden vaak een plek om iets uit te proberen"),
}
WEIGHTS = {"text": 0.35, "challenges": 0.2, "place": 0.25, "help": 0.12, "sector": 0.08}
K1, B = 1.2, 0.75
CONCEPT_WEIGHT = 2.5  # a shared concept counts more than one shared stem
# At national scale a request is scored in full against at most this many offers (best bound first) ...
MAX_TEXT_CANDIDATES = 500
# ... and this many that share only an opgave (without words in common they rarely reach the top).
MAX_CHALLENGE_CANDIDATES = 200


@dataclass
class Post:
    id: str
    kind: str  # "request" or "offer"
    title: str
    body: str
    challenges: list[str] = field(default_factory=list)
    help: list[str] = field(default_factory=list)
    area: list[str] = field(default_factory=list)
    sector: str = ""
    scope: str = ""
    organisation: str = ""


@dataclass
class Analysed:
    post: Post
    text: AnalysedText
    terms: Counter
    challenges: set[str]
    challenges_stated: bool
    help: set[str]
    area: Area


@dataclass
class Suggestion:
    id: str
    score: float
    why: list[str]


class Matcher:
    """The reference data and vocabularies the matching needs, loaded once per process."""

    def __init__(self, extra_synonyms: list[str] | None = None) -> None:
        """`extra_synonyms`: lines of "term | term" the team added to the shipped list."""
        self.vocabulary = (
            build_vocabulary(read_lines("synonyms.txt") + extra_synonyms) if extra_synonyms else vocabulary()
        )
        self.geography = Geography()
        self.challenge_terms = terms_by_key("challenge_terms.txt")
        self.help_terms = terms_by_key("help_terms.txt")
        # An opgave is also suggested by any synonym of its words ("jarig" for "verjaardag").
        self.challenge_concepts = {
            slug: {c.number for c in self.vocabulary.concepts if set(c.stem_sequences) & set(sequences)}
            for slug, sequences in self.challenge_terms.items()
        }
        self.challenge_names = dict(Challenge.objects.values_list("slug", "name"))

    def learn_words(self, posts: list[Post]) -> None:
        """Known words split compounds: "verjaardagsfeest" is "verjaardag" + "feest" once "feest" is known."""
        known = {stem(w) for p in posts for w in words(f"{p.title} {p.body}") if len(w) >= MIN_PART}
        self.vocabulary = Vocabulary(self.vocabulary.concepts, self.vocabulary.parts | known)

    def analyse(self, post: Post) -> Analysed:
        text = analyse(f"{post.title} {post.title} {post.body}", self.vocabulary)  # the title counts double
        terms = Counter(text.stems) + Counter({f"#{n}": 1 for n in text.concepts})
        challenges = set(post.challenges) or {
            slug
            for slug, sequences in self.challenge_terms.items()
            if mentions(text, sequences) or self.challenge_concepts[slug] & text.concepts.keys()
        }
        help_kinds = set(post.help) or {code for code, seqs in self.help_terms.items() if mentions(text, seqs)}
        return Analysed(
            post, text, terms, challenges, bool(post.challenges), help_kinds, self.geography.area(post.area)
        )


class OfferIndex:
    """Offers analysed once, with the document frequencies for BM25 over stems and concepts. `partners`: the
    documents are partner organisations (their description and activities), not posts; the reasons say so."""

    def __init__(self, matcher: Matcher, offers: list[Post], *, partners: bool = False) -> None:
        self.matcher = matcher
        self.partners = partners
        matcher.learn_words(offers)
        self.offers = [matcher.analyse(offer) for offer in offers]
        self.document_frequency: Counter = Counter()
        # Inverted lists: a request is scored only against offers that share a word, a concept or an opgave.
        self.by_term: dict[str, list[int]] = {}
        self.by_challenge: dict[str, list[int]] = {}
        for position, offer in enumerate(self.offers):
            self.document_frequency.update(offer.terms.keys())
            for term in offer.terms:
                self.by_term.setdefault(term, []).append(position)
            for slug in offer.challenges:
                self.by_challenge.setdefault(slug, []).append(position)
        self.average_length = sum(sum(o.terms.values()) for o in self.offers) / max(1, len(self.offers))

    def idf(self, term: str) -> float:
        n, df = len(self.offers), self.document_frequency.get(term, 0)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def text_score(self, request: Analysed, offer: Analysed) -> float:
        length = sum(offer.terms.values())
        score = 0.0
        for term in request.terms:
            tf = offer.terms.get(term, 0)
            if tf:
                weight = CONCEPT_WEIGHT if term.startswith("#") else 1.0
                saturation = tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / self.average_length))
                score += weight * self.idf(term) * saturation
        return score

    def match(self, request_post: Post, top: int = 10, *, reverse: bool = False) -> list[Suggestion]:
        """The best posts of the index for a request; with `reverse`, the requests an offer could answer
        (the roles stay: the index holds requests, the post asked about is the offer)."""
        request = self.matcher.analyse(request_post)
        candidates = self._candidates(request)
        places: dict[Area, tuple[float, str | None]] = {}  # many offers share an area
        raw = []
        for i in sorted(candidates):
            offer = self.offers[i]
            if offer.area not in places:
                asking, giving = (offer.area, request.area) if reverse else (request.area, offer.area)
                places[offer.area] = self.matcher.geography.fit(asking, giving)
            if places[offer.area][0] > 0:  # an offer elsewhere is never suggested: skip the text
                raw.append((offer, self.text_score(request, offer), places[offer.area]))
        best_text = max((score for _offer, score, _place in raw), default=0.0) or 1.0
        suggestions = []
        for offer, text_score, place in raw:
            asking, giving = (offer, request) if reverse else (request, offer)
            suggestion = self._suggestion(asking, giving, text_score / best_text, place, reverse=reverse)
            if suggestion is not None and reverse:
                suggestion.id = offer.post.id
            if suggestion is not None:
                suggestions.append(suggestion)
        suggestions.sort(key=lambda s: (-s.score, s.id))
        return suggestions[:top]

    def _candidates(self, request: Analysed) -> list[int]:
        """The offers worth scoring in full: those sharing the most distinctive words and concepts (an upper
        bound from the inverted lists), and a limited number that share only an opgave."""
        # Words most offers share ("kinderen", "gezinnen") still count in the score, but do not make a candidate.
        common = max(50, len(self.offers) // 10)
        bound: dict[int, float] = {}
        for term in request.terms:
            postings = self.by_term.get(term, ())
            if len(postings) <= common:
                weight = self.idf(term) * (CONCEPT_WEIGHT if term.startswith("#") else 1.0)
                for position in postings:
                    bound[position] = bound.get(position, 0.0) + weight
        chosen = heapq.nlargest(MAX_TEXT_CANDIDATES, bound, key=bound.__getitem__)
        only_challenge = []
        for slug in sorted(request.challenges):
            for position in self.by_challenge.get(slug, ()):
                if position not in bound:
                    only_challenge.append(position)
        return chosen + sorted(set(only_challenge))[:MAX_CHALLENGE_CANDIDATES]

    def _suggestion(
        self,
        request: Analysed,
        offer: Analysed,
        text: float,
        place_fit: tuple[float, str | None],
        *,
        reverse: bool = False,
    ) -> Suggestion | None:
        place, place_reason = place_fit
        shared_challenges = request.challenges & offer.challenges
        if place == 0 or (text == 0 and not shared_challenges):
            return None
        words = self._words(reverse)
        why = []
        # An opgave is claimed for the other side only when it was stated there, not guessed from its words.
        other_stated = request.challenges_stated if reverse else offer.challenges_stated
        claimed = shared_challenges if other_stated else set()
        if claimed:
            names = sorted(self.matcher.challenge_names.get(slug, slug) for slug in claimed)
            why.append(
                _("%(other)s hoort bij de opgave %(names)s") % {"other": words["other"], "names": _(" en ").join(names)}
                if len(names) == 1
                else _("%(other)s hoort bij de opgaven %(names)s")
                % {"other": words["other"], "names": _(" en ").join(names)}
            )
        why.append(place_reason)
        why += self._shared_meaning(request, offer, words)
        if request.challenges and offer.challenges:
            challenges = len(shared_challenges) / len(request.challenges)
        else:
            challenges = 0.3  # unknown on one side: neither for nor against
        shared_help = request.help & offer.help
        if shared_help:
            help_fit = 1.0
            labels = _(" en ").join(HELP_LABELS[h] for h in sorted(shared_help) if h in HELP_LABELS)
            why.append(words["help"] % {"help": labels})
        else:
            help_fit = 0.5 if not request.help or not offer.help else 0.0
        sector = self._sector_fit(request, offer, why, words)
        score = (
            WEIGHTS["text"] * text
            + WEIGHTS["challenges"] * challenges
            + WEIGHTS["place"] * place
            + WEIGHTS["help"] * help_fit
            + WEIGHTS["sector"] * sector
        )
        return Suggestion(offer.post.id, round(score, 4), [w for w in why if w])

    def _words(self, reverse: bool) -> dict[str, str]:
        """How the reasons name the two sides, seen by who looks: the asker on a request's page, the offerer on an
        offer's page (then the index holds requests)."""
        if reverse:
            return {
                "other": _("deze vraag"),
                "asked": _("deze vraag gaat over %(mine)s"),
                "given": _("u biedt %(theirs)s"),
                "same": _("dat biedt u ook"),
                "help": _("deze vraag zoekt %(help)s, en dat biedt u"),
                "giver": _("u bent %(sector)s"),
            }
        if getattr(self, "partners", False):
            return {
                "other": _("deze partner"),
                "asked": _("u vraagt om %(mine)s"),
                "given": _("deze partner werkt aan %(theirs)s"),
                "same": _("deze partner werkt daar ook aan"),
                "help": _("u zoekt %(help)s, en deze partner biedt dat"),
                "giver": _("deze partner is %(sector)s"),
            }
        return {
            "other": _("dit aanbod"),
            "asked": _("u vraagt om %(mine)s"),
            "given": _("dit aanbod gaat over %(theirs)s"),
            "same": _("dit aanbod gaat daar ook over"),
            "help": _("u zoekt %(help)s, en dit aanbod biedt dat"),
            "giver": _("dit aanbod komt van %(sector)s"),
        }

    def _shared_meaning(self, request: Analysed, offer: Analysed, words: dict[str, str]) -> list[str]:
        """Shared concepts in plain Dutch ("u vraagt om ontbijt; dit aanbod gaat over schoolontbijt"), the most
        distinctive first, at most three."""
        shared = sorted(set(request.text.concepts) & set(offer.text.concepts), key=lambda n: -self.idf(f"#{n}"))
        reasons = []
        for number in shared[:3]:
            mine, theirs = request.text.concepts[number], offer.text.concepts[number]
            given = words["given"] % {"theirs": theirs} if mine != theirs else words["same"]
            reason = (words["asked"] % {"mine": mine}) + "; " + given
            if reason not in reasons:  # two concepts can rest on the same words
                reasons.append(reason)
        return reasons

    def _sector_fit(self, request: Analysed, offer: Analysed, why: list[str], words: dict[str, str]) -> float:
        sector = offer.post.sector
        if not sector or not request.help:
            return 0.5
        kinds = [h for h in sorted(request.help) if sector in PROVIDERS.get(h, ())]
        if kinds:
            if sector in SECTOR_SINGULARS and sector in SECTOR_PLURALS:
                habit = str(HELP_HABITS[kinds[0]]) % {"sectors": SECTOR_PLURALS[sector]}
                why.append((words["giver"] % {"sector": SECTOR_SINGULARS[sector]}) + "; " + habit)
            return 1.0
        if sector == request.post.sector and request.help & {"middelen", "mensen"}:
            return 0.0
        return 0.4
