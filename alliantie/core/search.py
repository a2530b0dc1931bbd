"""Dutch full-text search, in one module.

Two things live here:

- `search(queryset, query, *fields)`: a filter on any model's text fields (the partner directory, the sociale kaart,
  the marketplace, the HSDS API). PostgreSQL's `dutch` text search with a GIN index made by each app's migration on
  the same expression; on the embedded SQLite every word as a substring.
- The site-wide search index (`SearchDocument`): what the kennisbank and the agenda publish, found with stemming
  ("schulden" finds "schuld"), ranked, with facets and highlighted snippets. PostgreSQL uses `to_tsvector('dutch', …)`
  with a weighted GIN expression index (core migration 0005); SQLite uses an FTS5 table that holds the same Snowball
  stems (the `dutch_porter` algorithm is the one PostgreSQL's `dutch` configuration runs), so both find the same rows.
  Services call `index_document` and `remove_document` inside their own transaction.
"""

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, reduce
from operator import and_, or_

import snowballstemmer
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from alliantie.core.models import ChangeLine, SearchDocument
from alliantie.core.text import search_key

MAX_WORDS = 10
# A tsvector holds at most 1 MB; attachments can hold more text than that, and the first part is what people find.
MAX_INDEXED_CHARS = 300_000
# PostgreSQL's dutch.stop (Snowball's Dutch stop words): left out of queries on both databases alike.
DUTCH_STOP_WORDS = frozenset(
    "de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om hem dan zou of wat "
    "mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar naar heb hoe heeft hebben deze u want nog "
    "zal me zij nu ge geen omdat iets worden toch al waren veel meer doen toen moet ben zonder kan hun dus alles onder "
    "ja eens hier wie werd altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest "
    "andere".split()
)
FTS_TABLE = "core_searchdocument_fts"
_WORD = re.compile(r"\w+", re.UNICODE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
START, STOP = "\x02", "\x03"  # marks around a match until the text is escaped; stripped from stored text


def search_vector(*fields: str) -> SearchVector:
    """The expression both the index and the query use; PostgreSQL uses the index only when they match."""
    return SearchVector(*fields, config="dutch")


def search(queryset: QuerySet, query: str, *fields: str) -> QuerySet:
    """Rows whose `fields` match every word of `query` (Dutch stemming on PostgreSQL)."""
    words = re.findall(r"\w+", query.lower())[:MAX_WORDS]
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        return queryset.annotate(_search=search_vector(*fields)).filter(
            _search=SearchQuery(" ".join(words), config="dutch", search_type="plain")
        )
    words = search_key(" ".join(words)).split()
    if not words:
        # Letters without a plain form ("Ⱥ", "ß", "ı", "_") cannot be found as substrings; like a word for which
        # PostgreSQL's dutch configuration finds no text, they match nothing (and not everything).
        return queryset.none()
    per_word = [reduce(or_, (Q(**{f"{field}__icontains": word}) for field in fields)) for word in words]
    return queryset.filter(reduce(and_, per_word))


def search_alternatives(queryset: QuerySet, groups: Sequence[Sequence[str]], *fields: str) -> QuerySet:
    """Rows whose `fields` match, for every group, at least one of its terms: a visitor's words widened with their
    synonyms ([["ontbijt", "schoolontbijt", "schoolmaaltijden"], ["zoetermeer"]]). A term of several words needs
    them all. The same expression (and GIN index) as `search` on PostgreSQL; substrings on SQLite."""
    groups = [[t for t in group if re.findall(r"\w+", t)] for group in groups[:MAX_WORDS]]
    groups = [group for group in groups if group]
    if not groups:
        return queryset
    if connection.vendor == "postgresql":
        per_group = [
            reduce(or_, (SearchQuery(term, config="dutch", search_type="plain") for term in group)) for group in groups
        ]
        return queryset.annotate(_search=search_vector(*fields)).filter(_search=reduce(and_, per_group))
    conditions = []
    for group in groups:
        alternatives = []
        for term in group:
            parts = search_key(term).split()
            if parts:
                alternatives.append(
                    reduce(and_, (reduce(or_, (Q(**{f"{f}__icontains": p}) for f in fields)) for p in parts))
                )
        if not alternatives:
            return queryset.none()
        conditions.append(reduce(or_, alternatives))
    return queryset.filter(reduce(and_, conditions))


# -- the site-wide index ------------------------------------------------------------------------------------------


@cache
def _stemmer():
    return snowballstemmer.stemmer("dutch_porter")


def _fold(word: str) -> str:
    """Lower case without accents ("coördinatie" -> "coordinatie"), as unicode61 remove_diacritics does."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def stem(word: str) -> str:
    return _stemmer().stemWord(_fold(word))


def query_stems(query: str) -> list[str]:
    """The stems of the words of a query, stop words left out, at most MAX_WORDS, each once."""
    words = [w for w in _WORD.findall(query.lower()) if w not in DUTCH_STOP_WORDS][:MAX_WORDS]
    return list(dict.fromkeys(stem(w) for w in words if stem(w)))


def _stemmed(text: str) -> str:
    return " ".join(stem(w) for w in _WORD.findall(text))


def _clean(text: str, limit: int) -> str:
    return _CONTROL.sub(" ", text or "")[:limit]


@dataclass(frozen=True)
class Document:
    """What a service publishes to the index."""

    key: str
    kind: str
    title: str
    url: str
    date: datetime
    summary: str = ""
    body: str = ""
    meta: str = ""
    audience: str = SearchDocument.Audience.PUBLIC
    knowledge_source: str = ""
    change_line: ChangeLine | None = None
    challenge_ids: Sequence[int] = ()
    sector_ids: Sequence[int] = ()
    visible_until: date | None = None


def _row(document: Document) -> dict:
    return {
        "kind": document.kind,
        "knowledge_source": document.knowledge_source,
        "title": _clean(document.title, 300),
        "summary": _clean(document.summary, 5000),
        "body": _clean(document.body, MAX_INDEXED_CHARS),
        "meta": _clean(document.meta, 300),
        "url": document.url,
        "audience": document.audience,
        "date": document.date,
        "visible_until": document.visible_until,
        "change_line": document.change_line,
    }


def index_document(document: Document) -> SearchDocument:
    """Put a document in the index, or replace what it said; call it in the publishing service's transaction."""
    row, _created = SearchDocument.objects.update_or_create(key=document.key, defaults=_row(document))
    row.challenges.set(document.challenge_ids)
    row.sectors.set(document.sector_ids)
    if connection.vendor == "sqlite":
        _fts_write([row])
    return row


def index_documents(documents: Iterable[Document], *, batch_size: int = 2000) -> int:
    """Many new documents at once (the demo builder); keys must not be in the index yet."""
    documents = list(documents)
    rows = [SearchDocument(key=d.key, **_row(d)) for d in documents]
    SearchDocument.objects.bulk_create(rows, batch_size=batch_size)
    if rows and rows[0].pk is None:  # databases that do not return ids from a bulk insert
        ids = dict(SearchDocument.objects.filter(key__in=[r.key for r in rows]).values_list("key", "pk"))
        for row in rows:
            row.pk = ids[row.key]
    Challenges, Sectors = SearchDocument.challenges.through, SearchDocument.sectors.through
    Challenges.objects.bulk_create(
        [
            Challenges(searchdocument_id=r.pk, challenge_id=c)
            for r, d in zip(rows, documents, strict=True)
            for c in d.challenge_ids
        ],
        batch_size=batch_size * 2,
    )
    Sectors.objects.bulk_create(
        [
            Sectors(searchdocument_id=r.pk, sector_id=s)
            for r, d in zip(rows, documents, strict=True)
            for s in d.sector_ids
        ],
        batch_size=batch_size * 2,
    )
    if connection.vendor == "sqlite":
        _fts_write(rows)
    return len(rows)


def remove_document(key: str) -> None:
    """Take a document out of the index at once (withdrawn, unpublished, no longer for this audience)."""
    ids = list(SearchDocument.objects.filter(key=key).values_list("pk", flat=True))
    if ids and connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(pk,) for pk in ids])  # noqa: S608
    SearchDocument.objects.filter(pk__in=ids).delete()


def _fts_write(rows: list[SearchDocument]) -> None:
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(r.pk,) for r in rows])  # noqa: S608
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, title, summary, body) VALUES (%s, %s, %s, %s)",  # noqa: S608
            [(r.pk, _stemmed(r.title), _stemmed(r.summary), _stemmed(r.body)) for r in rows],
        )


# The weighted vector of the GIN index of migration core 0005; the query must use exactly this expression.
DOCUMENT_VECTOR = (
    SearchVector("title", weight="A", config="dutch")
    + SearchVector("summary", weight="B", config="dutch")
    + SearchVector("body", weight="C", config="dutch")
)


def _pg_query(query: str, any_word: bool) -> SearchQuery | None:
    words = [w for w in _WORD.findall(query.lower()) if w not in DUTCH_STOP_WORDS][:MAX_WORDS]
    if not words:
        return None
    if any_word:
        return reduce(or_, (SearchQuery(w, config="dutch", search_type="plain") for w in words))
    return SearchQuery(" ".join(words), config="dutch", search_type="plain")


def match_documents(documents: QuerySet, query: str, *, any_word: bool = False) -> QuerySet | None:
    """The documents that hold every word of `query` (or any word), annotated with `rank`; None when the query has
    no word to look for (only stop words or punctuation)."""
    if connection.vendor == "postgresql":
        search_query = _pg_query(query, any_word)
        if search_query is None:
            return None
        return (
            documents.annotate(_vector=DOCUMENT_VECTOR)
            .filter(_vector=search_query)
            .annotate(rank=SearchRank(DOCUMENT_VECTOR, search_query))
        )
    stems = query_stems(query)
    if not stems:
        return None
    fts_query = (" OR " if any_word else " ").join(f'"{s}"' for s in stems)
    matching = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608
    rank = (
        f"(SELECT -bm25({FTS_TABLE}, 10.0, 4.0, 1.0) FROM {FTS_TABLE} "  # noqa: S608
        f"WHERE {FTS_TABLE} MATCH %s AND rowid = core_searchdocument.id)"
    )
    # The query is a parameter; only our own table name is formatted into the SQL.
    return documents.filter(pk__in=RawSQL(matching, [fts_query])).annotate(  # noqa: S611
        rank=RawSQL(rank, [fts_query])  # noqa: S611
    )


def _marked_to_html(text: str) -> SafeString:
    """Escape everything, then turn the match marks into <mark>: stored text can never become markup."""
    escaped = escape(text)
    return mark_safe(escaped.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308 - escaped above


def highlight(text: str, query: str) -> SafeString:
    """`text` escaped, with the words that match the query (by stem) in <mark>."""
    stems = set(query_stems(query))
    if not stems:
        return escape(text)
    marked = _WORD.sub(lambda m: f"{START}{m.group(0)}{STOP}" if stem(m.group(0)) in stems else m.group(0), text)
    return _marked_to_html(marked)


def _python_snippet(text: str, stems: set[str], words: int = 30) -> str:
    tokens = list(_WORD.finditer(text))
    hits = [i for i, t in enumerate(tokens) if stem(t.group(0)) in stems]
    if not tokens:
        return ""
    # The window of `words` tokens that holds the most matches, starting at a match.
    best, best_count = 0, -1
    for start in hits or [0]:
        count = sum(1 for h in hits if start <= h < start + words)
        if count > best_count:
            best, best_count = start, count
    begin = max(0, best - 5)
    end = min(len(tokens), begin + words)
    hit_set = set(hits)
    parts, position = [], tokens[begin].start()
    for i in range(begin, end):
        token = tokens[i]
        parts.append(text[position : token.start()])
        parts.append(f"{START}{token.group(0)}{STOP}" if i in hit_set else token.group(0))
        position = token.end()
    snippet = "".join(parts)
    return ("… " if begin else "") + " ".join(snippet.split()) + (" …" if end < len(tokens) else "")


def snippets(documents: Sequence[SearchDocument], query: str) -> dict[int, SafeString]:
    """Per document the passage of its summary and text around the matches, the matches in <mark>. PostgreSQL's
    ts_headline in one query on PostgreSQL; the same stems in Python on SQLite."""
    if not documents or not query.strip():
        return {}
    if connection.vendor == "postgresql":
        search_query = _pg_query(query, any_word=True)
        if search_query is None:
            return {}
        rows = (
            SearchDocument.objects.filter(pk__in=[d.pk for d in documents])
            .annotate(
                snippet=SearchHeadline(
                    Concat("summary", Value(" "), "body", output_field=TextField()),
                    search_query,
                    config="dutch",
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=32,
                    min_words=12,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                )
            )
            .values_list("pk", "snippet")
        )
        return {pk: _marked_to_html(" ".join(text.split())) for pk, text in rows}
    stems = set(query_stems(query))
    return {d.pk: _marked_to_html(_python_snippet(f"{d.summary} {d.body}", stems)) for d in documents}
