"""The SQLite backend: :class:`desktop.core.storage.backend.StorageBackend` for a file.

A thin class over the modules of this package. Each method looks its function up when called,
so a test that patches a function of those modules (a probe that fails, a short busy timeout)
reaches every caller. Backups, checks and the digest are imported when first used: the window's
first search needs none of them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.storage.sqlite import connection as connections
from desktop.core.storage.sqlite.fts import index as search_index
from desktop.core.storage.sqlite.fts import queries

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from desktop.core.language.messages import Message


class SqliteBackend:
    """A database that is one SQLite file (WAL, FTS5)."""

    name = "sqlite"
    driver_errors: tuple[type[Exception], ...] = (sqlite3.Error,)
    name_order = queries.NAME_ORDER

    # --- connections -----------------------------------------------------------------------

    def database_file(self, target: Path | str) -> Path | None:
        return connections.database_file(target)

    def create_engine(
        self,
        target: Path | str,
        *,
        immediate: bool = False,
        translate: Callable[[BaseException], BaseException | None] | None = None,
    ) -> Engine:
        return connections.create_engine(target, immediate=immediate, translate=translate)

    def writer(self, engine: Engine) -> Engine:
        return connections.writer(engine)

    def open_reader(self, path: Path) -> sqlite3.Connection:
        return connections.open_reader(path)

    def connect_existing(self, path: Path, *, timeout: float | None = None) -> sqlite3.Connection:
        return connections.connect_existing(path, timeout=timeout)

    def probe(self, path: Path) -> None:
        connections.probe(path)

    def checkpoint(self, connection: Connection) -> None:
        connections.checkpoint(connection)

    def is_in_use(self, path: Path, *, timeout: float = 1.0) -> bool:
        return connections.is_in_use(path, timeout=timeout)

    def configure_for_migration(self, engine: Engine) -> None:
        connections.configure_for_migration(engine)

    def foreign_keys_enforced(self, connection: Connection) -> bool:
        return connections.foreign_keys_enforced(connection)

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

    # --- the full-text index ---------------------------------------------------------------

    def install_search_index(self, connection: Connection) -> None:
        search_index.install_search_index(connection)

    def search_index_installed(self, connection: Connection) -> bool:
        return search_index.search_index_installed(connection)

    def rebuild_search_index(self, connection: Connection) -> None:
        search_index.rebuild_search_index(connection)

    def search_index_behind(self, connection: Connection) -> bool:
        return search_index.search_index_behind(connection)

    def catch_up_search_index(self, connection: Connection, *, whole: bool = False) -> bool:
        return search_index.catch_up_search_index(connection, whole=whole)

    def search_index_suspended(
        self, connection: Connection, *, incremental: bool = False
    ) -> AbstractContextManager[set[int]]:
        return search_index.search_index_suspended(connection, incremental=incremental)

    def search_index_problems(self, checked: Any) -> list[Message]:
        if isinstance(checked, str | Path):
            return _search_index_problems_in_file(Path(checked))
        return search_index.search_index_problems(checked)

    def owns_schema_object(self, name: str, type_: str) -> bool:
        return search_index.owns_schema_object(name, type_)

    def match_expression(
        self, groups: Sequence[Any], *, any_token: bool = False, source_language: bool = False
    ) -> str:
        expression = queries.match_expression(groups, any_token=any_token)
        return f"- {{translations}} : ({expression})" if source_language else expression

    def ranked_match_sql(self, columns: str, filter_sql: str, *, highlight: tuple[str, str]) -> str:
        return queries.ranked_match_sql(columns, filter_sql, highlight=highlight)

    def ranked_ids_sql(self, filter_sql: str | None = None) -> str:
        return queries.ranked_ids_sql(filter_sql)

    def best_matches(
        self,
        fetch: Callable[[str, dict[str, Any]], Sequence[Sequence[Any]]],
        groups: Sequence[Any],
        *,
        any_token: bool,
        need: int,
        filter_ids_sql: str | None = None,
        params: dict[str, Any] | None = None,
        cache_key: object = None,
        count_limit: int = 0,
    ) -> tuple[list[tuple[int, float]], int | None] | None:
        from desktop.core.storage.sqlite.fts import top as search_top

        return search_top.best_matches(
            fetch,
            groups,
            any_token=any_token,
            need=need,
            filter_ids_sql=filter_ids_sql,
            params=params,
            cache_key=cache_key,
            count_limit=count_limit,
        )

    def snippets_sql(self, *, highlight: tuple[str, str]) -> str:
        return queries.snippets_sql(highlight=highlight)

    def count_matches_sql(
        self, filter_sql: str | None = None, *, ids_sql: str | None = None
    ) -> str:
        return queries.count_matches_sql(filter_sql, ids_sql=ids_sql)

    def matching_ids_sql(self) -> str:
        return queries.matching_ids_sql()

    # --- the team's changes ---------------------------------------------------------------

    def install_sync(self, connection: Connection) -> None:
        from desktop.core.storage.sqlite import capture

        capture.install_capture(connection)

    def changes_recorded_in_bulk(
        self, connection: Connection, touched: set[int]
    ) -> AbstractContextManager[None]:
        from desktop.core.storage.sqlite import capture

        return capture.changes_recorded_in_bulk(connection, touched)

    def sync_installed(self, connection: Connection) -> bool:
        from desktop.core.storage.sqlite import capture

        return capture.capture_installed(connection)

    # --- backups, checks and the digest ----------------------------------------------------

    def backup_to(self, source: Path, target: Path) -> None:
        from desktop.core.storage.sqlite import backup_api

        backup_api.backup_to(source, target)

    def integrity_problems(self, checked: Any, *, quick: bool = False) -> list[str]:
        from desktop.core.storage.sqlite import integrity

        return integrity.integrity_problems(checked, quick=quick)

    def foreign_key_problems(self, checked: Any) -> list[Message]:
        from desktop.core.storage.sqlite import integrity

        return integrity.foreign_key_problems(checked)

    def can_read_schema(self, path: Path) -> bool:
        from desktop.core.storage.sqlite import integrity

        return integrity.can_read_schema(path)

    def content_digest(self, engine: Engine) -> str:
        from desktop.core.storage.sqlite import digest

        return digest.content_digest(engine)

    def file_digest(self, path: Path) -> str:
        from desktop.core.storage.sqlite import digest

        return digest.file_digest(path)


def _search_index_problems_in_file(path: Path) -> list[Message]:
    """The search index's check over one plain connection, in a transaction rolled back after
    it: the file must be writable, but nothing is written."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool

    raw = connections.connect_existing(path)
    engine = create_engine("sqlite://", creator=lambda: raw, poolclass=StaticPool)
    try:
        raw.execute("BEGIN")
        with engine.connect() as connection:
            return search_index.search_index_problems(connection)
    finally:
        if raw.in_transaction:
            raw.execute("ROLLBACK")
        engine.dispose()
        raw.close()
