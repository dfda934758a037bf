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
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from desktop.core.kb import taxonomy
from desktop.core.search import expansion as query_expansion
from desktop.core.search.snippets import HIGHLIGHT_END, HIGHLIGHT_START, excerpt, highlight_segments
from desktop.core.storage.backend import backend_of

__all__ = [
    "SearchFilters",
    "SearchHit",
    "SearchResult",
    "facet_counts",
    "highlight_segments",
    "relevance",
    "search",
    "with_synonyms",
    "words_of",
]

MAX_TOKENS = 12
MAX_TOKEN_LENGTH = 48
MAX_QUERY_LENGTH = 1000
_WORD = re.compile(r"\w+", re.UNICODE)
NO_FILTER = "1 = 1"
RANK_LIMIT = 1000  # at most this many entities are ranked per query (see _ranked_rows)
COUNT_LIMIT = 10_000  # totals beyond this are reported as "at least"
HIT_COLUMNS = "e.id, e.slug, e.name, e.short_name, e.kind, e.location, e.verified_on"
HIGHLIGHT = (HIGHLIGHT_START, HIGHLIGHT_END)  # around matched words in the snippet


class Connection(Protocol):
    """A SQLAlchemy ``Connection`` or the backend's DB-API reader (``open_reader``)."""

    def execute(self, *args: Any, **kwargs: Any) -> Any: ...


@dataclass(frozen=True)
class SearchFilters:
    """Each dimension is OR within itself and AND across dimensions."""

    kinds: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class SearchHit:
    entity_id: int
    slug: str
    name: str
    short_name: str | None
    kind: str
    location: str | None
    verified_on: str | None
    score: float
    snippet: str = ""
    sectors: tuple[str, ...] = ()


@dataclass(frozen=True)
class SearchResult:
    hits: list[SearchHit]
    total: int
    tokens: tuple[str, ...]
    partial: bool = False  # True when no entity matched every word and any word was used
    total_exact: bool = True  # False when ``total`` is a lower bound (very broad queries)


@dataclass(frozen=True)
class Facets:
    kinds: dict[str, int] = field(default_factory=dict)
    sectors: dict[str, int] = field(default_factory=dict)
    tags: dict[str, int] = field(default_factory=dict)


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
    filters: SearchFilters = SearchFilters(),
    limit: int = 50,
    offset: int = 0,
    count_total: bool = True,
) -> SearchResult:
    """Ranked entities for ``query`` (best first), limited to ``limit`` from ``offset``.

    Counting every match of a broad, filtered query can cost more than finding the first
    page; pass ``count_total=False`` while the user types and ask :func:`count_matches` after
    the page is shown. ``total`` is then a lower bound (``total_exact`` is False).
    """
    limit, offset = max(0, int(limit)), max(0, int(offset))
    tokens = tokenize(query)
    filter_sql, params = _filter_sql(filters)
    if not tokens:
        return _browse(connection, filter_sql, params, limit, offset)
    for any_token in (False, True):
        if any_token and len(tokens) == 1:
            break
        match = _match(connection, tokens, any_token=any_token)
        rows = _ranked_rows(connection, match, filter_sql, params, limit, offset)
        if rows or offset:
            if count_total or len(rows) < limit:
                total, exact = _total(connection, rows, limit, offset, match, filter_sql, params)
            else:
                total, exact = offset + len(rows), False
            return SearchResult(
                _hits(connection, rows), total, tokens, partial=any_token, total_exact=exact
            )
    return SearchResult([], 0, tokens)


def count_matches(
    connection: Connection, query: str, *, filters: SearchFilters = SearchFilters()
) -> tuple[int, bool]:
    """How many entities :func:`search` would find, and whether that number is exact."""
    result = search(connection, query, filters=filters, limit=1)
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


def facet_counts(
    connection: Connection, query: str, *, filters: SearchFilters = SearchFilters()
) -> Facets:
    """How many entities each kind, sector and tag would show.

    Each dimension is counted with the *other* dimensions' filters applied, so picking a kind
    still shows how many results every other kind has.
    """
    tokens = tokenize(query)
    params: dict[str, Any] = {}
    matched = "1 = 1"
    if tokens:
        params["match"] = _match(connection, tokens)
        matched = f"e.id IN ({backend_of(connection).matching_ids_sql()})"
        if not _fetch(connection, f"SELECT 1 FROM entity e WHERE {matched} LIMIT 1", params):
            params["match"] = _match(connection, tokens, any_token=True)

    def counts(dimension: str, select_sql: str) -> dict[str, int]:
        others = SearchFilters(
            kinds=() if dimension == "kinds" else filters.kinds,
            sectors=() if dimension == "sectors" else filters.sectors,
            tags=() if dimension == "tags" else filters.tags,
        )
        filter_sql, filter_params = _filter_sql(others)
        sql = select_sql.format(where=f"{matched} AND ({filter_sql})")
        rows = _fetch(connection, sql, {**params, **filter_params})
        return dict(_values(row) for row in rows)

    return Facets(
        kinds=counts(
            "kinds", "SELECT e.kind, count(*) FROM entity e WHERE {where} GROUP BY e.kind"
        ),
        sectors=counts(
            "sectors",
            "SELECT s.sector_code, count(*) FROM entity_sector s JOIN entity e"
            " ON e.id = s.entity_id WHERE {where} GROUP BY s.sector_code",
        ),
        tags=counts(
            "tags",
            "SELECT t.tag_code, count(*) FROM entity_tag t JOIN entity e"
            " ON e.id = t.entity_id WHERE {where} GROUP BY t.tag_code",
        ),
    )


# --- internals -----------------------------------------------------------------------------


def _match(connection: Connection, tokens: tuple[str, ...], *, any_token: bool = False) -> str:
    """The backend's match expression for ``tokens``, each expanded to its alternatives."""
    groups = query_expansion.expand(tokens)
    return backend_of(connection).match_expression(groups, any_token=any_token)


def _filter_sql(filters: SearchFilters) -> tuple[str, dict[str, Any]]:
    """Portable SQL over alias ``e`` with bound parameters, one clause per filled dimension."""
    clauses: list[str] = []
    params: dict[str, Any] = {}

    def placeholders(prefix: str, values: tuple[str, ...]) -> str:
        names = [f"{prefix}{i}" for i in range(len(values))]
        params.update(zip(names, values, strict=True))
        return ", ".join(f":{name}" for name in names)

    if filters.kinds:
        clauses.append(f"e.kind IN ({placeholders('kind', filters.kinds)})")
    if filters.sectors:
        clauses.append(
            "EXISTS (SELECT 1 FROM entity_sector fs WHERE fs.entity_id = e.id"
            f" AND fs.sector_code IN ({placeholders('sector', filters.sectors)}))"
        )
    if filters.tags:
        clauses.append(
            "EXISTS (SELECT 1 FROM entity_tag ft WHERE ft.entity_id = e.id"
            f" AND ft.tag_code IN ({placeholders('tag', filters.tags)}))"
        )
    return (" AND ".join(clauses) or NO_FILTER), params


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
    rows = _fetch(
        connection,
        f"SELECT {HIT_COLUMNS}, 0.0 AS score, '' AS snippet FROM entity e WHERE {filter_sql}"
        f" ORDER BY {backend_of(connection).name_order}, e.id LIMIT :limit OFFSET :offset",
        {**params, "limit": limit, "offset": offset},
    )
    total = _scalar(connection, f"SELECT count(*) FROM entity e WHERE {filter_sql}", params)
    return SearchResult(_hits(connection, rows), total, ())


def _ranked_rows(
    connection: Connection,
    match: str,
    filter_sql: str,
    params: dict[str, Any],
    limit: int,
    offset: int,
) -> list[Any]:
    """One page of hits, ranking at most ``RANK_LIMIT`` entities.

    bm25 costs about a microsecond per matching entity, so a word that matches most of a large
    database ("Leipzig" among 100,000) cannot be ranked in full while the user types. Such a
    query is ranked among its newest ``RANK_LIMIT`` matches; below that (always, for a
    knowledge base of the cluster's real size) the ranking is exact.
    """
    backend = backend_of(connection)
    cutoff = _scalar(
        connection, backend.newest_matches_cutoff_sql(), {"match": match, "n": RANK_LIMIT - 1}
    )
    return _fetch(
        connection,
        backend.ranked_match_sql(HIT_COLUMNS, filter_sql, highlight=HIGHLIGHT),
        {**params, "match": match, "min_rowid": cutoff or 0, "limit": limit, "offset": offset},
    )


def _total(
    connection: Connection,
    rows: list[Any],
    limit: int,
    offset: int,
    match: str,
    filter_sql: str,
    params: dict[str, Any],
) -> tuple[int, bool]:
    """The number of matches, exact up to ``COUNT_LIMIT`` (beyond it: "10,000 or more")."""
    if len(rows) < limit and (rows or not offset):
        return offset + len(rows), True
    sql = backend_of(connection).count_matches_sql(None if filter_sql == NO_FILTER else filter_sql)
    total = _scalar(connection, sql, {**params, "match": match, "cap": COUNT_LIMIT})
    return total, total < COUNT_LIMIT


def _hits(connection: Connection, rows: list[Any]) -> list[SearchHit]:
    """Hits for result rows, with their sector codes in taxonomy order (one extra query)."""
    sectors: dict[int, list[str]] = {row["id"]: [] for row in rows}
    if rows:
        names = {f"id{i}": entity_id for i, entity_id in enumerate(sectors)}
        placeholders = ", ".join(f":{name}" for name in names)
        for link in _fetch(
            connection,
            f"SELECT entity_id, sector_code FROM entity_sector WHERE entity_id IN ({placeholders})",
            names,
        ):
            sectors[link["entity_id"]].append(link["sector_code"])
    order = {code: i for i, code in enumerate(taxonomy.SECTORS)}
    return [
        SearchHit(
            entity_id=row["id"],
            slug=row["slug"],
            name=row["name"],
            short_name=row["short_name"],
            kind=row["kind"],
            location=row["location"],
            verified_on=row["verified_on"],
            score=float(row["score"]),
            snippet=excerpt(row["snippet"] or ""),
            sectors=tuple(sorted(sectors[row["id"]], key=lambda code: order.get(code, len(order)))),
        )
        for row in rows
    ]
