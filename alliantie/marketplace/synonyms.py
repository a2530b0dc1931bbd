"""The field's synonyms, one source for the whole platform: the list shipped in `data/synonyms.txt` plus the lines
the team adds in the admin (`SynonymGroup`). The marketplace matching reads them as concepts; the sociale kaart
widens a visitor's words with them ("ontbijt" also finds "schoolmaaltijden")."""

from alliantie.marketplace.matching.analysis import Vocabulary, analyse, build_vocabulary, read_lines, words
from alliantie.marketplace.models import SynonymGroup

MAX_ALTERNATIVES = 20  # per word of a search, so a broad concept cannot make a query of hundreds of terms


def team_lines() -> list[str]:
    """The lines of "term | term" the team added (one query)."""
    return list(SynonymGroup.objects.order_by("pk").values_list("terms", flat=True))


def vocabulary(extra_lines: list[str] | None = None) -> Vocabulary:
    """The shipped list and the team's lines as concepts."""
    return build_vocabulary(read_lines("synonyms.txt") + list(extra_lines or []))


def alternatives(query: str, vocab: Vocabulary | None = None) -> list[list[str]]:
    """Per word of a search, the terms that mean the same: the word first, then the terms of every concept it
    belongs to (a compound counts by its parts: "schoolontbijt" belongs to "ontbijt"). One query for the team's
    lines unless a vocabulary is given."""
    vocab = vocab or vocabulary(team_lines())
    groups = []
    for word in words(query):
        found = [word]
        for number in analyse(word, vocab).concepts:
            for term in vocab.concepts[number].terms:
                if term.lower() not in found:
                    found.append(term.lower())
        groups.append(found[:MAX_ALTERNATIVES])
    return groups
