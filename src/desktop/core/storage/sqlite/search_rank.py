"""The rank index: common terms' entities grouped by what bm25 sees of them, best read first.

bm25 scores an entity for a phrase from two numbers: its weighted hits (per column) and its
length in tokens; the collection's row count, average length and the phrase's entity count are
the same for every entity. So for each *common* term (held by at least ``min_docs`` entities)
this index groups its entities into classes — hits per column, entity length — and keeps each
class's ids. Every entity of a class scores the same for the term, and the classes can be put in
score order for any averages, so a query reads the best classes first and stops as soon as
nothing unread can reach its page (:mod:`search_top`). Rare terms need no such help: FTS5 ranks
their few entities itself. A database without common terms (the knowledge base of a cluster)
has no rank index at all: its tables are made when a build first finds a common term.

It is derived data, like the FTS5 index it is read from, and it knows which state of that index
it was made from (FTS5's structure record, rewritten by every change). When the two differ — an
entity was edited since — searches rank every match themselves (exact, slower) until
:func:`refresh_rank_index` catches up: for the entities a bulk load names, or anew.
"""

from __future__ import annotations

import struct
import sys
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from desktop.core.storage.sqlite.fts_schema import (
    FTS_COLUMNS,
    FTS_DATA,
    FTS_DOCSIZE,
    FTS_TABLE,
    RANK_CLASSES,
    RANK_STATE,
    RANK_TERMS,
    SEARCH_DOC_VIEW,
    STRUCTURE_ROWID,
    TOKENIZER,
    VOCAB_HITS,
    VOCAB_ROWS,
    varints,
)

if TYPE_CHECKING:
    from sqlalchemy import Connection

MIN_DOCS = 2000  # a term this many entities hold is common: its classes are kept
MIN_PREFIX = 3  # shortest prefix whose common words get classes of their own, summed
HITS = struct.Struct(f"<{len(FTS_COLUMNS)}I")  # hits per column, as a class key
ID_TYPE = "i" if array("i").itemsize == 4 else "l"  # entity ids in a class: 32-bit
MAX_ID = 2**31 - 1
REBUILD_SHARE = 20  # more than 1 in this many entities changed: rebuild rather than refresh
_SCRATCH = f"{FTS_TABLE}_rank_scratch"  # a temporary FTS5 table: tokenises changed entities
_FLUSH = f"{FTS_TABLE}_rank_flush"  # a savepoint: FTS5 writes its pending changes at one
_COLUMN = {name: i for i, name in enumerate(FTS_COLUMNS)}

_TABLES = (
    f"CREATE TABLE IF NOT EXISTS {RANK_TERMS} (term TEXT PRIMARY KEY, docs INTEGER NOT NULL)"
    " WITHOUT ROWID",
    f"CREATE TABLE IF NOT EXISTS {RANK_CLASSES} (term TEXT NOT NULL, hits BLOB NOT NULL,"
    " doclen INTEGER NOT NULL, ids BLOB NOT NULL, PRIMARY KEY (term, hits, doclen))"
    " WITHOUT ROWID",
    f"CREATE TABLE IF NOT EXISTS {RANK_STATE} (key TEXT PRIMARY KEY, value) WITHOUT ROWID",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCAB_ROWS} USING fts5vocab({FTS_TABLE}, 'row')",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCAB_HITS} USING fts5vocab({FTS_TABLE}, 'instance')",
)
RANK_OBJECTS = (RANK_TERMS, RANK_CLASSES, RANK_STATE, VOCAB_ROWS, VOCAB_HITS)


def install_rank_index(connection: Connection) -> None:
    """Build the rank index of a file that never had one (a new or migrated file)."""
    if not _exists(connection):
        build_rank_index(connection)


def build_rank_index(connection: Connection, *, min_docs: int | None = None) -> None:
    """Make the classes anew from the FTS5 index: every term ``min_docs`` entities hold (by
    default the threshold it was built with before, else :data:`MIN_DOCS`). Without such a
    term there is no rank index (its tables are dropped)."""
    threshold = min_docs or _built_with(connection) or MIN_DOCS
    for name in RANK_OBJECTS:
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {name}")
    common = _common_terms(connection, threshold)
    lengths = _lengths(connection) if common else {}
    if not common or max(lengths, default=0) > MAX_ID:
        return  # nothing common (or ids beyond 32 bits): every search ranks its matches
    for statement in _TABLES:
        connection.exec_driver_sql(statement)
    for term, docs in common:
        hits: dict[int, list[int]] = defaultdict(lambda: [0] * len(FTS_COLUMNS))
        for doc, column, count in connection.exec_driver_sql(
            f"SELECT doc, col, count(*) FROM {VOCAB_HITS} WHERE term = ? GROUP BY doc, col",
            (term,),
        ):
            hits[doc][_COLUMN[column]] = count
        _write_classes(connection, term, _classes(hits, lengths))
        connection.exec_driver_sql(f"INSERT INTO {RANK_TERMS} VALUES (?, ?)", (term, docs))
    for key in prefix_keys(term for term, _ in common):
        hits = _summed(connection, key.split(" "))
        _write_classes(connection, key, _classes(hits, lengths))
        connection.exec_driver_sql(f"INSERT INTO {RANK_TERMS} VALUES (?, ?)", (key, len(hits)))
    _stamp(connection, threshold)


def prefix_keys(terms: Iterable[str]) -> list[str]:
    """The sets of common terms one prefix of :data:`MIN_PREFIX` letters or more stands for,
    when it stands for several ("biobank" → biobank, biobanken, biobanking), each as one key
    (the terms in order, space-separated; no term holds a space). A prefix phrase is scored
    per entity from the sum of its words' hits: such a set gets classes of its own."""
    ordered = sorted(terms)
    keys: set[str] = set()
    for term in ordered:
        for length in range(MIN_PREFIX, len(term) + 1):
            prefix = term[:length]
            members = [t for t in ordered if t.startswith(prefix)]
            if len(members) > 1:
                keys.add(" ".join(members))
    return sorted(keys)


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
    a rebuild is made instead (seconds at 100,000 entities, milliseconds for a cluster's)."""
    changed = set(entity_ids or ())
    entities = connection.exec_driver_sql("SELECT count(*) FROM entity").scalar() or 0
    if entity_ids is None or not _exists(connection) or len(changed) * REBUILD_SHARE > entities:
        build_rank_index(connection)
        return
    removed = _remove(connection, changed)
    added = _tokenised(connection, sorted(changed))
    for key in _keys(connection):
        summed: dict[int, list[int]] = defaultdict(lambda: [0] * len(FTS_COLUMNS))
        for term in key.split(" "):
            for entity, counts in added.get(term, {}).items():
                summed[entity] = [a + b for a, b in zip(summed[entity], counts, strict=True)]
        if summed:
            added[key] = dict(summed)
    lengths = _lengths(connection, sorted(changed))
    for term, hits in added.items():
        for (key, doclen), ids in _classes(hits, lengths).items():
            row = connection.exec_driver_sql(
                f"SELECT ids FROM {RANK_CLASSES} WHERE term = ? AND hits = ? AND doclen = ?",
                (term, key, doclen),
            ).first()
            merged = sorted(set(ids_of(row[0])) | set(ids)) if row else ids
            _write_classes(connection, term, {(key, doclen): merged})
    for term in removed.keys() | added.keys():
        change = len(added.get(term, ())) - removed.get(term, 0)
        connection.exec_driver_sql(
            f"UPDATE {RANK_TERMS} SET docs = docs + ? WHERE term = ?", (change, term)
        )
    connection.exec_driver_sql(f"DELETE FROM {RANK_TERMS} WHERE docs <= 0")
    _stamp(connection, _built_with(connection) or MIN_DOCS)


def ids_of(blob: bytes) -> array[int]:
    """The entity ids of a class, ascending."""
    ids = array(ID_TYPE)
    ids.frombytes(blob)
    if sys.byteorder == "big":
        ids.byteswap()
    return ids


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
        held = connection.exec_driver_sql(
            f"SELECT doc FROM {VOCAB_ROWS} WHERE term = ?", (term,)
        ).scalar()
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


def _keys(connection: Connection) -> list[str]:
    """The rank index's keys for sets of terms (see :func:`prefix_keys`)."""
    rows = connection.exec_driver_sql(f"SELECT term FROM {RANK_TERMS} WHERE term LIKE '% %'")
    return [row[0] for row in rows]


def _summed(connection: Connection, terms: list[str]) -> dict[int, list[int]]:
    """Hits per column of any of ``terms``, by entity, from their classes."""
    summed: dict[int, list[int]] = {}
    for term in terms:
        for key, _, blob in connection.exec_driver_sql(
            f"SELECT hits, doclen, ids FROM {RANK_CLASSES} WHERE term = ?", (term,)
        ):
            hits = HITS.unpack(key)
            for entity in ids_of(blob):
                found = summed.get(entity)
                summed[entity] = (
                    list(hits)
                    if found is None
                    else [a + b for a, b in zip(found, hits, strict=True)]
                )
    return summed


def _exists(connection: Connection) -> bool:
    found = connection.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE name = ?", (RANK_STATE,)
    ).first()
    return found is not None


def _built_with(connection: Connection) -> int | None:
    if not _exists(connection):
        return None
    return connection.exec_driver_sql(
        f"SELECT value FROM {RANK_STATE} WHERE key = 'min_docs'"
    ).scalar()


def _flush(connection: Connection) -> None:
    """Make FTS5 write the changes it holds in memory (it does at a savepoint, else only at
    commit), so that its structure record tells the state of the index."""
    connection.exec_driver_sql(f"SAVEPOINT {_FLUSH}")
    connection.exec_driver_sql(f"RELEASE {_FLUSH}")


def _stamp(connection: Connection, threshold: int) -> None:
    """Note the threshold and the state of the FTS5 index the classes were made from."""
    _flush(connection)
    connection.exec_driver_sql(f"DELETE FROM {RANK_STATE}")
    connection.exec_driver_sql(
        f"INSERT INTO {RANK_STATE} VALUES ('min_docs', ?), ('structure',"
        f" (SELECT block FROM {FTS_DATA} WHERE id = {STRUCTURE_ROWID}))",
        (threshold,),
    )


def _common_terms(connection: Connection, threshold: int) -> list[tuple[str, int]]:
    """Terms at least ``threshold`` entities hold, with their counts (read through a
    temporary vocabulary table: a database without any needs none of its own)."""
    vocabulary = f"temp.{FTS_TABLE}_rank_terms"
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS {vocabulary}")
    connection.exec_driver_sql(
        f"CREATE VIRTUAL TABLE {vocabulary} USING fts5vocab(main, {FTS_TABLE}, 'row')"
    )
    try:
        rows = connection.exec_driver_sql(
            f"SELECT term, doc FROM {vocabulary} WHERE doc >= ?", (threshold,)
        )
        return [(term, docs) for term, docs in rows]
    finally:
        connection.exec_driver_sql(f"DROP TABLE {vocabulary}")


def _lengths(connection: Connection, ids: list[int] | None = None) -> dict[int, int]:
    """Tokens per entity, as FTS5 counts them for bm25 (all columns)."""
    sql = f"SELECT id, sz FROM {FTS_DOCSIZE}"
    if ids is None:
        rows = connection.exec_driver_sql(sql)
    else:
        rows = connection.exec_driver_sql(
            f"{sql} WHERE id IN (SELECT value FROM json_each(?))", (str(ids),)
        )
    return {entity: sum(varints(size)) for entity, size in rows}


def _classes(
    hits: dict[int, list[int]], lengths: dict[int, int]
) -> dict[tuple[bytes, int], list[int]]:
    classes: dict[tuple[bytes, int], list[int]] = defaultdict(list)
    for entity in sorted(hits):
        classes[HITS.pack(*hits[entity]), lengths[entity]].append(entity)
    return classes


def _write_classes(
    connection: Connection, term: str, classes: dict[tuple[bytes, int], list[int]]
) -> None:
    rows = []
    for (key, doclen), ids in classes.items():
        packed = array(ID_TYPE, ids)
        if sys.byteorder == "big":
            packed.byteswap()
        rows.append((term, key, doclen, packed.tobytes()))
    connection.exec_driver_sql(f"INSERT OR REPLACE INTO {RANK_CLASSES} VALUES (?, ?, ?, ?)", rows)


def _remove(connection: Connection, stale: set[int]) -> dict[str, int]:
    """Take the changed entities out of every class; how many each term lost."""
    removed: dict[str, int] = defaultdict(int)
    rows = connection.exec_driver_sql(f"SELECT term, hits, doclen, ids FROM {RANK_CLASSES}").all()
    for term, key, doclen, blob in rows:
        ids = ids_of(blob)
        if stale.isdisjoint(ids):
            continue
        kept = [entity for entity in ids if entity not in stale]
        removed[term] += len(ids) - len(kept)
        if kept:
            _write_classes(connection, term, {(key, doclen): kept})
        else:
            connection.exec_driver_sql(
                f"DELETE FROM {RANK_CLASSES} WHERE term = ? AND hits = ? AND doclen = ?",
                (term, key, doclen),
            )
    return removed


def _tokenised(connection: Connection, ids: list[int]) -> dict[str, dict[int, list[int]]]:
    """Hits per column of the common terms in the present text of ``ids``: the text goes
    through a temporary FTS5 table with the index's own tokenizer (the FTS5 index itself
    cannot list one entity's words without reading every word's entities)."""
    columns = ", ".join(FTS_COLUMNS)
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS temp.{_SCRATCH}")
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS temp.{_SCRATCH}_hits")
    connection.exec_driver_sql(
        f"CREATE VIRTUAL TABLE temp.{_SCRATCH} USING fts5({columns}, tokenize = '{TOKENIZER}')"
    )
    connection.exec_driver_sql(
        f"CREATE VIRTUAL TABLE temp.{_SCRATCH}_hits USING fts5vocab(temp, {_SCRATCH}, 'instance')"
    )
    try:
        connection.exec_driver_sql(
            f"INSERT INTO temp.{_SCRATCH}(rowid, {columns}) SELECT id, {columns}"
            f" FROM {SEARCH_DOC_VIEW} WHERE id IN (SELECT value FROM json_each(?))",
            (str(ids),),
        )
        found: dict[str, dict[int, list[int]]] = defaultdict(
            lambda: defaultdict(lambda: [0] * len(FTS_COLUMNS))
        )
        for term, doc, column in connection.exec_driver_sql(
            f"SELECT h.term, h.doc, h.col FROM temp.{_SCRATCH}_hits h"
            f" JOIN {RANK_TERMS} t ON t.term = h.term"
        ):
            found[term][doc][_COLUMN[column]] += 1
        return found
    finally:
        connection.exec_driver_sql(f"DROP TABLE temp.{_SCRATCH}_hits")
        connection.exec_driver_sql(f"DROP TABLE temp.{_SCRATCH}")
