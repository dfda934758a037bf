"""The PostgreSQL backend: :class:`desktop.core.storage.backend.StorageBackend` for the team's
server database.

The server keeps the team's history and its merge; it is never searched (every laptop searches
its own file) and it has no file: what the protocol asks of a file (backups, probes, plain
readers) is not the server's business and says so. A server database is changed by the
migrations (:func:`desktop.core.storage.migrations.upgrade_server`) and by pushed changes,
which :mod:`~desktop.core.storage.postgres.merge` folds in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

import psycopg

from desktop.core.storage.postgres import connection as connections

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

NO_FILE = "a server database has no file"
NOT_SEARCHED = (
    "the team's server database is not searched: every laptop searches its own file, "
    "which sync keeps up to date"
)


class PostgresBackend:
    """The team's database on a PostgreSQL server (15 or newer), through psycopg 3."""

    name = "postgresql"
    driver_errors: tuple[type[Exception], ...] = (psycopg.Error,)
    name_order = "lower(e.name)"

    # --- connections -----------------------------------------------------------------------

    def database_file(self, target: Path | str) -> Path | None:
        return None

    def create_engine(
        self,
        target: Path | str,
        *,
        immediate: bool = False,
        translate: Callable[[BaseException], BaseException | None] | None = None,
    ) -> Engine:
        """``immediate`` changes nothing: rows are locked as they are written, and a writer
        waits for another's row locks (up to the lock timeout) instead of failing half-way."""
        if isinstance(target, Path):
            raise ValueError(f"{NO_FILE}; give its URL, not the path {target}")
        return connections.create_engine(target, translate=translate)

    def writer(self, engine: Engine) -> Engine:
        return engine

    def open_reader(self, path: Path) -> Any:
        raise NotImplementedError(f"No plain reader for {path}: {NOT_SEARCHED}.")

    def connect_existing(self, path: Path, *, timeout: float | None = None) -> Any:
        raise NotImplementedError(f"Cannot open {path} as a file: {NO_FILE}.")

    def probe(self, path: Path) -> None:
        raise NotImplementedError(f"Cannot probe {path}: {NO_FILE}.")

    def checkpoint(self, connection: Connection) -> None:
        """Nothing to do: a commit is durable on the server when it returns."""

    def is_in_use(self, path: Path, *, timeout: float = 1.0) -> bool:
        raise NotImplementedError(f"Cannot tell whether {path} is in use: {NO_FILE}.")

    def configure_for_migration(self, engine: Engine) -> None:
        """Nothing to do: PostgreSQL changes a table in place (no copy-drop-rename that would
        cascade deletes) and its DDL is transactional; foreign keys cannot be switched off, and
        need not be. The server's migrations run through ``upgrade_server``, never through the
        file path that insists on them being off."""

    def foreign_keys_enforced(self, connection: Connection) -> bool:
        return True

    # --- what a driver error means ---------------------------------------------------------

    def is_locked_error(self, error: BaseException) -> bool:
        return connections.is_locked_error(error)

    def is_not_a_database_error(self, error: BaseException) -> bool:
        return connections.is_not_a_database_error(error)

    def is_read_only_error(self, error: BaseException) -> bool:
        return connections.is_read_only_error(error)

    def is_missing_table_error(self, error: BaseException) -> bool:
        return connections.is_missing_table_error(error)

    def driver_message(self, error: BaseException) -> str:
        return connections.driver_message(error)

    # --- the full-text index: none on the server -------------------------------------------

    def install_search_index(self, connection: Connection) -> None:
        """Nothing to install: the server is never searched."""

    def search_index_installed(self, connection: Connection) -> bool:
        return True

    def rebuild_search_index(self, connection: Connection) -> None:
        """Nothing to rebuild: the server is never searched."""

    def search_index_behind(self, connection: Connection) -> bool:
        """Never: the server is never searched."""
        return False

    def catch_up_search_index(self, connection: Connection, *, whole: bool = False) -> bool:
        """Nothing to catch up: the server is never searched."""
        return False

    def search_index_suspended(
        self, connection: Connection, *, incremental: bool = False
    ) -> AbstractContextManager[set[int]]:
        """A bulk load needs no suspension here: there is no index upkeep to suspend."""
        return _nothing_suspended()

    def search_index_problems(self, checked: Any) -> list[str]:
        return []

    def owns_schema_object(self, name: str, type_: str) -> bool:
        return False

    def match_expression(
        self, groups: Sequence[Any], *, any_token: bool = False, source_language: bool = False
    ) -> str:
        raise NotImplementedError(f"No search query: {NOT_SEARCHED}.")

    def ranked_match_sql(self, columns: str, filter_sql: str, *, highlight: tuple[str, str]) -> str:
        raise NotImplementedError(f"No search query: {NOT_SEARCHED}.")

    def ranked_ids_sql(self, filter_sql: str | None = None) -> str:
        raise NotImplementedError(f"No search query: {NOT_SEARCHED}.")

    def best_matches(
        self,
        fetch: Any,
        groups: Sequence[Any],
        *,
        any_token: bool,
        need: int,
        filter_ids_sql: str | None = None,
        params: dict[str, Any] | None = None,
        cache_key: object = None,
        count_limit: int = 0,
    ) -> None:
        raise NotImplementedError(f"No search query: {NOT_SEARCHED}.")

    def snippets_sql(self, *, highlight: tuple[str, str]) -> str:
        raise NotImplementedError(f"No search query: {NOT_SEARCHED}.")

    def count_matches_sql(
        self, filter_sql: str | None = None, *, ids_sql: str | None = None
    ) -> str:
        raise NotImplementedError(f"No search query: {NOT_SEARCHED}.")

    def matching_ids_sql(self) -> str:
        raise NotImplementedError(f"No search query: {NOT_SEARCHED}.")

    # --- the team's changes ---------------------------------------------------------------

    def install_sync(self, connection: Connection) -> None:
        from desktop.core.storage.postgres import merge

        merge.install_merge(connection)

    def changes_recorded_in_bulk(
        self, connection: Connection, touched: set[int]
    ) -> AbstractContextManager[None]:
        """Nothing to record: the server's history is what laptops push, not its own writes."""
        return nullcontext()

    def sync_installed(self, connection: Connection) -> bool:
        from desktop.core.storage.postgres import merge

        return merge.merge_installed(connection)

    # --- backups, checks and the digest ----------------------------------------------------

    def backup_to(self, source: Path, target: Path) -> None:
        raise NotImplementedError(
            f"Cannot copy {source}: {NO_FILE}. The server's own backups (pg_dump, its "
            "provider's snapshots) keep it; every laptop holds a copy of the team's data too."
        )

    def integrity_problems(self, checked: Any, *, quick: bool = False) -> list[str]:
        """None to report: the server checks its pages itself (and says so as an error, which
        :meth:`is_not_a_database_error` recognises, when it finds damage)."""
        return []

    def foreign_key_problems(self, checked: Any) -> list[str]:
        """None to report: the server enforces every foreign key at every write, always."""
        return []

    def can_read_schema(self, path: Path) -> bool:
        raise NotImplementedError(f"Cannot read the schema of {path}: {NO_FILE}.")

    def content_digest(self, engine: Engine) -> str:
        from desktop.core.storage.postgres import digest

        return digest.content_digest(engine)

    def file_digest(self, path: Path) -> str:
        raise NotImplementedError(f"Cannot digest {path}: {NO_FILE}; use content_digest.")


@contextmanager
def _nothing_suspended() -> Iterator[set[int]]:
    yield set()
