"""The database work behind the window, run by :class:`DatabaseExecutor` in its thread.

Each function takes the open :class:`~desktop.core.database.Database` and returns plain data;
none touches Qt. Imported lazily by the window so start-up does not pay for SQLAlchemy.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.core import catalogue
from desktop.core.database import Database
from desktop.core.search import Facets, SearchFilters, SearchResult, facet_counts, search

DISPLAY_LIMIT = 500  # rows shown for one search; the status bar says when there are more


@dataclass(frozen=True)
class Overview:
    """What the window needs once, right after opening: tag labels and key figures."""

    tag_labels: dict[str, str]
    facts: list[catalogue.FactView]


def open_database(path: Path) -> Database:
    return Database.open(path)


def overview(database: Database) -> Overview:
    with database.session() as session:
        return Overview(catalogue.tag_labels(session), catalogue.list_facts(session))


def run_search(database: Database, query: str, filters: SearchFilters) -> SearchResult:
    with database.engine.connect() as connection:
        return search(connection, query, filters=filters, limit=DISPLAY_LIMIT)


def run_facets(database: Database, query: str, filters: SearchFilters) -> Facets:
    with database.engine.connect() as connection:
        return facet_counts(connection, query, filters=filters)


def entity_detail(database: Database, slug: str) -> catalogue.EntityDetail:
    with database.session() as session:
        return catalogue.entity_detail(session, slug)
