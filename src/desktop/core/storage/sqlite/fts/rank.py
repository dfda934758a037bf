"""The rank index: common terms' entities grouped by what bm25 sees of them, best read first.

bm25 scores an entity for a phrase from two numbers: its weighted hits (per column) and its
length in tokens; the collection's row count, average length and the phrase's entity count are
the same for every entity. So for each *common* term (held by at least ``min_docs`` entities)
this index groups its entities into classes — hits per column, entity length — and keeps each
class's ids. Every entity of a class scores the same for the term, and the classes can be put in
score order for any averages, so a query reads the best classes first and stops as soon as
nothing unread can reach its page (:mod:`top`). Rare terms need no such help: FTS5 ranks
their few entities itself. A database without common terms (the knowledge base of a cluster)
has no rank index at all: its tables are made when a build first finds a common term.

It is derived data, like the FTS5 index it is read from, and it knows which state of that index
it was made from (FTS5's structure record, rewritten by every change). When the two differ — an
entity was edited since — searches rank every match themselves (exact, slower) until
:func:`refresh_rank_index` catches up: for the entities a bulk load names, or anew. An edit
catches up in its own transaction (:func:`catch_up_rank_index`): the index's triggers list the
entities they re-index, and just those move.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from desktop.core.storage.sqlite.fts import prefixes, rank_classes
from desktop.core.storage.sqlite.fts.rank_classes import MAX_ID, ids_of
from desktop.core.storage.sqlite.fts.schema import (
    FTS_COLUMNS,
    FTS_DATA,
    FTS_TABLE,
    RANK_CLASSES,
    RANK_PENDING,
    RANK_STATE,
    RANK_TERMS,
    STRUCTURE_ROWID,
    VOCAB_HITS,
    VOCAB_ROWS,
)

if TYPE_CHECKING:
    from sqlalchemy import Connection

MIN_DOCS = 2000  # a term this many entities hold is common: its classes are kept
REBUILD_SHARE = 20  # more than 1 in this many entities changed: rebuild rather than refresh
BUILD_LATER = 20_000  # from this many entities on, a rebuild waits until the write committed
_FLUSH = f"{FTS_TABLE}_rank_flush"  # a savepoint: FTS5 writes its pending changes at one

_STATE_TABLE = (
    f"CREATE TABLE IF NOT EXISTS {RANK_STATE} (key TEXT PRIMARY KEY, value) WITHOUT ROWID"
)
_TABLES = (
    f"CREATE TABLE IF NOT EXISTS {RANK_TERMS} (term TEXT PRIMARY KEY, docs INTEGER NOT NULL)"
    " WITHOUT ROWID",
    f"CREATE TABLE IF NOT EXISTS {RANK_CLASSES} (term TEXT NOT NULL, hits BLOB NOT NULL,"
    " doclen INTEGER NOT NULL, ids BLOB NOT NULL, PRIMARY KEY (term, hits, doclen))"
    " WITHOUT ROWID",
    _STATE_TABLE,
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCAB_ROWS} USING fts5vocab({FTS_TABLE}, 'row')",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCAB_HITS} USING fts5vocab({FTS_TABLE}, 'instance')",
)
RANK_OBJECTS = (RANK_TERMS, RANK_CLASSES, RANK_STATE, VOCAB_ROWS, VOCAB_HITS)
# The entities re-indexed since the rank index was made; the search index's triggers fill it.
PENDING_TABLE = f"CREATE TABLE IF NOT EXISTS {RANK_PENDING} (id INTEGER PRIMARY KEY)"


def install_rank_index(connection: Connection) -> None:
    """Build the rank index of a file that never had one (a new or migrated file), or leave
    it for later (see :func:`refresh_rank_index`)."""
    if not _exists(connection):
        refresh_rank_index(connection)


def build_rank_index(connection: Connection, *, min_docs: int | None = None) -> None:
    """Make the classes anew from the FTS5 index: every term ``min_docs`` entities hold (by
    default the threshold it was built with before, else :data:`MIN_DOCS`). Without such a
    term there is no rank index (its tables are dropped)."""
    threshold = min_docs or _built_with(connection) or MIN_DOCS
    for name in RANK_OBJECTS:
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {name}")
    vocabulary = dict(rank_classes.common_terms(connection, 1))
    common = any(docs >= threshold for docs in vocabulary.values())
    lengths = rank_classes.lengths_of(connection) if common else {}
    if not common or max(lengths, default=0) > MAX_ID:
        return  # nothing common (or ids beyond 32 bits): every search ranks its matches
    for statement in _TABLES:
        connection.exec_driver_sql(statement)
    rank_classes.write_terms(connection, vocabulary, threshold, lengths)
    _stamp(connection, threshold)


def rank_index_current(connection: Connection) -> bool:
    """True when the rank index was made from the FTS5 index as it is now."""
    if not _exists(connection):
        return False
    _flush(connection)
    return bool(
        connection.exec_driver_sql(
            f"SELECT s.value = d.block FROM {RANK_STATE} s, {FTS_DATA} d"
            f" WHERE s.key = 'structure' AND d.id = {STRUCTURE_ROWID}"
        ).scalar()
    )


def refresh_rank_index(connection: Connection, entity_ids: Sequence[int] | None = None) -> None:
    """Bring the rank index up to date: by moving ``entity_ids`` (the only entities changed
    since it was current) to the classes of their present text, or else anew. Moving costs a
    pass over the stored ids (a few hundred milliseconds at 100,000 entities) plus the changed
    entities' text; with more than 1 in :data:`REBUILD_SHARE` entities changed, or none named,
    a rebuild is made instead: now for a cluster's database (milliseconds), or — from
    :data:`BUILD_LATER` entities on (6–7 s at 100,000) — once the data is committed, by
    :func:`build_due_rank_index`, so that an import or a sync is not held up by it."""
    changed = set(entity_ids or ())
    entities = connection.exec_driver_sql("SELECT count(*) FROM entity").scalar() or 0
    if entity_ids is None or not _ready(connection) or len(changed) * REBUILD_SHARE > entities:
        if entities >= BUILD_LATER:
            _build_later(connection)
        else:
            build_rank_index(connection)
        return
    removed = rank_classes.remove(connection, changed)
    found = rank_classes.tokenised(connection, sorted(changed))
    keys = rank_classes.keys(connection)
    added = {term: found[term] for term in keys if term in found}
    added |= prefixes.summed_hits(found, [key for key in keys if prefixes.is_key(key)])
    for key in (key for key in keys if " " in key):
        summed: dict[int, list[int]] = defaultdict(lambda: [0] * len(FTS_COLUMNS))
        for term in key.split(" "):
            for entity, counts in added.get(term, {}).items():
                summed[entity] = [a + b for a, b in zip(summed[entity], counts, strict=True)]
        if summed:
            added[key] = dict(summed)
    lengths = rank_classes.lengths_of(connection, sorted(changed))
    for term, hits in added.items():
        for (key, doclen), ids in rank_classes.classes_of(hits, lengths).items():
            row = connection.exec_driver_sql(
                f"SELECT ids FROM {RANK_CLASSES} WHERE term = ? AND hits = ? AND doclen = ?",
                (term, key, doclen),
            ).first()
            merged = sorted(set(ids_of(row[0])) | set(ids)) if row else ids
            rank_classes.write_classes(connection, term, {(key, doclen): merged})
    for term in removed.keys() | added.keys():
        change = len(added.get(term, ())) - removed.get(term, 0)
        connection.exec_driver_sql(
            f"UPDATE {RANK_TERMS} SET docs = docs + ? WHERE term = ?", (change, term)
        )
    connection.exec_driver_sql(f"DELETE FROM {RANK_TERMS} WHERE docs <= 0")
    _stamp(connection, _built_with(connection) or MIN_DOCS)


def catch_up_rank_index(connection: Connection) -> None:
    """Move the entities re-indexed in this transaction to their classes (a few tens of
    milliseconds at 100,000 entities for one edit), so that searches after an edit keep the
    rank index. A rank index made before the triggers listed their entities is left as it
    is: it cannot tell what else changed, and searches do without it until a rebuild."""
    if not _has_pending(connection):
        return
    pending = [row[0] for row in connection.exec_driver_sql(f"SELECT id FROM {RANK_PENDING}")]
    if not pending:
        return
    if _exists(connection) and _state(connection, "tracked"):
        refresh_rank_index(connection, pending)
    else:
        connection.exec_driver_sql(f"DELETE FROM {RANK_PENDING}")


def rank_index_due(connection: Connection) -> bool:
    """True when a rebuild was left for later (:func:`build_due_rank_index`)."""
    return _exists(connection) and _state(connection, "due") is not None


def build_due_rank_index(connection: Connection) -> bool:
    """Make the rank index a bulk load left for later, if it did; True when it did. Searches
    are exact meanwhile (they rank every match), only slower for very broad queries."""
    if not rank_index_due(connection):
        return False
    build_rank_index(connection)
    return True


def rank_index_problems(connection: Connection) -> list[str]:
    """Where the classes disagree with the FTS5 index, as sentences (empty: in step, or no
    rank index). A rank index made from an older state of the FTS5 index is no problem:
    searches do without it until :func:`refresh_rank_index` runs."""
    if not rank_index_current(connection):
        return []
    problems = []
    rows = connection.exec_driver_sql(
        f"SELECT term, docs FROM {RANK_TERMS} WHERE term NOT LIKE '% %'"
    ).all()
    for term, docs in rows:
        held = (
            connection.exec_driver_sql(
                f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?",
                (f'"{term[:-1]}"*',),
            ).scalar()
            if prefixes.is_key(term)
            else connection.exec_driver_sql(
                f"SELECT doc FROM {VOCAB_ROWS} WHERE term = ?", (term,)
            ).scalar()
        )
        stored = sum(
            len(ids_of(blob))
            for (blob,) in connection.exec_driver_sql(
                f"SELECT ids FROM {RANK_CLASSES} WHERE term = ?", (term,)
            )
        )
        if not (docs == stored == held):
            problems.append(f"rank index: {term!r} in {stored} of {held} entities")
    return problems


# --- internals -----------------------------------------------------------------------------


def _exists(connection: Connection) -> bool:
    found = connection.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE name = ?", (RANK_STATE,)
    ).first()
    return found is not None


def _built_with(connection: Connection) -> int | None:
    if not _exists(connection):
        return None
    return _state(connection, "min_docs")


def _state(connection: Connection, key: str) -> Any:
    return connection.exec_driver_sql(
        f"SELECT value FROM {RANK_STATE} WHERE key = ?", (key,)
    ).scalar()


def _ready(connection: Connection) -> bool:
    """A rank index to move entities in: made (current or not), not left for later."""
    return _exists(connection) and _state(connection, "due") is None


def _build_later(connection: Connection) -> None:
    """Drop the classes and note that a rebuild is due (with the threshold to use)."""
    threshold = _built_with(connection) or MIN_DOCS
    for name in RANK_OBJECTS:
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {name}")
    connection.exec_driver_sql(_STATE_TABLE)
    connection.exec_driver_sql(
        f"INSERT INTO {RANK_STATE} VALUES ('min_docs', ?), ('due', 1)", (threshold,)
    )
    if _has_pending(connection):
        connection.exec_driver_sql(f"DELETE FROM {RANK_PENDING}")


def _flush(connection: Connection) -> None:
    """Make FTS5 write the changes it holds in memory (it does at a savepoint, else only at
    commit), so that its structure record tells the state of the index."""
    connection.exec_driver_sql(f"SAVEPOINT {_FLUSH}")
    connection.exec_driver_sql(f"RELEASE {_FLUSH}")


def _stamp(connection: Connection, threshold: int) -> None:
    """Note the threshold and the state of the FTS5 index the classes were made from; from
    now on the triggers list what changes (``tracked``)."""
    _flush(connection)
    connection.exec_driver_sql(f"DELETE FROM {RANK_STATE}")
    connection.exec_driver_sql(
        f"INSERT INTO {RANK_STATE} VALUES ('min_docs', ?), ('structure',"
        f" (SELECT block FROM {FTS_DATA} WHERE id = {STRUCTURE_ROWID}))",
        (threshold,),
    )
    if _has_pending(connection):
        connection.exec_driver_sql(f"DELETE FROM {RANK_PENDING}")
        connection.exec_driver_sql(f"INSERT INTO {RANK_STATE} VALUES ('tracked', 1)")


def _has_pending(connection: Connection) -> bool:
    found = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE name = ?", (RANK_PENDING,)
    ).first()
    return found is not None
