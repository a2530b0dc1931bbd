"""Dutch text as the matching sees it: words, stems (Snowball), compound parts and the field's concepts."""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import snowballstemmer

DATA = Path(__file__).resolve().parent.parent / "data"
STOPWORDS = frozenset(
    """aan al alle als alleen ben bij dan dat de deze die dit doen door een en er ergens etc geen graag
    haar hebben heeft het hier hij hoe hun ik in is je jij jullie kan kunnen maar meer met mij mijn na naar
    niet nog nu of om onder ons onze ook op over per te tegen toe tot uit van veel voor wat we wel welke
    wie wij wil willen worden wordt zal ze zich zij zijn zo zoals zoek zoeken zodat""".split()
)
_stemmer = snowballstemmer.stemmer("dutch")
_WORD = re.compile(r"[a-z0-9]+")
MIN_PART = 4  # compound parts shorter than this are too often accidental ("ver", "aan")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    return _stemmer.stemWord(word)


def words(text: str) -> list[str]:
    """Lower-case, accent-free words without stop words."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return [w for w in _WORD.findall(plain) if w not in STOPWORDS and len(w) > 1]


@dataclass
class Concept:
    """A line of the synonym list: terms that mean the same thing here."""

    number: int
    terms: list[str]
    stem_sequences: list[tuple[str, ...]] = field(default_factory=list)


@dataclass
class Vocabulary:
    concepts: list[Concept]
    parts: frozenset[str]  # stems known as whole words, used to split compounds
    _splits: dict[str, list[str]] = field(default_factory=dict, repr=False)

    def split(self, word: str) -> list[str]:
        """The stems of a compound's parts when both are known words: schoolontbijt -> school, ontbijt."""
        if word not in self._splits:
            self._splits[word] = self._split(word) if len(word) >= 2 * MIN_PART else []
        return self._splits[word]

    def _split(self, word: str) -> list[str]:
        for i in range(MIN_PART, len(word) - MIN_PART + 1):
            head, tail = word[:i], word[i:]
            for link in ("", "s", "en", "e"):
                if link and not tail.startswith(link):
                    continue
                rest = tail[len(link) :]
                if len(rest) >= MIN_PART and stem(head) in self.parts and stem(rest) in self.parts:
                    return [stem(head), stem(rest)]
        return []


def read_lines(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The synonym list shipped with the matching, read once per process."""
    return build_vocabulary(read_lines("synonyms.txt"))


def build_vocabulary(lines: list[str]) -> Vocabulary:
    """Concepts from lines of "term | term | term"."""
    concepts = []
    parts: set[str] = set()
    for number, line in enumerate(lines):
        terms = [term.strip() for term in line.split("|") if term.strip()]
        concept = Concept(number, terms)
        for term in terms:
            sequence = tuple(stem(w) for w in words(term))
            if sequence:
                concept.stem_sequences.append(sequence)
                parts.update(s for s in sequence if len(s) >= MIN_PART)
        concepts.append(concept)
    return Vocabulary(concepts, frozenset(parts))


@dataclass
class AnalysedText:
    stems: list[str]  # every stem, with the parts of compounds added after the word
    surface: dict[str, str]  # stem -> a word of the text that gave it, to explain matches
    concepts: dict[int, str]  # concept number -> the word of the text that expresses it


def analyse(text: str, vocab: Vocabulary | None = None) -> AnalysedText:
    vocab = vocab or vocabulary()
    stems: list[str] = []
    surface: dict[str, str] = {}
    for word in words(text):
        word_stem = stem(word)
        stems.append(word_stem)
        surface.setdefault(word_stem, word)
        for part in vocab.split(word):
            stems.append(part)
            surface.setdefault(part, word)
    concepts: dict[int, str] = {}
    present = set(stems)
    for concept in vocab.concepts:
        for sequence in concept.stem_sequences:
            if sequence[0] not in present:
                continue
            if len(sequence) == 1 or _contains(stems, sequence):
                concepts[concept.number] = surface.get(sequence[0], sequence[0])
                break
    return AnalysedText(stems, surface, concepts)


def _contains(stems: list[str], sequence: tuple[str, ...]) -> bool:
    n = len(sequence)
    return any(tuple(stems[i : i + n]) == sequence for i in range(len(stems) - n + 1))


def terms_by_key(name: str) -> dict[str, list[tuple[str, ...]]]:
    """A "key: term | term" data file as stem sequences per key (opgaven, kinds of help)."""
    result = {}
    for line in read_lines(name):
        key, _, terms = line.partition(":")
        result[key.strip()] = [tuple(stem(w) for w in words(t)) for t in terms.split("|") if words(t)]
    return result


def mentions(text: AnalysedText, sequences: list[tuple[str, ...]]) -> bool:
    present = set(text.stems)
    return any(s[0] in present and (len(s) == 1 or _contains(text.stems, s)) for s in sequences)
