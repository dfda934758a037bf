"""Full-text search over the knowledge base, with kind/sector/tag filters and facet counts.

User input is reduced to word tokens before it reaches the index, so nothing a person types is
query syntax: quotes, operators, SQL and control characters all become plain words or vanish.
All tokens must match (prefix match, ``Kuhne`` finds "Kühne+Nagel"); when that finds nothing the
search falls back to any token and says so with ``SearchResult.partial``. An empty query lists
every entity that passes the filters, by name.

Only the storage backend knows the full-text index (:func:`desktop.core.storage.backend.backend_of`
hands it the expanded words and returns its query SQL); this module's own SQL is portable. It runs
on a SQLAlchemy connection or on the backend's plain DB-API reader with named parameters (the
window's start-up read path, which must not wait for SQLAlchemy to import); see :func:`_fetch`.

The first page is ranked exactly (:mod:`desktop.core.search.ranking`: every match as bm25 orders
it, equal scores by id). Excerpts are cut for the hits of a page unless ``snippets=False``; the
window asks :func:`snippets` for just the rows on screen.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from desktop.core.search import expansion as query_expansion
from desktop.core.search import filters as filters_sql
from desktop.core.search import hits, ranking
from desktop.core.search.filters import UNFILTERED, SearchFilters
from desktop.core.search.hits import HIGHLIGHT, HIT_COLUMNS, SearchHit
from desktop.core.search.ranking import COUNT_LIMIT, NO_FILTER, rows_of
from desktop.core.search.snippets import highlight_segments
from desktop.core.storage.backend import backend_of

__all__ = [
    "COUNT_LIMIT",
    "HIT_COLUMNS",
    "NO_FILTER",
    "SearchFilters",
    "SearchHit",
    "SearchResult",
    "highlight_segments",
    "relevance",
    "search",
    "snippets",
    "with_synonyms",
    "words_of",
]

MAX_TOKENS = 12
MAX_TOKEN_LENGTH = 48
MAX_QUERY_LENGTH = 1000
_WORD = re.compile(r"\w+", re.UNICODE)


class Connection(Protocol):
    """A SQLAlchemy ``Connection`` or the backend's DB-API reader (``open_reader``)."""

    def execute(self, *args: Any, **kwargs: Any) -> Any: ...


@dataclass(frozen=True)
class SearchResult:
    hits: list[SearchHit]
    total: int
    tokens: tuple[str, ...]
    partial: bool = False  # True when no entity matched every word and any word was used
    total_exact: bool = True  # False when ``total`` is a lower bound (very broad queries)


def tokenize(query: str) -> tuple[str, ...]:
    """Word tokens of ``query``, bounded in number and length; never raises."""
    if not isinstance(query, str):
        return ()
    cleaned = "".join(
        ch if unicodedata.category(ch)[0] != "C" else " "
        for ch in unicodedata.normalize("NFC", query[:MAX_QUERY_LENGTH])
    )
    tokens = [token[:MAX_TOKEN_LENGTH] for token in _WORD.findall(cleaned)]
    return tuple(dict.fromkeys(token.lower() for token in tokens))[:MAX_TOKENS]


def search(
    connection: Connection,
    query: str,
    *,
    filters: SearchFilters = UNFILTERED,
    limit: int = 50,
    offset: int = 0,
    count_total: bool = True,
    snippets: bool = True,
) -> SearchResult:
    """Ranked entities for ``query`` (best first), limited to ``limit`` from ``offset``.

    Counting every match of a broad, filtered query can cost more than finding the first
    page; pass ``count_total=False`` while the user types and ask :func:`count_matches` after
    the page is shown. ``total`` is then a lower bound (``total_exact`` is False). Cutting
    excerpts costs more than finding the hits: with ``snippets=False`` the hits come without,
    for :func:`snippets` to add those of the rows on screen.
    """
    limit, offset = max(0, int(limit)), max(0, int(offset))
    tokens = tokenize(query)
    where = filters_sql.where(filters)
    if not tokens:
        return _browse(connection, where.condition, dict(where.params or {}), limit, offset)
    for any_token in (False, True):
        if any_token and len(tokens) == 1:
            break
        page = ranking.ranked_page(
            connection,
            tokens,
            any_token=any_token,
            where=where,
            limit=limit,
            offset=offset,
            count_total=count_total,
        )
        if page.rows or (offset and (any_token or _matches_every_word(connection, tokens, where))):
            excerpts = None
            if snippets:
                excerpts = hits.excerpts_of(
                    connection,
                    _match(connection, tokens, any_token=any_token),
                    [i for i, _ in page.rows],
                )
            return SearchResult(
                hits.ranked_hits(connection, page.rows, excerpts),
                page.total,
                tokens,
                partial=any_token,
                total_exact=page.total_exact,
            )
    return SearchResult([], 0, tokens)


def _matches_every_word(connection: Connection, tokens: tuple[str, ...], where: Any) -> bool:
    """True when some entity matches every word: a later page past the end of their ranking
    is past the end of the search, not a sign that it should fall back to any word."""
    first = ranking.ranked_page(
        connection, tokens, any_token=False, where=where, limit=1, offset=0, count_total=False
    )
    return bool(first.rows)


def snippets(connection: Connection, query: str, entity_ids: Sequence[int]) -> dict[int, str]:
    """The excerpts of ``entity_ids`` for ``query`` (entity id → excerpt, matched words between
    the highlight markers), for hits that came without (``search(..., snippets=False)``): the
    rows on screen. An entity that matches every word is highlighted for all of them, else for
    any; one that matches none is left out."""
    tokens = tokenize(query)
    wanted = sorted({int(entity_id) for entity_id in entity_ids})
    found: dict[int, str] = {}
    for any_token in (False, True):
        missing = [entity_id for entity_id in wanted if entity_id not in found]
        if not tokens or not missing or (any_token and len(tokens) == 1):
            break
        found |= hits.excerpts_of(
            connection, _match(connection, tokens, any_token=any_token), missing
        )
    return found


def count_matches(
    connection: Connection, query: str, *, filters: SearchFilters = UNFILTERED
) -> tuple[int, bool]:
    """How many entities :func:`search` would find, and whether that number is exact."""
    result = search(connection, query, filters=filters, limit=1, snippets=False)
    return result.total, result.total_exact


# Words that say nothing about a field: dropped from an investor's words before ranking by them.
_FUNCTION_WORDS = ("and", "und", "the", "der", "die", "das", "for", "für", "with", "mit", "of")
_STOPWORDS = frozenset({*_FUNCTION_WORDS, "von", "space", "fläche", "flächen", "services"})


def words_of(phrases: Sequence[str]) -> tuple[str, ...]:
    """The telling words of ``phrases``: word tokens of three letters or more, without
    function words ("and", "für") and generic ones ("space", "services"), each once."""
    words = [
        word
        for phrase in phrases
        for word in tokenize(phrase)
        if len(word) > 2 and word not in _STOPWORDS
    ]
    return tuple(dict.fromkeys(words))


def with_synonyms(words: Sequence[str]) -> tuple[str, ...]:
    """``words`` and their one-word synonyms and translations ("surgery" → "surgical",
    "chirurgie"), each once: what an investor's word may look like in a description."""
    found = list(words)
    for word in words:
        found += [
            term.words[0] for term in query_expansion.synonyms((word,)) if len(term.words) == 1
        ]
    return tuple(dict.fromkeys(found))


def relevance(
    connection: Connection,
    phrases: Sequence[str],
    *,
    limit: int = 200,
    every_word: bool = False,
    translations: bool = True,
) -> dict[int, float]:
    """How well each entity's text matches any of ``phrases`` (an investor's sectors,
    requirements and keywords, in any language): bm25 over the index, relative to the best
    match (1.0), for the best ``limit`` entities. Any word may match, or with ``every_word``
    all of them (a keyword such as "clean room"); without ``translations``, in the records' own
    texts only. Synonyms and compounds are expanded as in :func:`search`; the words are data,
    never query syntax."""
    tokens = words_of(phrases)
    if not tokens:
        return {}
    groups = list(query_expansion.expand(tokens))
    last = groups[-1]
    groups[-1] = (((query_expansion.Term((tokens[-1],)),),), *last[1:])  # whole words only
    match = backend_of(connection).match_expression(
        groups, any_token=not every_word, source_language=not translations
    )
    rows = _fetch(
        connection,
        backend_of(connection).ranked_match_sql("e.id", NO_FILTER, highlight=HIGHLIGHT),
        {"match": match, "min_rowid": 0, "limit": max(1, limit), "offset": 0},
    )
    if not rows:
        return {}
    best = min(row["score"] for row in rows)  # bm25: lower is better, and negative
    return {row["id"]: row["score"] / best for row in rows if best < 0}


# --- internals -----------------------------------------------------------------------------


def _match(connection: Connection, tokens: tuple[str, ...], *, any_token: bool = False) -> str:
    """The backend's match expression for ``tokens``, each expanded to its alternatives."""
    groups = query_expansion.expand(tokens)
    return backend_of(connection).match_expression(groups, any_token=any_token)


def _fetch(connection: Connection, sql: str, params: dict[str, Any]) -> list[Any]:
    """All rows of ``sql``; each row is indexable by position and by column name.

    A SQLAlchemy connection gets the statement through ``text()``; any other is taken to be the
    backend's DB-API reader, which takes named parameters and whose rows are readable by column
    name (:meth:`desktop.core.storage.backend.StorageBackend.open_reader`).
    """
    if hasattr(connection, "exec_driver_sql"):
        from sqlalchemy import text

        return [row._mapping for row in connection.execute(text(sql), params)]
    return connection.execute(sql, params).fetchall()


def _values(row: Any) -> list[Any]:
    """A row's values in column order (a SQLAlchemy mapping has no positional access)."""
    return [row[key] for key in row.keys()]  # noqa: SIM118  (both row types need keys())


def _scalar(connection: Connection, sql: str, params: dict[str, Any]) -> Any:
    rows = _fetch(connection, sql, params)
    return _values(rows[0])[0] if rows else None


def _browse(
    connection: Connection, filter_sql: str, params: dict[str, Any], limit: int, offset: int
) -> SearchResult:
    rows = rows_of(
        connection,
        f"SELECT {HIT_COLUMNS} FROM entity e WHERE {filter_sql}"
        f" ORDER BY {backend_of(connection).name_order}, e.id LIMIT :limit OFFSET :offset",
        {**params, "limit": limit, "offset": offset},
    )
    total = _scalar(connection, f"SELECT count(*) FROM entity e WHERE {filter_sql}", params)
    return SearchResult(hits.entity_hits(connection, rows, {}), total, ())
