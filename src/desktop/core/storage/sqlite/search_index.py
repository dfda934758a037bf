"""The SQLite full-text search index (FTS5) and the SQL that queries it.

The index is a regular FTS5 table fed from the ``entity_search_doc`` view by triggers, so
every write path (seed, editing, import) keeps it current without remembering to. Bulk loads
switch the triggers off with :func:`search_index_suspended` and rebuild once at the end.
A PostgreSQL backend would replace this module with a ``tsvector`` column and its queries;
:mod:`desktop.core.search.service` composes these fragments with portable SQL and stays as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from desktop.core.search.snippets import HIGHLIGHT_END, HIGHLIGHT_START

if TYPE_CHECKING:  # SQLAlchemy is imported only by the functions that use it
    from sqlalchemy import Connection

    from desktop.core.search.expansion import Alternative, Group, Term

FTS_TABLE = "entity_fts"
# Column order matters: bm25 weights and highlight() refer to columns by position.
FTS_COLUMNS = ("name", "short_name", "tags", "sectors", "location", "description")
# FTS5 sums weighted hits before bm25's saturation, so large weights all saturate and stop
# discriminating; modest ones keep "name beats tags beats description" without drowning the
# document-length term.
BM25_WEIGHTS = (4.0, 3.0, 2.0, 0.5, 0.5, 1.0)
# Alphabetical order as people expect it ("bionection" beside "BioCity"), served by an index.
NAME_ORDER = "e.name COLLATE NOCASE"

_SEARCH_DOC_VIEW = """
CREATE VIEW IF NOT EXISTS entity_search_doc AS
SELECT e.id AS id,
       e.name AS name,
       coalesce(e.short_name, '') AS short_name,
       coalesce((SELECT group_concat(t.label, ' ')
                   FROM entity_tag et JOIN tag t ON t.code = et.tag_code
                  WHERE et.entity_id = e.id), '') AS tags,
       coalesce((SELECT group_concat(s.label_en || ' ' || s.label_de, ' ')
                   FROM entity_sector es JOIN sector s ON s.code = es.sector_code
                  WHERE es.entity_id = e.id), '') AS sectors,
       coalesce(e.location, '') AS location,
       coalesce(e.description, '') AS description
  FROM entity e
"""

_COLUMN_LIST = ", ".join(FTS_COLUMNS)
_REFRESH = (
    f"DELETE FROM {FTS_TABLE} WHERE rowid = {{id}};"
    f" INSERT INTO {FTS_TABLE}(rowid, {_COLUMN_LIST})"
    f" SELECT id, {_COLUMN_LIST} FROM entity_search_doc WHERE id = {{id}};"
)
_TRIGGERS = {
    "entity_fts_ai": f"AFTER INSERT ON entity BEGIN {_REFRESH.format(id='new.id')} END",
    "entity_fts_au": f"AFTER UPDATE ON entity BEGIN {_REFRESH.format(id='old.id')} END",
    "entity_fts_ad": (
        f"AFTER DELETE ON entity BEGIN DELETE FROM {FTS_TABLE} WHERE rowid = old.id; END"
    ),
    **{
        f"{table}_fts_{suffix}": (
            f"AFTER {event} ON {table} BEGIN {_REFRESH.format(id=f'{row}.entity_id')} END"
        )
        for table in ("entity_tag", "entity_sector")
        for suffix, event, row in (("ai", "INSERT", "new"), ("ad", "DELETE", "old"))
    },
    "tag_fts_au": (
        "AFTER UPDATE OF label ON tag BEGIN"
        f" DELETE FROM {FTS_TABLE} WHERE rowid IN"
        " (SELECT entity_id FROM entity_tag WHERE tag_code = new.code);"
        f" INSERT INTO {FTS_TABLE}(rowid, {_COLUMN_LIST})"
        f" SELECT id, {_COLUMN_LIST} FROM entity_search_doc WHERE id IN"
        " (SELECT entity_id FROM entity_tag WHERE tag_code = new.code); END"
    ),
}


# --- search index --------------------------------------------------------------------------


def install_search_index(connection: Connection) -> None:
    """Create the FTS5 table, its source view, triggers and the case-blind name index."""
    connection.exec_driver_sql(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
        f"{_COLUMN_LIST}, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4')"
    )
    weights = ", ".join(str(w) for w in BM25_WEIGHTS)
    connection.exec_driver_sql(
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('rank', 'bm25({weights})')"
    )
    connection.exec_driver_sql(_SEARCH_DOC_VIEW)
    connection.exec_driver_sql(
        "CREATE INDEX IF NOT EXISTS ix_entity_name_nocase ON entity (name COLLATE NOCASE)"
    )
    _create_triggers(connection)


def search_index_installed(connection: Connection) -> bool:
    """True when the FTS5 table, its view, every trigger and the name index exist (rebuilding
    the entity table in a migration drops its triggers)."""
    names = {
        row[0]
        for row in connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view', 'trigger', 'index')"
        )
    }
    return {FTS_TABLE, "entity_search_doc", "ix_entity_name_nocase", *_TRIGGERS} <= names


def _create_triggers(connection: Connection) -> None:
    for name, body in _TRIGGERS.items():
        connection.exec_driver_sql(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")


def _drop_triggers(connection: Connection) -> None:
    for name in _TRIGGERS:
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")


def rebuild_search_index(connection: Connection) -> None:
    """Re-derive the whole index from the tables."""
    connection.exec_driver_sql(f"DELETE FROM {FTS_TABLE}")
    connection.exec_driver_sql(
        f"INSERT INTO {FTS_TABLE}(rowid, {_COLUMN_LIST})"
        f" SELECT id, {_COLUMN_LIST} FROM entity_search_doc"
    )
    connection.exec_driver_sql(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")


@contextmanager
def search_index_suspended(
    connection: Connection, *, incremental: bool = False
) -> Iterator[set[int]]:
    """Run a bulk load without per-row index upkeep, then bring the index up to date once.

    Without ``incremental`` the whole index is rebuilt. With it, only entities added during the
    load (ids above the largest before it) and the ids the caller adds to the yielded set
    (existing entities it changed) are re-indexed — so importing 1,000 rows into 100,000 costs
    1,000 refreshes, not 101,000. The triggers are dropped and re-created inside the caller's
    transaction, so a failure rolls them back together with the data.
    """
    first_new = 0
    if incremental:
        first_new = connection.exec_driver_sql("SELECT coalesce(max(id), 0) FROM entity").scalar()
    _drop_triggers(connection)
    changed: set[int] = set()
    yield changed
    if not incremental:
        rebuild_search_index(connection)
    else:
        ids = sorted(changed)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            connection.exec_driver_sql(
                f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", tuple(chunk)
            )
            connection.exec_driver_sql(
                f"INSERT INTO {FTS_TABLE}(rowid, {_COLUMN_LIST})"
                f" SELECT id, {_COLUMN_LIST} FROM entity_search_doc WHERE id IN ({marks})",
                tuple(chunk),
            )
        connection.exec_driver_sql(
            f"INSERT INTO {FTS_TABLE}(rowid, {_COLUMN_LIST})"
            f" SELECT id, {_COLUMN_LIST} FROM entity_search_doc WHERE id > ?",
            (first_new,),
        )
    _create_triggers(connection)


def search_index_problems(connection: Connection) -> list[str]:
    """FTS5's own integrity check plus a row-count comparison with the entity table."""
    problems: list[str] = []
    try:
        connection.exec_driver_sql(
            f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('integrity-check', 1)"
        )
    except Exception as error:  # the driver reports corruption as a generic error
        problems.append(f"search index integrity check failed: {error}")
    indexed = connection.exec_driver_sql(f"SELECT count(*) FROM {FTS_TABLE}").scalar_one()
    entities = connection.exec_driver_sql("SELECT count(*) FROM entity").scalar_one()
    if indexed != entities:
        problems.append(f"search index holds {indexed} rows for {entities} entities")
    return problems


def search_index_bytes(connection: Connection) -> int | None:
    """Bytes used by the FTS5 table and its shadow tables; None where dbstat is not compiled in."""
    try:
        return connection.exec_driver_sql(
            f"SELECT sum(pgsize) FROM dbstat WHERE name LIKE '{FTS_TABLE}%'"
        ).scalar()
    except Exception:
        return None


# --- queries -------------------------------------------------------------------------------

_QUOTE = re.compile('"')


def match_expression(groups: Sequence[Group], *, any_token: bool = False) -> str:
    """An FTS5 MATCH string for expanded query words (see :mod:`desktop.core.search.expansion`).

    Every word is inside a quoted phrase, so operators (AND, NEAR, *, -) stay plain words and
    nothing typed is FTS5 syntax. Each group becomes ``(alternative OR …)``; groups are ANDed,
    or ORed for the any-word fallback. Whole words are read lazily, while a prefix term makes
    FTS5 merge every word it expands to; a one-character prefix matches only itself, or
    ``CAR-T`` would match every word starting with t.
    """
    joiner = " OR " if any_token else " AND "
    return joiner.join(_any(_all(alternative) for alternative in group) for group in groups)


def _term(term: Term) -> str:
    phrase = " ".join(term.words)
    prefix = term.prefix and len(term.words[-1]) > 1
    return f'"{_QUOTE.sub(chr(34) * 2, phrase)}"' + ("*" if prefix else "")


def _any(parts: Iterable[str]) -> str:
    parts = list(parts)
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


def _all(alternative: Alternative) -> str:
    parts = [_any(_term(term) for term in terms) for terms in alternative]
    return parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")"


def count_matches_sql() -> str:
    """How many entities match ``:match``, counting no further than ``:cap``."""
    return (
        f"SELECT count(*) FROM (SELECT rowid FROM {FTS_TABLE}"
        f" WHERE {FTS_TABLE} MATCH :match LIMIT :cap)"
    )


def newest_matches_cutoff_sql() -> str:
    """The rowid of the ``:n``-th newest entity matching ``:match`` (bounds ranking work)."""
    return (
        f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :match"
        " ORDER BY rowid DESC LIMIT 1 OFFSET :n"
    )


def _snippet() -> str:
    """The description with markers around the matched words, from which
    :func:`desktop.core.search.snippets.excerpt` cuts the piece shown. FTS5's own ``snippet()`` cuts
    at token boundaries, so "CAR-T" came out as "CAR…" and the match sat mid-way through the
    snippet, often past the edge of a results list. The description says why an entity matters
    even when the match was in the name or a tag (then the excerpt is its opening words)."""
    column = FTS_COLUMNS.index("description")
    return f"highlight({FTS_TABLE}, {column}, '{HIGHLIGHT_START}', '{HIGHLIGHT_END}')"


def ranked_match_sql(columns: str, filter_sql: str) -> str:
    """Hits for ``:match`` best first: ``columns`` of entity ``e``, bm25 score and a snippet.

    Only entities with ``rowid >= :min_rowid`` are ranked (FTS5 applies the rowid bound while
    scanning), which lets the caller bound the work for very broad queries. ``ORDER BY rank``
    alone lets FTS5 hand rows over in order, so the snippet is computed for the returned page
    only. CROSS JOIN keeps the index scan outermost: otherwise SQLite may loop over ``entity``
    by a filter's index and re-run the MATCH for every row. ``columns`` and ``filter_sql`` are
    portable SQL over the alias ``e``; ``:limit`` and ``:offset`` page the result.
    """
    return (
        f"SELECT {columns}, {FTS_TABLE}.rank AS score, {_snippet()} AS snippet"
        f" FROM {FTS_TABLE} CROSS JOIN entity e ON e.id = {FTS_TABLE}.rowid"
        f" WHERE {FTS_TABLE} MATCH :match AND {FTS_TABLE}.rowid >= :min_rowid"
        f" AND ({filter_sql})"
        f" ORDER BY {FTS_TABLE}.rank LIMIT :limit OFFSET :offset"
    )


def count_filtered_matches_sql(filter_sql: str) -> str:
    """Entities matching ``:match`` and ``filter_sql``, counting no further than ``:cap``."""
    return (
        f"SELECT count(*) FROM (SELECT 1 FROM {FTS_TABLE} CROSS JOIN entity e"
        f" ON e.id = {FTS_TABLE}.rowid WHERE {FTS_TABLE} MATCH :match AND ({filter_sql})"
        " LIMIT :cap)"
    )


def matching_ids_sql() -> str:
    """A sub-select of the entity ids matching ``:match``, for facets."""
    return f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :match"
