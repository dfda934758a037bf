"""One page of ranked entity ids for a query, exactly as ranking every match would order it.

The ranking is the index's bm25 with column weights, equal scores ordered by id. A query whose
matches are few is ranked in full with SQL (cost grows with the matches, about a microsecond
each). A broad one ("Leipzig" among 100,000) is first offered to the backend's
:meth:`~desktop.core.storage.backend.StorageBackend.best_matches`, which may find the same page
without scoring every match; when it declines, SQL ranks every match after all — never fewer.
The number of matches is counted up to :data:`COUNT_LIMIT`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from desktop.core.search import expansion
from desktop.core.storage.backend import backend_of

COUNT_LIMIT = 10_000  # totals beyond this are reported as "at least"
NO_FILTER = "1 = 1"


class Connection(Protocol):
    """A SQLAlchemy ``Connection`` or the backend's DB-API reader (``open_reader``)."""

    def execute(self, *args: Any, **kwargs: Any) -> Any: ...


@dataclass(frozen=True)
class Filter:
    """A search's filters as portable SQL: a condition over alias ``e`` and, to find the
    allowed entities from the indexes alone, a statement selecting their ids (None: no
    filter). Both take ``params``."""

    condition: str = NO_FILTER
    ids_sql: str | None = None
    params: dict[str, Any] | None = None


@dataclass(frozen=True)
class Page:
    rows: list[tuple[int, float]]  # (entity id, score: bm25, lower is better)
    total: int
    total_exact: bool


def ranked_page(
    connection: Connection,
    tokens: Sequence[str],
    *,
    any_token: bool,
    where: Filter,
    limit: int,
    offset: int,
    count_total: bool,
) -> Page:
    """Entities ``offset`` to ``offset + limit`` of the ranking for ``tokens`` (every token's
    group must match, or with ``any_token`` any), with the number of matches: exact up to
    :data:`COUNT_LIMIT`, a lower bound when ``count_total`` is False and the page is full."""
    backend = backend_of(connection)
    groups = expansion.expand(tokens)
    params = dict(where.params or {})

    asked: dict[tuple[Any, ...], Sequence[Sequence[Any]]] = {}

    def fetch(sql: str, values: dict[str, Any]) -> Sequence[Sequence[Any]]:
        """Rows of ``sql``; a statement asked again runs once (the count ``best_matches`` made
        to choose its way is the total when SQL ranks the page after all)."""
        key = (sql, *sorted(values.items()))
        if key not in asked:
            asked[key] = rows_of(connection, sql, values)
        return asked[key]

    found = backend.best_matches(
        fetch,
        groups,
        any_token=any_token,
        need=offset + limit,
        filter_ids_sql=where.ids_sql,
        params=params,
        cache_key=connection,
        count_limit=COUNT_LIMIT if count_total else 0,
    )
    known: int | None = None
    if found is not None:
        page, known = found
        rows = page[offset:]
    else:
        match = backend.match_expression(groups, any_token=any_token)
        filtered = None if where.ids_sql is None else where.condition
        values = {**params, "match": match, "limit": limit, "offset": offset}
        rows = [(row[0], row[1]) for row in fetch(backend.ranked_ids_sql(filtered), values)]
    if len(rows) < limit and (rows or not offset):
        return Page(rows, offset + len(rows), True)
    if known is not None:
        return Page(rows, min(known, COUNT_LIMIT), known < COUNT_LIMIT)
    if not count_total:
        return Page(rows, offset + len(rows), False)
    sql = backend.count_matches_sql(ids_sql=where.ids_sql)
    match = backend.match_expression(groups, any_token=any_token)
    total = fetch(sql, {**params, "match": match, "cap": COUNT_LIMIT})[0][0]
    return Page(rows, total, total < COUNT_LIMIT)


def rows_of(connection: Connection, sql: str, params: dict[str, Any]) -> Sequence[Sequence[Any]]:
    """All rows of ``sql``, read by position.

    A SQLAlchemy connection gets the statement through ``text()``; any other is taken to be the
    backend's DB-API reader, which takes named parameters. Its rows come as plain tuples here
    (cheaper than the rows by column name the reader makes by default: a page is 500 rows).
    """
    if hasattr(connection, "exec_driver_sql"):
        from sqlalchemy import text

        return connection.execute(text(sql), params).all()  # type: ignore[no-any-return]
    cursor = connection.cursor()  # type: ignore[attr-defined]
    if hasattr(cursor, "row_factory"):
        cursor.row_factory = None
    return cursor.execute(sql, params).fetchall()  # type: ignore[no-any-return]
