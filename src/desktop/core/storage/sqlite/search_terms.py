"""A query's phrases as the rank index sees them: common (scored from classes), rare (scored by
FTS5 itself) or empty, with everything bm25 needs besides the entities' own hits.

FTS5's bm25 sums, phrase by phrase in the order of the MATCH string, ``idf × (f × (k1 + 1)) /
(f + k1 × (1 − b + b × length / average))``: ``f`` the entity's hits weighted by column (added
one hit at a time, in column order), ``idf`` from how many entities hold the phrase and the row
count, ``average`` the average entity length. :meth:`Phrases.contribution` repeats that
arithmetic operation for operation, so its scores equal FTS5's to the last bit — which lets a
page be ranked from classes and still equal the full ranking, ties (broken by id) included.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from desktop.core.storage.sqlite.fts_schema import (
    AVERAGES_ROWID,
    BM25_WEIGHTS,
    FTS_COLUMNS,
    FTS_DATA,
    FTS_DOCSIZE,
    FTS_TABLE,
    RANK_CLASSES,
    RANK_STATE,
    RANK_TERMS,
    STRUCTURE_ROWID,
    VOCAB_HITS,
    VOCAB_ROWS,
    varints,
)
from desktop.core.storage.sqlite.search_sql import MatchPlan, Node

# Runs one statement with named parameters; rows are read by position.
Fetch = Callable[[str, dict[str, Any]], Sequence[Sequence[Any]]]

K1, B = 1.2, 0.75  # FTS5's bm25 constants
_COLUMN = {name: i for i, name in enumerate(FTS_COLUMNS)}
_TABLES = (RANK_STATE, RANK_TERMS, RANK_CLASSES, VOCAB_HITS, VOCAB_ROWS)
_PHRASE_SCORES = f"SELECT rowid, rank FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :p LIMIT :cap"
_PHRASE_COUNT = f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :p"


class Phrases:
    """The phrases of one MATCH string, looked up (see the module)."""

    def __init__(self, fetch: Fetch, plan: MatchPlan, rows: int, average: float) -> None:
        self.fetch, self.plan, self.tree = fetch, plan, plan.tree
        self.rows, self.average = rows, average
        count = len(plan.phrases)
        self.idf = [0.0] * count
        self.keys: list[tuple[str, ...]] = [()] * count  # a common phrase's keys in the index
        self.extra: list[dict[int, list[int]]] = [{} for _ in range(count)]  # its rare words' hits
        self.part: list[dict[int, float]] = [{} for _ in range(count)]  # a rare phrase's scores
        self.docs: dict[str, int] = {}  # entities per key

    @classmethod
    def look_up(cls, fetch: Fetch, plan: MatchPlan) -> Phrases | None:
        """The phrases, or None when the rank index cannot rank this query: missing, stale,
        or a phrase neither common nor rare (several words in many entities), or nothing
        common (then the matches are few and SQL ranks them)."""
        marks = ", ".join(f"'{name}'" for name in _TABLES)
        found = fetch(f"SELECT count(*) FROM sqlite_master WHERE name IN ({marks})", {})
        if found[0][0] != len(_TABLES):
            return None
        min_docs, current, averages = fetch(
            f"SELECT (SELECT value FROM {RANK_STATE} WHERE key = 'min_docs'),"
            f" (SELECT s.value = d.block FROM {RANK_STATE} s, {FTS_DATA} d"
            f" WHERE s.key = 'structure' AND d.id = {STRUCTURE_ROWID}),"
            f" (SELECT block FROM {FTS_DATA} WHERE id = {AVERAGES_ROWID})",
            {},
        )[0]
        if min_docs is None or not current or averages is None:
            return None
        totals = varints(averages)
        rows, tokens = totals[0], sum(totals[1 : 1 + len(FTS_COLUMNS)])
        if rows <= 0:
            return None
        phrases = cls(fetch, plan, rows, float(tokens) / float(rows))
        return phrases if phrases._sort(min_docs) else None

    def contribution(self, i: int, hits: Sequence[int], length: int) -> float:
        """Phrase ``i``'s part of an entity's score, as FTS5's bm25 adds it."""
        return self.idf[i] * gain(hits, length, self.average)

    # --- sorting the phrases ---------------------------------------------------------------

    def _sort(self, min_docs: int) -> bool:
        phrases = self.plan.phrases
        self.docs = self._common(sorted({w for p in phrases for w in p.words if simple(w)}))
        rare: list[int] = []
        for i, phrase in enumerate(phrases):
            word = phrase.words[0]
            if len(phrase.words) != 1 or not simple(word):
                rare.append(i)
            elif not phrase.prefix:
                if word in self.docs:
                    self.keys[i] = (word,)
                else:
                    rare.append(i)
            else:
                common = self._prefixed(word)
                if not common:
                    rare.append(i)
                    continue
                if not self._extra_hits(i, word, common, min_docs):
                    return False
                combined = " ".join(common)
                self.keys[i] = (combined,) if combined in self.docs else tuple(common)
        if not matches(self.tree, lambda i: bool(self.keys[i])):
            return False  # nothing common, or every match holds a rare phrase: SQL ranks them
        parts: dict[str, dict[int, float]] = {}  # a phrase may stand in the expression twice
        for i in self._possible(rare):
            text = self.plan.phrases[i].text
            if text not in parts:
                rows = self.fetch(_PHRASE_SCORES, {"p": text, "cap": min_docs + 1})
                parts[text] = {row[0]: -row[1] for row in rows}
            if len(parts[text]) > min_docs:
                return False
            self.part[i] = parts[text]
        for i, keys in enumerate(self.keys):
            if keys:
                self.idf[i] = self._idf(self._entities(i))
        return True

    def _common(self, words: Sequence[str]) -> dict[str, int]:
        if not words:
            return {}
        marks = {f"w{i}": word for i, word in enumerate(words)}
        places = ", ".join(f":{name}" for name in marks)
        rows = self.fetch(f"SELECT term, docs FROM {RANK_TERMS} WHERE term IN ({places})", marks)
        return {row[0]: row[1] for row in rows}

    def _prefixed(self, word: str) -> list[str]:
        """The common terms starting with ``word``; their set's key is looked up too."""
        rows = self.fetch(
            f"SELECT term, docs FROM {RANK_TERMS} WHERE term >= :low AND term < :high",
            {"low": word, "high": _after(word)},
        )
        found = {row[0]: row[1] for row in rows}
        common = sorted(term for term in found if " " not in term)
        self.docs.update((term, found[term]) for term in common)
        if len(common) > 1:
            self.docs.update(self._common([" ".join(common)]))
        return common

    def _extra_hits(self, i: int, word: str, common: list[str], min_docs: int) -> bool:
        """Hits of the prefix's rare words (those around its common ones), by entity; False
        when there are too many to read."""
        lows = [word, *(term + "\x00" for term in common)]
        highs = [*common, _after(word)]
        extra: dict[int, list[int]] = defaultdict(lambda: [0] * len(FTS_COLUMNS))
        budget = 4 * min_docs
        for low, high in zip(lows, highs, strict=True):
            if low >= high:
                continue
            rows = self.fetch(
                f"SELECT doc, col FROM {VOCAB_HITS} WHERE term >= :low AND term < :high LIMIT :cap",
                {"low": low, "high": high, "cap": budget + 1},
            )
            budget -= len(rows)
            if budget < 0:
                return False
            for doc, column in rows:
                extra[doc][_COLUMN[column]] += 1
        self.extra[i] = dict(extra)
        return True

    def _possible(self, rare: list[int]) -> list[int]:
        """The rare phrases that may match: each of their whole words is one the index holds
        (an unfinished last word may match longer ones)."""
        phrases = self.plan.phrases
        words = sorted({w for i in rare for w in phrases[i].words if w not in self.docs})
        known = set(self.docs)
        if words:
            marks = {f"w{i}": word for i, word in enumerate(words)}
            places = ", ".join(f":{name}" for name in marks)
            rows = self.fetch(f"SELECT term FROM {VOCAB_ROWS} WHERE term IN ({places})", marks)
            known |= {row[0] for row in rows}

        def possible(i: int) -> bool:
            phrase = phrases[i]
            whole = phrase.words[:-1] if phrase.prefix else phrase.words
            return all(word in known or not simple(word) for word in whole)

        return [i for i in rare if possible(i)]

    def _entities(self, i: int) -> int:
        """How many entities hold phrase ``i``: FTS5's own count, for the idf."""
        keys = self.keys[i]
        if len(keys) == 1 and not self.extra[i]:
            return self.docs[keys[0]]
        return self.fetch(_PHRASE_COUNT, {"p": self.plan.phrases[i].text})[0][0]

    def _idf(self, entities: int) -> float:
        idf = math.log((self.rows - entities + 0.5) / (entities + 0.5))
        return 1e-6 if idf <= 0.0 else idf


def gain(hits: Sequence[int], length: int, average: float) -> float:
    """bm25 of one phrase for an entity, without the phrase's idf: FTS5's formula in FTS5's
    order of operations."""
    frequency = weighted(hits)
    return (frequency * (K1 + 1.0)) / (frequency + K1 * (1 - B + B * float(length) / average))


def weighted(hits: Sequence[int]) -> float:
    """Hits weighted by column, summed as bm25 sums them (one hit at a time, in column order)."""
    frequency = 0.0
    for column, count in enumerate(hits):
        for _ in range(count):
            frequency += BM25_WEIGHTS[column]
    return frequency


def entity_lengths(fetch: Fetch, ids: list[int]) -> dict[int, int]:
    """Entity lengths as FTS5 counts them (its docsize table: one varint per column)."""
    rows = fetch(
        f"SELECT id, sz FROM {FTS_DOCSIZE} WHERE id IN (SELECT value FROM json_each(:ids))",
        {"ids": str(ids)},
    )
    return {
        row[0]: sum(row[1]) if max(row[1], default=0) < 0x80 else sum(varints(row[1]))
        for row in rows
    }


def allowed_ids(fetch: Fetch, sql: str, params: dict[str, Any], cache_key: object) -> set[int]:
    """The ids a filter allows. While the consultant types the filter stays and only the words
    change, so the set is kept per connection (``cache_key``) until the data changes: SQLite's
    ``data_version`` counts other connections' commits, ``total_changes()`` this one's."""
    stamp = tuple(fetch(_STAMP, {})[0])
    key = (cache_key, sql, tuple(sorted(params.items())))
    with _FILTERS_LOCK:
        found = _FILTERS.get(key) if cache_key is not None else None
        if found is not None and found[0] == stamp:
            _FILTERS.move_to_end(key)
            return found[1]
    ids = {row[0] for row in fetch(sql, params)}
    if cache_key is not None:
        with _FILTERS_LOCK:
            _FILTERS[key] = (stamp, ids)
            _FILTERS.move_to_end(key)
            while len(_FILTERS) > FILTER_SETS:
                _FILTERS.popitem(last=False)
    return ids


_STAMP = "SELECT (SELECT data_version FROM pragma_data_version), total_changes()"
FILTER_SETS = 8  # filters' id sets kept (a few connections, a few filters each)
_FILTERS: OrderedDict[tuple[Any, ...], tuple[tuple[Any, ...], set[int]]] = OrderedDict()
_FILTERS_LOCK = threading.Lock()


def simple(word: str) -> bool:
    """A word FTS5 reads as itself: ASCII letters and digits (its tokenizer folds nothing)."""
    return word.isascii() and word.isalnum()


def matches(node: Node, present: Callable[[int], bool]) -> bool:
    """Whether the expression matches an entity holding the phrases ``present`` says."""
    if isinstance(node, int):
        return present(node)
    operator, children = node
    test = all if operator == "AND" else any
    return test(matches(child, present) for child in children)


@lru_cache(maxsize=4096)
def counted(tree: Node, present: int) -> int | None:
    """The phrases FTS5 counts for an entity holding the ``present`` ones (bit masks): those
    whose every enclosing AND and OR matched — FTS5 clears the hits of a part of the expression
    that did not. None when the expression does not match at all."""

    def holds(node: Node) -> bool:
        return matches(node, lambda i: bool(present >> i & 1))

    def mark(node: Node) -> int:
        if isinstance(node, int):
            return 1 << node if present >> node & 1 else 0
        mask = 0
        for child in node[1]:
            if holds(child):
                mask |= mark(child)
        return mask

    return mark(tree) if holds(tree) else None


def _after(word: str) -> str:
    """The first string after every string starting with ``word`` (ASCII)."""
    return word[:-1] + chr(ord(word[-1]) + 1)
