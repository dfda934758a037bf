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


# --- backups and checks --------------------------------------------------------------------
#
# These take a DB-API connection (or a path, or, for the checks, a SQLAlchemy connection): the
# backup and check paths must work on files the ORM cannot open (damaged, older, a backup).

MAX_REPORTED = 20  # problems listed per check; a damaged file can produce thousands


def connect_existing(path: Path, *, timeout: float = 5.0) -> sqlite3.Connection:
    """A read-write connection to an existing file; unlike ``sqlite3.connect`` it never creates
    an empty database where a file is missing (``mode=rw``). Autocommit, no pragmas set."""
    uri = f"{Path(path).resolve().as_uri()}?mode=rw"
    connection = sqlite3.connect(
        uri, uri=True, timeout=timeout, isolation_level=None, check_same_thread=False
    )
    connection.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
    return connection


def backup_to(source: sqlite3.Connection | Path, target: Path) -> None:
    """Copy a consistent snapshot of ``source`` into the new file ``target`` (backup API).

    A file copy of an open WAL database misses what is still in the log; the backup API reads
    through SQLite in one read transaction. The copy is switched to rollback-journal mode so it
    is one self-contained file that opens without creating -wal/-shm files beside it.
    """
    owned = not isinstance(source, sqlite3.Connection)
    connection = connect_existing(Path(source)) if owned else source
    try:
        copy = sqlite3.connect(target, isolation_level=None)
        try:
            connection.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()
    finally:
        if owned:
            connection.close()


def integrity_problems(connection_or_path: Any, *, quick: bool = False) -> list[str]:
    """``PRAGMA integrity_check`` (or the cheaper ``quick_check``) as a list; empty when ok.

    SQLite may refuse to read a badly damaged file at all; that refusal is the finding.
    """
    pragma = "quick_check" if quick else "integrity_check"
    try:
        with _checking(connection_or_path) as connection:
            found = [str(row[0]) for row in _rows(connection, f"PRAGMA {pragma}({MAX_REPORTED})")]
    except Exception as error:
        if is_locked_error(error):
            raise
        return [driver_message(error)]
    return [] if found == ["ok"] else found


def foreign_key_problems(connection_or_path: Any) -> list[str]:
    """Rows whose foreign key points at a missing row, one sentence each; empty when none."""
    problems: list[str] = []
    with _checking(connection_or_path) as connection:
        found = _rows(connection, "PRAGMA foreign_key_check")
        for table, rowid, parent, key_id in found[:MAX_REPORTED]:
            keys = {row[0]: row for row in _rows(connection, f'PRAGMA foreign_key_list("{table}")')}
            column = keys[key_id][3] if key_id in keys else "a column"
            value = "?"
            if rowid is not None and key_id in keys:
                value = _rows(connection, f'SELECT "{column}" FROM "{table}" WHERE rowid = {rowid}')
                value = value[0][0] if value else "?"
            problems.append(
                f"Row {rowid} of table {table} refers to {parent} {value} ({column}), "
                "which does not exist."
            )
    if len(found) > MAX_REPORTED:
        problems.append(f"… and {len(found) - MAX_REPORTED} more rows with missing references.")
    return problems


def is_in_use(path: Path, *, timeout: float = 1.0) -> bool:
    """True when another connection, in this process or another, has the WAL database open.

    An exclusive lock cannot be had while any other connection is attached to a WAL database,
    even an idle one; that is what makes it safe to move the file afterwards. A file SQLite
    cannot read as a database counts as not in use: nothing can be using it as one.
    """
    connection = connect_existing(path, timeout=timeout)
    try:
        connection.execute("PRAGMA locking_mode = EXCLUSIVE")
        connection.execute("BEGIN EXCLUSIVE")
        connection.execute("COMMIT")
    except sqlite3.DatabaseError as error:
        return is_locked_error(error)
    finally:
        connection.close()
    return False


def prepare_migration_connection(dbapi_connection: sqlite3.Connection) -> None:
    """Foreign keys off, set at connect time: inside a transaction the pragma is ignored, and a
    batch rebuild (copy, drop, rename) of a parent table with them on cascades deletes into its
    children. Legacy ALTER TABLE semantics, so renaming the rebuilt table does not trip over
    the view and triggers that name it."""
    dbapi_connection.execute("PRAGMA foreign_keys = OFF")
    dbapi_connection.execute("PRAGMA legacy_alter_table = ON")


def foreign_keys_enforced(connection: Connection) -> bool:
    """Whether this connection enforces foreign keys (a migration must see False)."""
    return bool(connection.exec_driver_sql("PRAGMA foreign_keys").scalar())


@contextmanager
def _checking(connection_or_path: Any) -> Iterator[Any]:
    if isinstance(connection_or_path, str | Path):
        connection = connect_existing(Path(connection_or_path))
        try:
            connection.execute("PRAGMA query_only = ON")
            yield connection
        finally:
            connection.close()
    else:
        yield connection_or_path


def _rows(connection: Any, sql: str) -> list[Any]:
    if isinstance(connection, sqlite3.Connection):
        return connection.execute(sql).fetchall()
    return list(connection.exec_driver_sql(sql).fetchall())


def driver_message(error: BaseException) -> str:
    """SQLite's own words for an error, without SQLAlchemy's wrapping and SQL echo."""
    original = getattr(error, "orig", None) or error
    return str(original).strip() or type(original).__name__
