"""The seam between portable storage code and a database engine.

Everything the program does with a database is portable SQL through SQLAlchemy, except what
:class:`StorageBackend` lists: how connections are set up, the full-text index (its tables, its
upkeep during bulk loads, its query SQL), backups, integrity checks and the content digest.
Portable modules ask :func:`backend_for` (a path or URL) or :func:`backend_of` (a connection or
engine) for the backend and never name the engine themselves.

The full-text query is handed over as data, not syntax: :mod:`desktop.core.search.expansion`
turns typed words into :data:`Group` s of :class:`Term` s, and each backend renders them in its
own query language (quoting every word, so nothing typed becomes syntax).

A laptop's database is an SQLite file (:mod:`desktop.core.storage.sqlite`); the team's database
is on a PostgreSQL server (:mod:`desktop.core.storage.postgres`). Each backend is imported only
when a target of its engine is first met, so opening a file never loads the server's driver.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # SQLAlchemy is imported only where it is used: the window starts without it
    from sqlalchemy import Connection, Engine

    from desktop.core.language.messages import Message

# --- the full-text query as data -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Term:
    """Words that must appear next to each other, in this order; with ``prefix`` the last one
    may continue ("stem cel" → "stem cells")."""

    words: tuple[str, ...]
    prefix: bool = False


# Any term of the set may match.
TermSet = tuple[Term, ...]
# Every term set must match (a compound's parts: "Forschungszentrum" → research AND centre).
Alternative = tuple[TermSet, ...]
# Any alternative may match: what one typed word stands for.
Group = tuple[Alternative, ...]

# Turns a driver error into the error to raise instead, or None to keep it.
Translate = Callable[[BaseException], BaseException | None]
# A database to check: its path, or a connection already open on it.
Checked = Path | Any


class StorageBackend(Protocol):
    """What differs between database engines; everything else is portable.

    Connections handed out by :meth:`open_reader` and :meth:`connect_existing` are plain DB-API
    connections (with ``execute`` on the connection and rows readable by column name): the
    window's search and the checks of damaged files must not wait for, or depend on, the ORM.
    """

    name: str
    # The driver's own error classes, for ``except backend.driver_errors``.
    driver_errors: tuple[type[Exception], ...]
    # ORDER BY expression listing entities (alias ``e``) by name, case-blind.
    name_order: str

    # --- connections -----------------------------------------------------------------------

    def database_file(self, target: Path | str) -> Path | None:
        """The file a path or URL names; None for an in-memory or server database."""
        ...

    def create_engine(
        self, target: Path | str, *, immediate: bool = False, translate: Translate | None = None
    ) -> Engine:
        """An engine with every connection set up (locking, durability, foreign keys);
        ``immediate``: every transaction takes the write lock first."""
        ...

    def writer(self, engine: Engine) -> Engine:
        """The same engine, but its transactions take the write lock when they begin."""
        ...

    def open_reader(self, path: Path) -> Any:
        """A read-only DB-API connection for searching that sees every commit at once."""
        ...

    def connect_existing(self, path: Path, *, timeout: float | None = None) -> Any:
        """A DB-API connection to an existing database; never creates one. No set-up."""
        ...

    def probe(self, path: Path) -> None:
        """Raise a driver error unless ``path`` is a database (reads only its header)."""
        ...

    def checkpoint(self, connection: Connection) -> None:
        """Make the database file hold every commit (nothing left in a log beside it)."""
        ...

    def is_in_use(self, path: Path, *, timeout: float = 1.0) -> bool:
        """True when any other connection has the database at ``path`` open."""
        ...

    def configure_for_migration(self, engine: Engine) -> None:
        """Set up every new connection of ``engine`` for schema changes (no cascades)."""
        ...

    def foreign_keys_enforced(self, connection: Connection) -> bool:
        """Whether this connection enforces foreign keys (a migration must see False)."""
        ...

    # --- what a driver error means ---------------------------------------------------------

    def is_locked_error(self, error: BaseException) -> bool:
        """Another connection holds the write lock and the wait for it ran out."""
        ...

    def is_not_a_database_error(self, error: BaseException) -> bool:
        """The file is not a database, or is damaged."""
        ...

    def is_read_only_error(self, error: BaseException) -> bool:
        """The database, or the files beside it, cannot be written."""
        ...

    def is_missing_table_error(self, error: BaseException) -> bool:
        """A table the query names does not exist."""
        ...

    def driver_message(self, error: BaseException) -> str:
        """The driver's own words for an error, without SQLAlchemy's wrapping."""
        ...

    # --- the full-text index ---------------------------------------------------------------

    def install_search_index(self, connection: Connection) -> None:
        """Create the index and whatever keeps it current on every write."""
        ...

    def search_index_installed(self, connection: Connection) -> bool:
        """True when the index and all its upkeep exist (a migration may drop some)."""
        ...

    def rebuild_search_index(self, connection: Connection) -> None:
        """Re-derive the whole index from the tables (full refresh)."""
        ...

    def search_index_behind(self, connection: Connection) -> bool:
        """True when a bulk load left work on the index for later (read only: no lock)."""
        ...

    def catch_up_search_index(self, connection: Connection, *, whole: bool = False) -> bool:
        """Bring what the index derives from its entries up to date with this transaction's
        writes, before it commits (a file: the rank index; cheap when nothing changed). With
        ``whole``, also what a bulk load left for later (seconds: a job of its own); True when
        there was such work."""
        ...

    def search_index_suspended(
        self, connection: Connection, *, incremental: bool = False
    ) -> AbstractContextManager[set[int]]:
        """Bulk-load suspension: no per-row index upkeep inside the block, one refresh after
        it (of everything; or, ``incremental``, of new rows and the ids added to the set)."""
        ...

    def search_index_problems(self, checked: Checked) -> Sequence[Message | str]:
        """What is wrong with the index, one sentence each; empty when it is sound."""
        ...

    def owns_schema_object(self, name: str, type_: str) -> bool:
        """True for tables, views and indexes of the index that migrations must leave alone."""
        ...

    def match_expression(
        self, groups: Sequence[Group], *, any_token: bool = False, source_language: bool = False
    ) -> str:
        """The ``:match`` parameter for these token groups (ANDed, or ORed with
        ``any_token``); ``source_language``: in the records' own texts only, not in their
        translations."""
        ...

    def ranked_match_sql(self, columns: str, filter_sql: str, *, highlight: tuple[str, str]) -> str:
        """Entities ``e`` matching ``:match``, best first, with ``score`` and a ``snippet`` (the
        description, matches between the ``highlight`` markers); rows from ``:min_rowid``,
        paged by ``:limit``/``:offset``; ``filter_sql`` is portable SQL over ``e``."""
        ...

    def ranked_ids_sql(self, filter_sql: str | None = None) -> str:
        """``id`` and ``score`` of every entity ``e`` matching ``:match`` (and ``filter_sql``),
        best first and equal scores by id, paged by ``:limit``/``:offset``: every match ranked."""
        ...

    def best_matches(
        self,
        fetch: Callable[[str, dict[str, Any]], Sequence[Sequence[Any]]],
        groups: Sequence[Group],
        *,
        any_token: bool,
        need: int,
        filter_ids_sql: str | None = None,
        params: dict[str, Any] | None = None,
        cache_key: object = None,
        count_limit: int = 0,
    ) -> tuple[list[tuple[int, float]], int | None] | None:
        """The ``need`` best (id, score) for the groups, as :meth:`ranked_ids_sql` orders them
        (among the ids of ``filter_ids_sql``, if given), and the number of matches if known
        (else None; counted no further than ``count_limit``), found without scoring every
        match; None when this index cannot (then rank with :meth:`ranked_ids_sql`). ``fetch``
        runs a statement with named parameters; ``cache_key`` (the connection) may keep a
        filter's ids between calls."""
        ...

    def snippets_sql(self, *, highlight: tuple[str, str]) -> str:
        """``id`` and ``snippet`` (the description, matches between the ``highlight``
        markers) of the entities among ``:ids`` (a JSON array, ids from ``:low`` to ``:high``)
        that match ``:match``."""
        ...

    def count_matches_sql(
        self, filter_sql: str | None = None, *, ids_sql: str | None = None
    ) -> str:
        """How many entities match ``:match`` (and ``filter_sql``, or are among the ids of
        ``ids_sql``), no further than ``:cap``."""
        ...

    def matching_ids_sql(self) -> str:
        """A sub-select of the ids of entities matching ``:match``."""
        ...

    # --- the team's changes ---------------------------------------------------------------

    def install_sync(self, connection: Connection) -> None:
        """Create what records and merges the team's changes in this engine (a laptop file:
        triggers filling the outbox; the team server: the merge of pushed changes)."""
        ...

    def changes_recorded_in_bulk(
        self, connection: Connection, touched: set[int]
    ) -> AbstractContextManager[None]:
        """Bulk-load recording: no per-row recording of inserts and link changes inside the
        block; after it, every new row recorded as created and every entity in ``touched``
        (existing ones the caller changed) with its sectors and tags, in one pass."""
        ...

    def sync_installed(self, connection: Connection) -> bool:
        """True when everything :meth:`install_sync` creates exists (a migration that rebuilds
        a table drops its triggers)."""
        ...

    # --- backups, checks and the digest ----------------------------------------------------

    def backup_to(self, source: Path, target: Path) -> None:
        """Copy a consistent snapshot of the database at ``source`` into the new file
        ``target``, one self-contained file."""
        ...

    def integrity_problems(self, checked: Checked, *, quick: bool = False) -> list[str]:
        """The engine's own integrity check (``quick``: the cheap one), in the engine's own
        words; empty when sound."""
        ...

    def foreign_key_problems(self, checked: Checked) -> Sequence[Message | str]:
        """Rows whose foreign key points at a missing row, one sentence each (a message to
        say in the reader's language, or the engine's own words)."""
        ...

    def can_read_schema(self, path: Path) -> bool:
        """Whether the table definitions of ``path`` can be read at all."""
        ...

    def content_digest(self, engine: Engine) -> str:
        """SHA-256 over every row of every table, in primary-key order."""
        ...

    def file_digest(self, path: Path) -> str:
        """:meth:`content_digest` of a file read as it is, in one snapshot, changing nothing."""
        ...


# --- choosing the backend ------------------------------------------------------------------

# SQLAlchemy dialect or DB-API driver module → the URL scheme :func:`backend_for` knows.
_SCHEMES = {"sqlite3": "sqlite", "psycopg": "postgresql"}
# URL schemes (without ``+driver``) of a server database.
_SERVER_SCHEMES = {"postgresql", "postgres"}


def backend_for(target: Path | str | None = None) -> StorageBackend:
    """The backend for a database path or URL; without one, the default backend.

    The one place an engine is chosen. A path is an SQLite file, as is every ``sqlite`` URL;
    a ``postgresql`` URL (``postgresql+psycopg://…``) is the team's server.
    """
    text = "" if target is None else str(target)
    scheme = text.partition("://")[0].partition("+")[0] if "://" in text else "sqlite"
    if scheme == "sqlite":
        return _sqlite()
    if scheme in _SERVER_SCHEMES:
        return _postgres()
    raise ValueError(f"No storage backend for {scheme} databases.")  # the URL may hold a password


def backend_of(connection: Any) -> StorageBackend:
    """The backend for an open SQLAlchemy connection or engine, or a backend's DB-API
    connection (from :meth:`StorageBackend.open_reader`)."""
    dialect = getattr(connection, "dialect", None)
    name = dialect.name if dialect is not None else type(connection).__module__.partition(".")[0]
    return backend_for(f"{_SCHEMES.get(name, name)}://")


@cache
def _sqlite() -> StorageBackend:
    from desktop.core.storage.sqlite.backend import SqliteBackend

    return SqliteBackend()


@cache
def _postgres() -> StorageBackend:
    from desktop.core.storage.postgres.backend import PostgresBackend

    return PostgresBackend()
