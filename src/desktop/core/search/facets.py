"""The navigator's counts: how many matches each kind, sector and tag holds.

Each dimension is counted with the *other* dimensions' filters applied, so picking a kind still
shows how many results every other kind has. The sector and tag counts read their link table
alone — joining every link to its entity costs more than the rest of the count together (about
140 ms of 150 at 100,000 entities for an empty query) and is needed only for a kind, which the
entity ids answer through the kind's index.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from desktop.core.search.filters import UNFILTERED, SearchFilters, filter_sql, where
from desktop.core.search.service import Connection, _fetch, _match, _values, tokenize
from desktop.core.storage.backend import backend_of


@dataclass(frozen=True)
class Facets:
    kinds: dict[str, int] = field(default_factory=dict)
    sectors: dict[str, int] = field(default_factory=dict)
    tags: dict[str, int] = field(default_factory=dict)


def facet_counts(
    connection: Connection, query: str, *, filters: SearchFilters = UNFILTERED
) -> Facets:
    """How many entities each kind, sector and tag would show for ``query`` in ``filters``."""
    tokens = tokenize(query)
    params: dict[str, Any] = {}
    matching = None
    if tokens:
        matching = backend_of(connection).matching_ids_sql()
        params["match"] = _match(connection, tokens)
        if not _fetch(connection, f"{matching} LIMIT 1", params):
            params["match"] = _match(connection, tokens, any_token=True)

    def others(dimension: str) -> SearchFilters:
        return SearchFilters(
            kinds=() if dimension == "kinds" else filters.kinds,
            sectors=() if dimension == "sectors" else filters.sectors,
            tags=() if dimension == "tags" else filters.tags,
        )

    def kinds() -> dict[str, int]:
        condition, filter_params = filter_sql(others("kinds"))
        if matching:
            condition = f"e.id IN ({matching}) AND ({condition})"
        sql = f"SELECT e.kind, count(*) FROM entity e WHERE {condition} GROUP BY e.kind"
        return _counted(connection, sql, {**params, **filter_params})

    def linked(dimension: str, table: str, code: str) -> dict[str, int]:
        allowed = where(others(dimension))
        conditions = [f"l.entity_id IN ({sql})" for sql in (matching, allowed.ids_sql) if sql]
        sql = f"SELECT l.{code}, count(*) FROM {table} l"
        if conditions:
            sql += " WHERE " + " AND ".join(conditions)
        sql += f" GROUP BY l.{code}"
        return _counted(connection, sql, {**params, **dict(allowed.params or {})})

    return Facets(
        kinds=kinds(),
        sectors=linked("sectors", "entity_sector", "sector_code"),
        tags=linked("tags", "entity_tag", "tag_code"),
    )


def _counted(connection: Connection, sql: str, params: dict[str, Any]) -> dict[str, int]:
    return dict(_values(row) for row in _fetch(connection, sql, params))
