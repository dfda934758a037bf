"""The SQLite full-text search index (FTS5): its tables, its upkeep and its checks.

The index is a regular FTS5 table fed from the ``entity_search_doc`` view by triggers, so
every write path (seed, editing, import) keeps it current without remembering to. Bulk loads
switch the triggers off with :func:`search_index_suspended` and refresh once at the end. The
triggers also list the entities they re-index, so that the rank index (:mod:`rank`) can
move just those at the end of the write (:func:`rank.catch_up_rank_index`). The SQL that
queries the index is in :mod:`desktop.core.storage.sqlite.fts.queries`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from desktop.core.language.messages import Message, message
from desktop.core.storage.sqlite.fts import rank as search_rank
from desktop.core.storage.sqlite.fts.schema import (
    BM25_WEIGHTS,
    FTS_COLUMNS,
    FTS_TABLE,
    RANK_PENDING,
    SEARCH_DOC_VIEW,
    TOKENIZER,
)

if TYPE_CHECKING:  # SQLAlchemy is imported only by the functions that use it
    from sqlalchemy import Connection

__all__ = ["BM25_WEIGHTS", "FTS_COLUMNS", "FTS_TABLE", "SEARCH_DOC_VIEW"]

NAME_INDEX = "ix_entity_name_nocase"  # serves the case-blind name order of unfiltered lists
BULK_CACHE_KIB = -65_536  # a 64 MB page cache while a bulk load runs (negative: KiB)
# FTS5 holds new entries in memory up to this many bytes before writing a segment (its own
# default: 1 MB). Indexing 100,000 entities with the default writes and merges hundreds of
# small segments: a quarter of the indexing time.
BULK_HASH_BYTES = 64 * 2**20
FTS5_DEFAULT_HASH_BYTES = 2**20

_SEARCH_DOC_VIEW = f"""
CREATE VIEW IF NOT EXISTS {SEARCH_DOC_VIEW} AS
SELECT e.id AS id,
       e.name AS name,
       coalesce(e.short_name, '') AS short_name,
       coalesce((SELECT group_concat(t.label, ' ')
                   FROM entity_tag et JOIN tag t ON t.code = et.tag_code
                  WHERE et.entity_id = e.id), '') AS tags,
       coalesce((SELECT group_concat(s.labels, ' ')
                   FROM entity_sector es JOIN sector s ON s.code = es.sector_code
                  WHERE es.entity_id = e.id), '') AS sectors,
       coalesce(e.location, '') AS location,
       coalesce(e.description, '') AS description,
       coalesce((SELECT group_concat(value, ' ') FROM json_tree(e.texts)
                  WHERE type = 'text'), '') AS translations
  FROM entity e
"""

_COLUMN_LIST = ", ".join(FTS_COLUMNS)
_PENDING = f"INSERT OR IGNORE INTO {RANK_PENDING}(id) VALUES ({{id}});"
_REFRESH = (
    f"DELETE FROM {FTS_TABLE} WHERE rowid = {{id}};"
    f" INSERT INTO {FTS_TABLE}(rowid, {_COLUMN_LIST})"
    f" SELECT id, {_COLUMN_LIST} FROM {SEARCH_DOC_VIEW} WHERE id = {{id}}; {_PENDING}"
)
_TRIGGERS = {
    "entity_fts_ai": f"AFTER INSERT ON entity BEGIN {_REFRESH.format(id='new.id')} END",
    "entity_fts_au": f"AFTER UPDATE ON entity BEGIN {_REFRESH.format(id='old.id')} END",
    "entity_fts_ad": (
        f"AFTER DELETE ON entity BEGIN DELETE FROM {FTS_TABLE} WHERE rowid = old.id;"
        f" {_PENDING.format(id='old.id')} END"
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
        f" SELECT id, {_COLUMN_LIST} FROM {SEARCH_DOC_VIEW} WHERE id IN"
        " (SELECT entity_id FROM entity_tag WHERE tag_code = new.code);"
        f" INSERT OR IGNORE INTO {RANK_PENDING}(id)"
        " SELECT entity_id FROM entity_tag WHERE tag_code = new.code; END"
    ),
}


# --- search index --------------------------------------------------------------------------


def install_search_index(connection: Connection) -> None:
    """Create the FTS5 table, its source view, triggers and the case-blind name index. An
    index of an older shape (other columns) is dropped and made anew; rebuild it after."""
    found = [row[1] for row in connection.exec_driver_sql(f"PRAGMA table_info({FTS_TABLE})")]
    if found and tuple(found) != FTS_COLUMNS:
        connection.exec_driver_sql(f"DROP TABLE {FTS_TABLE}")
    connection.exec_driver_sql(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
        f"{_COLUMN_LIST}, tokenize = '{TOKENIZER}', prefix = '2 3 4')"
    )
    weights = ", ".join(str(w) for w in BM25_WEIGHTS)
    connection.exec_driver_sql(
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('rank', 'bm25({weights})')"
    )
    connection.exec_driver_sql(f"DROP VIEW IF EXISTS {SEARCH_DOC_VIEW}")  # a newer definition
    connection.exec_driver_sql(_SEARCH_DOC_VIEW)
    connection.exec_driver_sql(
        f"CREATE INDEX IF NOT EXISTS {NAME_INDEX} ON entity (name COLLATE NOCASE)"
    )
    _drop_triggers(connection)  # their statements name the index's columns
    _create_triggers(connection)
    search_rank.install_rank_index(connection)


def search_index_installed(connection: Connection) -> bool:
    """True when the FTS5 table, its view, every trigger and the name index exist (rebuilding
    the entity table in a migration drops its triggers)."""
    names = {
        row[0]
        for row in connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view', 'trigger', 'index')"
        )
    }
    return {FTS_TABLE, SEARCH_DOC_VIEW, NAME_INDEX, RANK_PENDING, *_TRIGGERS} <= names


def owns_schema_object(name: str, type_: str) -> bool:
    """True for the FTS5 table with its shadow tables and rank index, the source view and the
    expression index: SQLAlchemy's reflection cannot see what they are, so autogenerate must
    skip them."""
    if type_ == "table":
        return name.startswith(FTS_TABLE) or name == SEARCH_DOC_VIEW
    return type_ == "index" and name == NAME_INDEX


def _create_triggers(connection: Connection) -> None:
    connection.exec_driver_sql(search_rank.PENDING_TABLE)  # the triggers write into it
    for name, body in _TRIGGERS.items():
        connection.exec_driver_sql(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")


def _drop_triggers(connection: Connection) -> None:
    for name in _TRIGGERS:
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")


def rebuild_search_index(connection: Connection) -> None:
    """Re-derive the whole index from the tables, and its rank index from it (at 100,000
    entities after the commit: :func:`catch_up_search_index` with ``whole``)."""
    connection.exec_driver_sql(f"DELETE FROM {FTS_TABLE}")
    with _large_pending_entries(connection):
        connection.exec_driver_sql(
            f"INSERT INTO {FTS_TABLE}(rowid, {_COLUMN_LIST})"
            f" SELECT id, {_COLUMN_LIST} FROM {SEARCH_DOC_VIEW}"
        )
    connection.exec_driver_sql(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")
    search_rank.refresh_rank_index(connection)  # anew: now, or once committed if large


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
    # A bulk load writes into every index of every table it touches: with SQLite's default
    # 2 MB page cache, 100,000 rows read the same index pages from disk again and again.
    cache = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size = {BULK_CACHE_KIB}")
    changed: set[int] = set()
    try:
        yield changed
        if not incremental:
            rebuild_search_index(connection)
        else:
            refresh_search_index(connection, sorted(changed), newer_than=first_new)
        _create_triggers(connection)
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(cache)}")


def refresh_search_index(
    connection: Connection, entity_ids: Sequence[int], *, newer_than: int | None = None
) -> None:
    """Re-index ``entity_ids`` (changed entities) and every entity with an id above
    ``newer_than`` (added ones, whether listed or not), in chunks that stay below SQLite's
    parameter limit; then bring the rank index up to date (for just these entities when it
    was current before, else anew — so an empty ``entity_ids`` catches up after edits)."""
    current = search_rank.rank_index_current(connection)
    ids = [i for i in entity_ids if newer_than is None or i <= newer_than]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        connection.exec_driver_sql(
            f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", tuple(chunk)
        )
        connection.exec_driver_sql(
            f"INSERT INTO {FTS_TABLE}(rowid, {_COLUMN_LIST})"
            f" SELECT id, {_COLUMN_LIST} FROM {SEARCH_DOC_VIEW} WHERE id IN ({marks})",
            tuple(chunk),
        )
    added: list[int] = []
    if newer_than is not None:
        with _large_pending_entries(connection):
            connection.exec_driver_sql(
                f"INSERT INTO {FTS_TABLE}(rowid, {_COLUMN_LIST})"
                f" SELECT id, {_COLUMN_LIST} FROM {SEARCH_DOC_VIEW} WHERE id > ?",
                (newer_than,),
            )
        found = connection.exec_driver_sql("SELECT id FROM entity WHERE id > ?", (newer_than,))
        added = [row[0] for row in found]
    search_rank.refresh_rank_index(connection, [*ids, *added] if current else None)


@contextmanager
def _large_pending_entries(connection: Connection) -> Iterator[None]:
    """Let FTS5 gather up to :data:`BULK_HASH_BYTES` of new entries in memory for one bulk
    insert, then set its threshold back (it is stored with the index, so it must not stay)."""
    stored = connection.exec_driver_sql(
        f"SELECT v FROM {FTS_TABLE}_config WHERE k = 'hashsize'"
    ).scalar()  # None: never set (FTS5's default)
    _set_hash_size(connection, BULK_HASH_BYTES)
    try:
        yield
        _flush_pending(connection)
    finally:
        _set_hash_size(connection, stored)


def _set_hash_size(connection: Connection, size: int | None) -> None:
    connection.exec_driver_sql(
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('hashsize', ?)",
        (size or FTS5_DEFAULT_HASH_BYTES,),
    )


def _flush_pending(connection: Connection) -> None:
    """Make FTS5 write what it holds in memory now, while the large threshold applies."""
    connection.exec_driver_sql("SAVEPOINT entity_fts_bulk")
    connection.exec_driver_sql("RELEASE entity_fts_bulk")


def search_index_behind(connection: Connection) -> bool:
    """True when a bulk load left the rank index for later (see :func:`catch_up_search_index`)."""
    return search_rank.rank_index_due(connection)


def catch_up_search_index(connection: Connection, *, whole: bool = False) -> bool:
    """Move the entities this transaction re-indexed to their rank classes (see
    :func:`search_rank.catch_up_rank_index`); called before a write commits. With ``whole``,
    also make a rank index a bulk load left for later (seconds at 100,000 entities: a job of
    its own); True when it did."""
    search_rank.catch_up_rank_index(connection)
    return whole and search_rank.build_due_rank_index(connection)


def search_index_problems(connection: Connection) -> list[Message]:
    """FTS5's own integrity check plus a row-count comparison with the entity table. FTS5
    spells its check as an INSERT: run it in a transaction that is rolled back."""
    problems: list[Message] = []
    try:
        connection.exec_driver_sql(
            f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('integrity-check', 1)"
        )
    except Exception as error:  # the driver reports corruption as a generic error
        problems.append(message("search index integrity check failed: {error}", error=str(error)))
    indexed = connection.exec_driver_sql(f"SELECT count(*) FROM {FTS_TABLE}").scalar_one()
    entities = connection.exec_driver_sql("SELECT count(*) FROM entity").scalar_one()
    if indexed != entities:
        problems.append(
            message(
                "search index holds {indexed} rows for {entities} entities",
                indexed=indexed,
                entities=entities,
            )
        )
    return problems


def search_index_bytes(connection: Connection) -> int | None:
    """Bytes used by the FTS5 table and its shadow tables; None where dbstat is not compiled in."""
    try:
        return connection.exec_driver_sql(
            f"SELECT sum(pgsize) FROM dbstat WHERE name LIKE '{FTS_TABLE}%'"
        ).scalar()
    except Exception:
        return None
