"""Search hits: the rows a result list shows, in ranking order, with their excerpts.

A page of ranked ids becomes hits with two portable queries (the entities' columns, their
sectors). Excerpts are cut from the index's highlighted description, for the listed entities
only: cutting them costs more than finding the hits, so the window asks for the rows on screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from desktop.core.kb import taxonomy
from desktop.core.search.ranking import Connection, rows_of
from desktop.core.search.snippets import HIGHLIGHT_END, HIGHLIGHT_START, excerpt
from desktop.core.storage.backend import backend_of

HIT_COLUMNS = "e.id, e.slug, e.name, e.short_name, e.kind, e.location, e.verified_on"
HIGHLIGHT = (HIGHLIGHT_START, HIGHLIGHT_END)  # around matched words in the snippet


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


def ranked_hits(
    connection: Connection, ranked: list[tuple[int, float]], excerpts: dict[int, str] | None
) -> list[SearchHit]:
    """Hits for ranked (id, score) pairs, in that order, with their excerpts if given."""
    if not ranked:
        return []
    listed = _listed([entity_id for entity_id, _ in ranked])
    sql = f"SELECT {HIT_COLUMNS} FROM entity e WHERE e.id IN ({listed[0]})"
    by_id = {row[0]: row for row in rows_of(connection, sql, listed[1])}
    return entity_hits(
        connection,
        [by_id[entity_id] for entity_id, _ in ranked if entity_id in by_id],
        excerpts or {},
        scores=dict(ranked),
        listed=listed,
    )


def excerpts_of(connection: Connection, match: str, entity_ids: list[int]) -> dict[int, str]:
    """Excerpts of the listed entities for one match expression (those it matches)."""
    if not entity_ids:
        return {}
    low, high = min(entity_ids), max(entity_ids)
    sql = backend_of(connection).snippets_sql(highlight=HIGHLIGHT)
    values = {"match": match, "low": low, "high": high, "ids": _json_ids(entity_ids)}
    return {row[0]: excerpt(row[1] or "") for row in rows_of(connection, sql, values)}


def entity_hits(
    connection: Connection,
    rows: Sequence[Sequence[Any]],
    excerpts: dict[int, str],
    *,
    scores: dict[int, float] | None = None,
    listed: tuple[str, dict[str, Any]] | None = None,
) -> list[SearchHit]:
    """Hits for entity rows (the :data:`HIT_COLUMNS`) in their order, with their sector codes
    in taxonomy order (one extra query; ``listed``: the rows' ids as :func:`_listed` gives
    them, if at hand) and their ``scores`` (else 0)."""
    sectors: dict[int, list[str]] = {row[0]: [] for row in rows}
    if sectors:
        marks, values = listed or _listed(list(sectors))
        for entity_id, code in rows_of(
            connection,
            f"SELECT entity_id, sector_code FROM entity_sector WHERE entity_id IN ({marks})",
            values,
        ):
            if entity_id in sectors:
                sectors[entity_id].append(code)
    scores = scores or {}
    return [
        SearchHit(
            *row[:7],
            float(scores.get(row[0], 0.0)),
            excerpts.get(row[0], ""),
            _in_order(sectors[row[0]]),
        )
        for row in rows
    ]


def _listed(ids: list[int]) -> tuple[str, dict[str, Any]]:
    """``ids`` for an ``IN (…)`` list: as parameters, padded to a power of two with NULL (which
    matches nothing), so that the statements of a page are the same text every time and stay
    prepared (parsing a new statement costs more than running it); very many are written out."""
    if len(ids) > MAX_LISTED:
        return ", ".join([str(int(entity_id)) for entity_id in ids]), {}
    size = max(8, 1 << (len(ids) - 1).bit_length())
    values: dict[str, Any] = dict(zip(_NAMES[:size], ids, strict=False))
    values.update(dict.fromkeys(_NAMES[len(ids) : size]))
    return _MARKS[size], values


MAX_LISTED = 1024  # ids passed as parameters; beyond, written into the statement
_NAMES = [f"id{i}" for i in range(MAX_LISTED)]
_MARKS = {1 << n: ", ".join(f":id{i}" for i in range(1 << n)) for n in range(3, 11)}


def _in_order(codes: list[str]) -> tuple[str, ...]:
    """Sector codes in taxonomy order (codes it does not know last)."""
    if len(codes) < 2:
        return tuple(codes)
    order = _SECTOR_ORDER
    if all(code in order for code in codes):
        return tuple(sorted(codes, key=order.__getitem__))
    return tuple(sorted(codes, key=lambda code: order.get(code, len(order))))


_SECTOR_ORDER = {code: i for i, code in enumerate(taxonomy.SECTORS)}


def _json_ids(entity_ids: Sequence[int]) -> str:
    """The ids as a JSON array for ``json_each`` (written by hand: the json module costs the
    first typed search a millisecond and a half to import)."""
    return "[" + ", ".join(str(int(entity_id)) for entity_id in sorted(entity_ids)) + "]"
