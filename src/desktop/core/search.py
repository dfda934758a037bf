"""Full-text search over the knowledge base, with kind/sector/tag filters and facet counts.

User input is reduced to word tokens before it reaches the index, so nothing a person types is
query syntax: quotes, operators, SQL and control characters all become plain words or vanish.
All tokens must match (prefix match, ``Kuhne`` finds "Kühne+Nagel"); when that finds nothing the
search falls back to any token and says so with ``SearchResult.partial``. An empty query lists
every entity that passes the filters, by name.

Only :mod:`desktop.core.sqlite_backend` knows FTS5; this module's SQL is portable.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, text

from desktop.core import sqlite_backend

MAX_TOKENS = 12
MAX_TOKEN_LENGTH = 48
MAX_QUERY_LENGTH = 1000
_WORD = re.compile(r"\w+", re.UNICODE)
HIT_COLUMNS = "e.id, e.slug, e.name, e.short_name, e.kind, e.location, e.verified_on"


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


@dataclass(frozen=True)
class SearchResult:
    hits: list[SearchHit]
    total: int
    tokens: tuple[str, ...]
    partial: bool = False  # True when no entity matched every word and any word was used


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
        ch if unicodedata.category(ch)[0] != "C" else " " for ch in query[:MAX_QUERY_LENGTH]
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
) -> SearchResult:
    """Ranked entities for ``query`` (best first), limited to ``limit`` from ``offset``."""
    limit, offset = max(0, int(limit)), max(0, int(offset))
    tokens = tokenize(query)
    filter_sql, params = _filter_sql(filters)
    if not tokens:
        return _browse(connection, filter_sql, params, limit, offset)
    for any_token in (False, True):
        if any_token and len(tokens) == 1:
            break
        match = sqlite_backend.match_expression(tokens, any_token=any_token)
        rows = connection.execute(
            text(sqlite_backend.ranked_match_sql(HIT_COLUMNS, filter_sql)),
            {**params, "match": match, "limit": limit, "offset": offset},
        ).all()
        if rows or offset:
            total = _total(connection, rows, limit, offset, filter_sql, {**params, "match": match})
            return SearchResult([_hit(row) for row in rows], total, tokens, partial=any_token)
    return SearchResult([], 0, tokens)


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
        params["match"] = sqlite_backend.match_expression(tokens)
        matched = f"e.id IN ({sqlite_backend.matching_ids_sql()})"
        if not connection.execute(
            text(f"SELECT 1 FROM entity e WHERE {matched} LIMIT 1"), params
        ).first():
            params["match"] = sqlite_backend.match_expression(tokens, any_token=True)

    def counts(dimension: str, select_sql: str) -> dict[str, int]:
        others = SearchFilters(
            kinds=() if dimension == "kinds" else filters.kinds,
            sectors=() if dimension == "sectors" else filters.sectors,
            tags=() if dimension == "tags" else filters.tags,
        )
        filter_sql, filter_params = _filter_sql(others)
        sql = select_sql.format(where=f"{matched} AND ({filter_sql})")
        return {code: n for code, n in connection.execute(text(sql), {**params, **filter_params})}

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


def highlight_segments(snippet: str) -> list[tuple[str, bool]]:
    """Split a snippet into ``(text, is_match)`` pieces for bold or coloured display."""
    segments: list[tuple[str, bool]] = []
    for piece in re.split(
        f"({sqlite_backend.HIGHLIGHT_START}.*?{sqlite_backend.HIGHLIGHT_END})", snippet
    ):
        if not piece:
            continue
        if piece.startswith(sqlite_backend.HIGHLIGHT_START):
            segments.append((piece[1:-1], True))
        else:
            segments.append((piece, False))
    return segments


# --- internals -----------------------------------------------------------------------------


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
    return (" AND ".join(clauses) or "1 = 1"), params


def _browse(
    connection: Connection, filter_sql: str, params: dict[str, Any], limit: int, offset: int
) -> SearchResult:
    rows = connection.execute(
        text(
            f"SELECT {HIT_COLUMNS}, 0.0 AS score, '' AS snippet FROM entity e WHERE {filter_sql}"
            " ORDER BY e.name COLLATE NOCASE, e.id LIMIT :limit OFFSET :offset"
        ),
        {**params, "limit": limit, "offset": offset},
    ).all()
    total = connection.execute(
        text(f"SELECT count(*) FROM entity e WHERE {filter_sql}"), params
    ).scalar_one()
    return SearchResult([_hit(row) for row in rows], total, ())


def _total(
    connection: Connection,
    rows: list[Any],
    limit: int,
    offset: int,
    filter_sql: str,
    params: dict[str, Any],
) -> int:
    if len(rows) < limit and (rows or not offset):
        return offset + len(rows)
    return connection.execute(
        text(
            f"SELECT count(*) FROM entity e WHERE e.id IN ({sqlite_backend.matching_ids_sql()})"
            f" AND ({filter_sql})"
        ),
        params,
    ).scalar_one()


def _hit(row: Any) -> SearchHit:
    return SearchHit(
        entity_id=row.id,
        slug=row.slug,
        name=row.name,
        short_name=row.short_name,
        kind=row.kind,
        location=row.location,
        verified_on=row.verified_on,
        score=float(row.score),
        snippet=row.snippet or "",
    )
