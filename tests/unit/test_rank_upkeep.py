"""An edit keeps the rank index: the entities it re-indexed move to their classes before the
edit commits, and the result is the rank index a rebuild would make.

The knowledge base of a cluster has no common term at the usual threshold, so these tests build
its rank index with a low one (a word in ten entities is common here).
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Connection

from desktop.core.search.service import search
from desktop.core.storage.database import Database, open_reader
from desktop.core.storage.sqlite.fts import index as search_index
from desktop.core.storage.sqlite.fts import rank as search_rank
from desktop.core.storage.sqlite.fts import rank_classes
from desktop.core.upkeep import editing

MIN_DOCS = 10
TODAY = date(2026, 12, 7)


def _build(database: Database) -> None:
    with database.engine.begin() as connection:
        search_rank.build_rank_index(connection, min_docs=MIN_DOCS)
        assert _classes(connection), "the cluster's words should be common at this threshold"


def _classes(connection: Connection) -> list[tuple[Any, ...]]:
    rows = connection.exec_driver_sql(
        "SELECT term, hits, doclen, ids FROM entity_fts_rank_class ORDER BY 1, 2, 3"
    ).all()
    terms = connection.exec_driver_sql("SELECT * FROM entity_fts_rank_term ORDER BY 1").all()
    return [(t, h, d, list(rank_classes.ids_of(i))) for t, h, d, i in rows] + [
        tuple(row) for row in terms
    ]


def _pending(connection: Connection) -> list[int]:
    return [row[0] for row in connection.exec_driver_sql("SELECT id FROM entity_fts_rank_pending")]


def _assert_as_rebuilt(database: Database) -> None:
    """Current, sound, nothing left pending, and every term's classes those a rebuild makes
    (a rebuild may add or drop terms that crossed the threshold: the others are searched
    without the rank index, exactly)."""
    with database.engine.begin() as connection:
        assert search_rank.rank_index_current(connection)
        assert search_rank.rank_index_problems(connection) == []
        assert _pending(connection) == []
        kept = _classes(connection)
        search_rank.build_rank_index(connection)
        rebuilt = _classes(connection)
        both = {row[0] for row in kept} & {row[0] for row in rebuilt}
        assert len(both) > 10
        assert [row for row in kept if row[0] in both] == [row for row in rebuilt if row[0] in both]


def _save(database: Database, slug: str, **changes: Any) -> None:
    with database.transaction() as session:
        record = replace(editing.entity_record(session, slug), **changes)
        editing.save_entity(session, record, original_slug=slug, who="Anna", batch="b", today=TODAY)


def test_an_edit_moves_its_entity_within_its_own_transaction(database: Database) -> None:
    _build(database)
    _save(database, "co-don", description="Leipzig cell therapy, Leipzig GMP, Leipzig again")
    _assert_as_rebuilt(database)


def test_a_new_entity_a_delete_and_a_renamed_tag_are_caught_up(database: Database) -> None:
    _build(database)
    with database.transaction() as session:
        deleted = editing.delete_entity(session, "co-don", who="Anna", batch="b")
    _assert_as_rebuilt(database)
    with database.transaction() as session:
        editing.restore_entity(session, deleted, who="Anna", batch="b2", today=TODAY)
    _assert_as_rebuilt(database)
    with database.engine.begin() as connection:  # a label many entities show
        connection.exec_driver_sql("UPDATE tag SET label = 'Leipzig GMP' WHERE code = 'gmp'")
        assert _pending(connection), "the triggers list every entity they re-index"
    with database.transaction():  # the next write catches up, whatever it writes
        pass
    _assert_as_rebuilt(database)


def test_another_programs_edit_is_caught_up_by_the_next_write(database: Database) -> None:
    _build(database)
    with sqlite3.connect(database.path) as plain:
        plain.execute("UPDATE entity SET description = 'Leipzig Leipzig' WHERE slug = 'co-don'")
    with database.engine.begin() as connection:
        assert not search_rank.rank_index_current(connection)  # searches do without it
    _save(database, "bellaseno", location="Leipzig")
    _assert_as_rebuilt(database)


def test_a_rank_index_that_did_not_track_its_changes_is_left_behind(database: Database) -> None:
    """Made before the triggers listed their entities, it cannot tell what else changed: it
    is not trusted (searches rank every match) until a rebuild."""
    _build(database)
    with database.engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM entity_fts_rank_state WHERE key = 'tracked'")
    _save(database, "co-don", description="Leipzig Leipzig")
    with database.engine.begin() as connection:
        assert not search_rank.rank_index_current(connection)
        assert _pending(connection) == []


def test_a_write_without_a_rank_index_costs_nothing_but_a_look(database: Database) -> None:
    _save(database, "co-don", description="Leipzig Leipzig")
    with database.engine.begin() as connection:
        assert _pending(connection) == []
        assert not search_rank.rank_index_current(connection)  # there is none


def test_a_large_rebuild_waits_until_the_bulk_load_committed(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From BUILD_LATER entities on, a bulk load's rebuild is left for a job of its own: the
    import is not held up, searches stay exact meanwhile (they rank every match)."""
    _build(database)
    before = _ranked(database, "Leipzig")
    monkeypatch.setattr(search_rank, "BUILD_LATER", 50)  # the cluster's 82 entities are many
    with database.engine.begin() as connection:
        search_index.rebuild_search_index(connection)
        assert search_rank.rank_index_due(connection)
        assert not search_rank.rank_index_current(connection)
    assert _ranked(database, "Leipzig") == before
    _save(database, "co-don", description="Leipzig Leipzig")  # an edit does not build it
    with database.engine.begin() as connection:
        assert search_rank.rank_index_due(connection)
    assert database.finish_search_index() is True
    _assert_as_rebuilt(database)
    assert database.finish_search_index() is False


def _ranked(database: Database, query: str) -> list[int]:
    reader = open_reader(database.path, create=False)
    try:
        return [hit.entity_id for hit in search(reader, query, limit=200, snippets=False).hits]
    finally:
        reader.close()
