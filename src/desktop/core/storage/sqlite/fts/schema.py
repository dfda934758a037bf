"""Names and layout of the FTS5 index, shared by its upkeep, its query SQL and its rank index.

Their own module so that :mod:`index` (which keeps the index and its rank index up to
date) and :mod:`rank` (which builds the rank index) can both use them without importing
each other.
"""

from __future__ import annotations

FTS_TABLE = "entity_fts"
# Column order matters: bm25 weights and highlight() refer to columns by position.
FTS_COLUMNS = ("name", "short_name", "tags", "sectors", "location", "description", "translations")
# FTS5 sums weighted hits before bm25's saturation, so large weights all saturate and stop
# discriminating; modest ones keep "name beats tags beats description" without drowning the
# document-length term.
# The texts in other languages count less than the English: a German word finds the entity,
# but the record that *is* about the word (its name, its own description) comes first.
BM25_WEIGHTS = (4.0, 3.0, 2.0, 0.5, 0.5, 1.0, 0.3)
TOKENIZER = "unicode61 remove_diacritics 2"
SEARCH_DOC_VIEW = "entity_search_doc"  # one row per entity: the text the index holds

# FTS5's own shadow tables (read by the rank index: entity lengths and the collection's totals)
FTS_DOCSIZE = f"{FTS_TABLE}_docsize"
FTS_DATA = f"{FTS_TABLE}_data"
AVERAGES_ROWID = 1  # the row of FTS_DATA holding the row count and tokens per column
STRUCTURE_ROWID = 10  # the row of FTS_DATA listing the segments: rewritten by every change

# The rank index (see search_rank.py); every name starts with FTS_TABLE, so migrations skip it.
RANK_TERMS = f"{FTS_TABLE}_rank_term"  # common terms and how many entities hold each
RANK_CLASSES = f"{FTS_TABLE}_rank_class"  # per common term: entity ids by hits and length
RANK_STATE = f"{FTS_TABLE}_rank_state"  # its threshold and the FTS5 state it was made from
RANK_PENDING = f"{FTS_TABLE}_rank_pending"  # entities re-indexed since: the triggers list them
VOCAB_ROWS = f"{FTS_TABLE}_vocab_row"  # fts5vocab: every term with its entity count
VOCAB_HITS = f"{FTS_TABLE}_vocab_hit"  # fts5vocab: every hit (term, entity, column, offset)


def varints(blob: bytes) -> list[int]:
    """The integers of an FTS5 record (SQLite's big-endian varints: 7 bits a byte, the ninth
    byte whole), as in ``entity_fts_docsize`` and the averages row."""
    values: list[int] = []
    position, size = 0, len(blob)
    while position < size:
        value = 0
        for length in range(9):
            byte = blob[position]
            position += 1
            if length == 8:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if byte < 0x80:
                break
        values.append(value)
    return values
