"""Everything that only SQLite understands: connection pragmas and the FTS5 search index.

The rest of ``desktop.core`` speaks portable SQL through SQLAlchemy; a PostgreSQL backend would
replace this module (pragmas → server settings, FTS5 → ``tsvector``) and nothing else.

The search index is a regular FTS5 table fed from the ``entity_search_doc`` view by triggers, so
every write path (seed, editing, import) keeps it current without remembering to. Bulk loads
switch the triggers off with :func:`search_index_suspended` and rebuild once at the end.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.snippets import HIGHLIGHT_END, HIGHLIGHT_START

if TYPE_CHECKING:  # SQLAlchemy is imported only by the functions that use it
    from sqlalchemy import Connection, Engine

FTS_TABLE = "entity_fts"
# Column order matters: bm25 weights and snippet() refer to columns by position.
FTS_COLUMNS = ("name", "short_name", "tags", "sectors", "location", "description")
# FTS5 sums weighted hits before bm25's saturation, so large weights all saturate and stop
# discriminating; modest ones keep "name beats tags beats description" without drowning the
# document-length term.
BM25_WEIGHTS = (4.0, 3.0, 2.0, 0.5, 0.5, 1.0)
ELLIPSIS = "…"
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


# --- connections ---------------------------------------------------------------------------


def configure_engine(engine: Engine) -> None:
    """Apply our pragmas to every new connection and make transactions explicit.

    pysqlite opens transactions lazily and not before DDL; taking over BEGIN ourselves (the
    SQLAlchemy-documented recipe) makes DDL transactional too, which the bulk-load path relies on.
    """
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA busy_timeout = 5000")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN")


def checkpoint(connection: Connection) -> None:
    """Fold the write-ahead log into the main file, so the file alone is the whole database."""
    connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def open_reader(path: Path) -> sqlite3.Connection:
    """A stdlib connection for the search read path: autocommit, so every read sees the
    latest commit; ``query_only`` so it can never write; rows readable by column name."""
    connection = sqlite3.connect(path, check_same_thread=False, timeout=5.0, isolation_level=None)
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA busy_timeout = 5000")
    connection.execute("PRAGMA query_only = ON")
    return connection


def schema_version(connection: sqlite3.Connection) -> str | None:
    row = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return None if row is None else row[0]


def connect_args() -> dict[str, Any]:
    """Driver arguments: one serialising executor may use a connection from another thread."""
    return {"check_same_thread": False, "timeout": 5.0}


def is_not_a_database_error(error: BaseException) -> bool:
    """True when SQLite says the file is not a database (or is damaged beyond opening)."""
    message = str(error).lower()
    return "file is not a database" in message or "database disk image is malformed" in message


def is_locked_error(error: BaseException) -> bool:
    message = str(error).lower()
    return "database is locked" in message or "database table is locked" in message


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
def search_index_suspended(connection: Connection) -> Iterator[None]:
    """Run a bulk load without per-row index upkeep, then rebuild the index once.

    The triggers are dropped and re-created inside the caller's transaction, so a failure rolls
    the triggers back together with the data.
    """
    _drop_triggers(connection)
    yield
    rebuild_search_index(connection)
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


def match_expression(tokens: Sequence[str], *, any_token: bool = False) -> str:
    """An FTS5 MATCH string in which every user token is a quoted term.

    Quoting makes operators (AND, NEAR, *, -) plain words, so no user input is FTS5 syntax.
    The last token is the word being typed and matches as a prefix (``stem cel`` finds "stem
    cells"); earlier tokens are whole words, which FTS5 reads lazily, while a prefix term must
    merge every word it expands to. A one-character last token matches only itself, or
    ``CAR-T`` would match every word starting with t.
    """
    last = len(tokens) - 1
    terms = [
        f'"{_QUOTE.sub(chr(34) * 2, token)}"' + ("*" if i == last and len(token) > 1 else "")
        for i, token in enumerate(tokens)
    ]
    return (" OR " if any_token else " ").join(terms)


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
    """Context from the description: it says why an entity matters, even when the match was
    in the name or a tag (then the snippet is the description's opening words)."""
    column = FTS_COLUMNS.index("description")
    return (
        f"snippet({FTS_TABLE}, {column}, '{HIGHLIGHT_START}', '{HIGHLIGHT_END}', '{ELLIPSIS}', 12)"
    )


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
