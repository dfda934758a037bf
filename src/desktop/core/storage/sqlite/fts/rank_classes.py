"""The rank index's classes as stored: read from FTS5's hits, written, and moved.

The storage side of :mod:`rank` (which decides when to build, refresh or leave the classes for
later, and says whether they are current): how a term's hits become classes (one pass over the
hits through the DB-API cursor, each entity's hits packed into one integer), how classes are
written, and how changed entities are found in them and tokenised again. The class format —
hits per column as :data:`HITS`, ids as 32-bit :data:`ID_TYPE` arrays — is read by
:mod:`terms` and :mod:`top` too.
"""

from __future__ import annotations

import struct
import sys
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from desktop.core.storage.sqlite.fts import prefixes
from desktop.core.storage.sqlite.fts.schema import (
    FTS_COLUMNS,
    FTS_DOCSIZE,
    FTS_TABLE,
    RANK_CLASSES,
    RANK_TERMS,
    SEARCH_DOC_VIEW,
    TOKENIZER,
    VOCAB_HITS,
    varints,
)

if TYPE_CHECKING:
    from sqlalchemy import Connection

HITS = struct.Struct(f"<{len(FTS_COLUMNS)}I")  # hits per column, as a class key
ID_TYPE = "i" if array("i").itemsize == 4 else "l"  # entity ids in a class: 32-bit
MAX_ID = 2**31 - 1
_BISECTION = 16  # a bisection in a class costs about this many set lookups
_FEW = 16  # changed entities looked for by SQLite in the classes' bytes (more: in Python)
_SCRATCH = f"{FTS_TABLE}_rank_scratch"  # a temporary FTS5 table: tokenises changed entities
_COLUMN = {name: i for i, name in enumerate(FTS_COLUMNS)}
_COLUMN_BITS = 32  # a column's hits within one integer: as wide as a class key's (HITS)
_SHIFTS = tuple(_COLUMN_BITS * i for i in range(len(FTS_COLUMNS)))
_COLUMN_UNIT = {name: 1 << shift for name, shift in zip(FTS_COLUMNS, _SHIFTS, strict=True)}


def write_terms(
    connection: Connection, vocabulary: dict[str, int], threshold: int, lengths: dict[int, int]
) -> None:
    """The classes of every common term (``threshold`` entities of the ``vocabulary`` hold it)
    and prefix key, read in one pass over the terms' hits.

    A build reads millions of hits at 100,000 entities, so each hit costs as little Python as
    possible: it is read through the DB-API cursor (SQLAlchemy's rows cost twice the reading)
    and added to its entity's hits as one integer holding every column's count
    (:data:`_COLUMN_BITS` bits each); a prefix key's hits are the sum of its terms' integers,
    added while the terms pass by in order (a key's terms are neighbours in sorted order). The
    rare terms between two common ones are read in one range, for the complete prefixes'
    keys (:mod:`prefixes`)."""
    cursor = driver(connection).cursor()
    common = {term: docs for term, docs in vocabulary.items() if docs >= threshold}
    keys = prefix_keys(common)
    open_keys: dict[str, dict[int, int]] = {}
    last_term = {key: key.rsplit(" ", 1)[-1] for key in keys}
    keys_of: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        for term in key.split(" "):
            keys_of[term].append(key)
    summing = prefixes.Summing(
        prefixes.complete_prefixes(vocabulary, threshold),
        lambda key, sums: write_packed(connection, key, len(sums), sums, lengths),
    )
    after = ""
    for term in [*sorted(common), None]:
        _sum_rare(cursor, summing, after, term)
        if term is None:
            break
        after = term
        packed: dict[int, int] = defaultdict(int)
        for doc, column in cursor.execute(
            f"SELECT doc, col FROM {VOCAB_HITS} WHERE term = ?", (term,)
        ):
            packed[doc] += _COLUMN_UNIT[column]
        write_packed(connection, term, common[term], packed, lengths)
        for key in keys_of.get(term, ()):
            summed = open_keys.setdefault(key, defaultdict(int))
            for doc, hits in packed.items():
                summed[doc] += hits
            if last_term[key] == term:
                write_packed(connection, key, len(summed), open_keys.pop(key), lengths)
        summing.add(term, packed)
    summing.finish()


def _sum_rare(cursor: Any, summing: prefixes.Summing, low: str, high: str | None) -> None:
    """Add the hits of the terms between ``low`` and ``high`` (None: all after) to their
    complete prefixes."""
    sql = f"SELECT term, doc, col FROM {VOCAB_HITS} WHERE term > ?"
    rows = (
        cursor.execute(sql, (low,))
        if high is None
        else cursor.execute(f"{sql} AND term < ?", (low, high))
    )
    current, target = None, None
    for term, doc, column in rows:
        if term != current:
            current, target = term, summing.enter(term)
        if target is not None:
            target[doc] += _COLUMN_UNIT[column]


def write_packed(
    connection: Connection,
    term: str,
    docs: int,
    packed: dict[int, int],
    lengths: dict[int, int],
) -> None:
    """Group ``packed`` (entity → its hits as one integer) into classes and store them."""
    grouped: dict[tuple[int, int], list[int]] = defaultdict(list)
    for doc, hits in packed.items():
        grouped[hits, lengths[doc]].append(doc)
    mask = (1 << _COLUMN_BITS) - 1
    classes = {
        (HITS.pack(*((hits >> shift) & mask for shift in _SHIFTS)), doclen): sorted(ids)
        for (hits, doclen), ids in grouped.items()
    }
    write_classes(connection, term, classes)
    connection.exec_driver_sql(f"INSERT INTO {RANK_TERMS} VALUES (?, ?)", (term, docs))


def driver(connection: Connection) -> Any:
    """The sqlite3 connection under SQLAlchemy's (the same transaction)."""
    return connection.connection.driver_connection


def keys(connection: Connection) -> list[str]:
    """The rank index's terms and keys (of sets of terms, :func:`prefix_keys`, and of complete
    prefixes, :mod:`prefixes`)."""
    return [row[0] for row in connection.exec_driver_sql(f"SELECT term FROM {RANK_TERMS}")]


def common_terms(connection: Connection, threshold: int) -> list[tuple[str, int]]:
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


def lengths_of(connection: Connection, ids: list[int] | None = None) -> dict[int, int]:
    """Tokens per entity, as FTS5 counts them for bm25 (all columns)."""
    sql = f"SELECT id, sz FROM {FTS_DOCSIZE}"
    cursor = driver(connection).cursor()
    if ids is None:
        rows = cursor.execute(sql)
    else:
        rows = cursor.execute(f"{sql} WHERE id IN (SELECT value FROM json_each(?))", (str(ids),))
    return {entity: sum(varints(size)) for entity, size in rows}


def classes_of(
    hits: dict[int, list[int]], lengths: dict[int, int]
) -> dict[tuple[bytes, int], list[int]]:
    classes: dict[tuple[bytes, int], list[int]] = defaultdict(list)
    for entity in sorted(hits):
        classes[HITS.pack(*hits[entity]), lengths[entity]].append(entity)
    return classes


def write_classes(
    connection: Connection, term: str, classes: dict[tuple[bytes, int], list[int]]
) -> None:
    rows = []
    for (key, doclen), ids in classes.items():
        packed = array(ID_TYPE, ids)
        if sys.byteorder == "big":
            packed.byteswap()
        rows.append((term, key, doclen, packed.tobytes()))
    connection.exec_driver_sql(f"INSERT OR REPLACE INTO {RANK_CLASSES} VALUES (?, ?, ?, ?)", rows)


def remove(connection: Connection, stale: set[int]) -> dict[str, int]:
    """Take the changed entities out of every class; how many each term lost. For a few
    entities SQLite itself picks the classes whose bytes hold an id's (a cheap test that may
    say yes wrongly, never no: each is checked again), so that the ids of the other classes
    are not all read into Python."""
    removed: dict[str, int] = defaultdict(int)
    wanted = sorted(stale)
    if not wanted:
        return removed
    cursor = driver(connection).cursor()
    sql = f"SELECT term, hits, doclen, ids FROM {RANK_CLASSES}"
    if len(wanted) <= _FEW:
        patterns = [array(ID_TYPE, [entity]) for entity in wanted]
        if sys.byteorder == "big":
            for pattern in patterns:
                pattern.byteswap()
        sql += " WHERE " + " OR ".join("instr(ids, ?) > 0" for _ in patterns)
        rows = cursor.execute(sql, [pattern.tobytes() for pattern in patterns]).fetchall()
    else:
        rows = cursor.execute(sql).fetchall()
    for term, key, doclen, blob in rows:
        if not holds_any(blob, wanted, stale):
            continue
        ids = ids_of(blob)
        kept = [entity for entity in ids if entity not in stale]
        removed[term] += len(ids) - len(kept)
        if kept:
            write_classes(connection, term, {(key, doclen): kept})
        else:
            connection.exec_driver_sql(
                f"DELETE FROM {RANK_CLASSES} WHERE term = ? AND hits = ? AND doclen = ?",
                (term, key, doclen),
            )
    return removed


def holds_any(blob: bytes, wanted: list[int], stale: set[int]) -> bool:
    """True when a class's ids (ascending) hold any of ``wanted`` (``stale`` as a set): looked
    up by bisection in the stored bytes, as every class is asked about every changed entity —
    or, for a class with fewer ids than the bisections would cost, each id in the set."""
    ids = memoryview(blob).cast(ID_TYPE)
    if sys.byteorder == "big":
        ids = ids_of(blob)
    if len(ids) < len(wanted) * _BISECTION:
        return not stale.isdisjoint(ids)
    for entity in wanted:
        at = bisect_left(ids, entity)
        if at < len(ids) and ids[at] == entity:
            return True
    return False


def tokenised(connection: Connection, ids: list[int]) -> dict[str, dict[int, list[int]]]:
    """Hits per column of every term in the present text of ``ids``: the text goes
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
            f"SELECT term, doc, col FROM temp.{_SCRATCH}_hits"
        ):
            found[term][doc][_COLUMN[column]] += 1
        return found
    finally:
        connection.exec_driver_sql(f"DROP TABLE temp.{_SCRATCH}_hits")
        connection.exec_driver_sql(f"DROP TABLE temp.{_SCRATCH}")


def ids_of(blob: bytes) -> array[int]:
    """The entity ids of a class, ascending."""
    ids = array(ID_TYPE)
    ids.frombytes(blob)
    if sys.byteorder == "big":
        ids.byteswap()
    return ids


def prefix_keys(terms: Iterable[str]) -> list[str]:
    """The sets of common terms one prefix longer than a complete prefix (:mod:`prefixes`)
    stands for, when it stands for several ("biobank" → biobank, biobanken, biobanking), each
    as one key (the terms in order, space-separated; no term holds a space). A prefix phrase is
    scored per entity from the sum of its words' hits: such a set gets classes of its own."""
    ordered = sorted(terms)
    keys: set[str] = set()
    for term in ordered:
        for length in range(prefixes.UP_TO + 1, len(term) + 1):
            prefix = term[:length]
            members = [t for t in ordered if t.startswith(prefix)]
            if len(members) > 1:
                keys.add(" ".join(members))
    return sorted(keys)
