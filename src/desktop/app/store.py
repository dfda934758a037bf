"""The database work behind the window, run by :class:`DatabaseExecutor` in its thread.

Each function takes the window's :class:`Store` and returns plain data;
none touches Qt. Imported lazily by the window so start-up does not pay for SQLAlchemy.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.search.service import Facets, SearchFilters, SearchResult, facet_counts, search
from desktop.core.storage.database import Database, driver_error, open_reader

if TYPE_CHECKING:
    from desktop.core.kb import catalogue

FilterChoice = tuple[str | None, str | None, tuple[str, ...]]  # kind, sector, tags
DISPLAY_LIMIT = 500  # rows shown for one search; the status bar says when there are more


@dataclass(frozen=True)
class Overview:
    """What the window needs once, right after opening: tag labels and key figures."""

    tag_labels: dict[str, str]
    facts: list[catalogue.FactView]


class Store:
    """The window's handle on its database, used only in the executor's thread.

    Searching goes through a plain reader that is ready at once; everything else through the
    full :class:`Database`, opened on first use, so the first list never waits for SQLAlchemy.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.reader = open_reader(path)
        self._database: Database | None = None

    @property
    def database(self) -> Database:
        if self._database is None:
            self._database = Database.open(self.path, create=False)
        return self._database

    @contextlib.contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """The plain reader, with SQLite's damage and busy errors turned into messages (the
        full database gets the same from its engine): damage inside pages shows only when a
        search reaches it, and must offer the backup like damage found at opening."""
        try:
            yield self.reader
        except sqlite3.Error as error:
            translated = driver_error(self.path, error)
            if translated is None:
                raise
            raise translated from error

    def close(self) -> None:
        self.reader.close()
        if self._database is not None:
            self._database.close()


def open_store(path: Path) -> Store:
    return Store(path)


def overview(store: Store) -> Overview:
    from desktop.core.kb import catalogue

    with store.database.session() as session:
        return Overview(catalogue.tag_labels(session), catalogue.list_facts(session))


def run_search(store: Store, query: str, filters: FilterChoice) -> SearchResult:
    with store.reading() as reader:
        return search(reader, query, filters=_filters(filters), limit=DISPLAY_LIMIT)


def run_facets(store: Store, query: str, filters: FilterChoice) -> Facets:
    with store.reading() as reader:
        return facet_counts(reader, query, filters=_filters(filters))


def _filters(choice: FilterChoice) -> SearchFilters:
    kind, sector, tags = choice
    return SearchFilters(
        kinds=(kind,) if kind else (), sectors=(sector,) if sector else (), tags=tuple(tags)
    )


def entity_detail(store: Store, slug: str) -> catalogue.EntityDetail:
    from desktop.core.kb import catalogue

    with store.database.session() as session:
        return catalogue.entity_detail(session, slug)
