"""A search's filters: kinds, sectors and tags, as portable SQL.

Each dimension is OR within itself and AND across dimensions. The filters become a condition
over the entity alias ``e`` (tested on every match when all matches are ranked) and a statement
selecting the allowed ids from the indexes alone (for a ranking that reads matches best first,
and for counting a broad query's matches).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.core.search.ranking import NO_FILTER, Filter


@dataclass(frozen=True)
class SearchFilters:
    """Each dimension is OR within itself and AND across dimensions."""

    kinds: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


UNFILTERED = SearchFilters()  # every entity


def filter_sql(filters: SearchFilters) -> tuple[str, dict[str, Any]]:
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


def where(filters: SearchFilters) -> Filter:
    """The filters as a condition over ``e`` and as a statement selecting the allowed ids,
    driven by the most selective index at hand (kind, then tag, then sector)."""
    condition, params = filter_sql(filters)
    if condition == NO_FILTER:
        return Filter()
    parts = [
        (table, column, code, ", ".join(f":{prefix}{i}" for i in range(len(values))))
        for table, column, code, prefix, values in (
            ("entity", "id", "kind", "kind", filters.kinds),
            ("entity_tag", "entity_id", "tag_code", "tag", filters.tags),
            ("entity_sector", "entity_id", "sector_code", "sector", filters.sectors),
        )
        if values
    ]
    (table, column, code, places), *others = parts
    ids_sql = f"SELECT f.{column} FROM {table} f WHERE f.{code} IN ({places})"
    for other, other_column, other_code, other_places in others:
        ids_sql += (
            f" AND EXISTS (SELECT 1 FROM {other} o WHERE o.{other_column} = f.{column}"
            f" AND o.{other_code} IN ({other_places}))"
        )
    return Filter(condition, ids_sql, params)
