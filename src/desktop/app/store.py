"""The handle every application function takes: one database file, opened for the caller.

The window's executor opens one :class:`Store` in its worker thread and passes it to each job;
the CLI wraps the database it opened itself (:meth:`Store.around`), so both run the same
application functions over the same file.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.storage.database import Database, driver_errors_translated, open_reader

if TYPE_CHECKING:
    from desktop.core.search.service import Connection


class Store:
    """One database file: a plain reader for searching, the full :class:`Database` for the rest.

    The reader is ready at once and the full database is opened on first use, so the window's
    first list never waits for SQLAlchemy to import. Used from one thread only (a lane of the
    window's database executor, or the CLI's main thread), but :meth:`interrupt` may come from
    any.
    """

    def __init__(
        self, path: Path, *, database: Database | None = None, searching: bool = True
    ) -> None:
        """``searching``: open the plain reader now (the window's first list needs it at
        once); without it, the reader opens only if a search asks for it."""
        self.path = path
        eager = searching and database is None
        self._reader: Connection | None = open_reader(path) if eager else None
        self._database = database
        self._owns_database = database is None

    @classmethod
    def around(cls, database: Database) -> Store:
        """A store over a database the caller opened and will close (the CLI opens its own,
        with the write lock a writing command needs)."""
        return cls(database.path, database=database)

    @property
    def database(self) -> Database:
        if self._database is None:
            self._database = Database.open(self.path, create=False)
        return self._database

    @property
    def reader(self) -> Connection:
        if self._reader is None:
            self._reader = open_reader(self.path)
        return self._reader

    @contextlib.contextmanager
    def reading(self) -> Iterator[Connection]:
        """The plain reader, with the driver's damage and busy errors turned into messages (the
        full database gets the same from its engine): damage inside pages shows only when a
        search reaches it, and must offer the backup like damage found at opening."""
        with driver_errors_translated(self.path):
            yield self.reader

    def interrupt(self) -> None:
        """Stop the plain reader's statements now running — from any thread; they raise in
        their own (a search overtaken by a newer one). Between statements it does nothing."""
        reader = self._reader
        if reader is not None and hasattr(reader, "interrupt"):
            with contextlib.suppress(Exception):  # closed meanwhile: nothing left to stop
                reader.interrupt()

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
        if self._database is not None and self._owns_database:
            self._database.close()


def open_store(path: Path) -> Store:
    return Store(path)
