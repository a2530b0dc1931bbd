"""Dutch full-text search behind one function: PostgreSQL's `dutch` text search (stemming, a GIN index made
by each app's migration on the same expression) and, on the embedded SQLite, every word as a substring."""

import re
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet

from alliantie.core.text import search_key


def search_vector(*fields: str) -> SearchVector:
    """The expression both the index and the query use; PostgreSQL uses the index only when they match."""
    return SearchVector(*fields, config="dutch")


def search(queryset: QuerySet, query: str, *fields: str) -> QuerySet:
    """Rows whose `fields` match every word of `query` (Dutch stemming on PostgreSQL)."""
    words = re.findall(r"\w+", query.lower())[:10]
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
