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
from array import array
from bisect import bisect_left
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Any

from desktop.core.storage.sqlite.fts import prefixes, rank_classes
from desktop.core.storage.sqlite.fts.queries import MatchPlan, Node
from desktop.core.storage.sqlite.fts.schema import (
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

# Runs one statement with named parameters; rows are read by position.
Fetch = Callable[[str, dict[str, Any]], Sequence[Sequence[Any]]]

K1, B = 1.2, 0.75  # FTS5's bm25 constants
_COLUMN = {name: i for i, name in enumerate(FTS_COLUMNS)}
_TABLES = (RANK_STATE, RANK_TERMS, RANK_CLASSES, VOCAB_HITS, VOCAB_ROWS)
_PHRASE_SCORES = f"SELECT rowid, rank FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :p"
_PHRASE_COUNT = f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :p"
_PHRASE_FEW = (  # counted without scoring: a common phrase is given up before its scores are
    f"SELECT count(*) FROM (SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :p LIMIT :cap)"
)


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
        self.held: list[int | None] = [None] * count  # entities holding a common phrase
        self.whole: set[int] = set()  # prefix phrases no longer word of the index starts with
        self.docs: dict[str, int] = {}  # entities per key

    @classmethod
    def look_up(cls, fetch: Fetch, plan: MatchPlan, cache_key: object = None) -> Phrases | None:
        """The phrases, or None when the rank index cannot rank this query: missing, stale,
        or a phrase neither common nor rare (several words in many entities), or nothing
        common (then the matches are few and SQL ranks them). What the rank index is (made,
        current, its threshold and averages) is kept per connection (``cache_key``) until
        the data changes."""
        state = _rank_state(fetch, cache_key)
        if state is None:
            return None
        min_docs, rows, average = state
        phrases = cls(fetch, plan, rows, average)
        return phrases if phrases._sort(min_docs) else None

    def expression(self) -> str:
        """The MATCH string without the phrases no entity holds, and with a prefix that stands
        for its own word alone written as that word. FTS5 finds the same entities and scores
        them to the same bit (such a phrase adds 0.0 to every score; a word's hits are the
        same read whole or as a prefix), but merging a prefix's words costs it as much as
        scoring the matches. Empty: nothing can match."""

        def render(node: Node) -> str | None:
            if isinstance(node, int):
                if not (self.keys[node] or self.part[node]):
                    return None
                text = self.plan.phrases[node].text
                return text[:-1] if node in self.whole else text
            operator, children = node
            parts = [render(child) for child in children]
            if operator == "AND" and None in parts:
                return None
            kept = [part for part in parts if part is not None]
            joined = f" {operator} ".join(kept)
            return None if not kept else kept[0] if len(kept) == 1 else f"({joined})"

        return render(self.tree) or ""

    def contribution(self, i: int, hits: Sequence[int], length: int) -> float:
        """Phrase ``i``'s part of an entity's score, as FTS5's bm25 adds it."""
        return self.idf[i] * gain(hits, length, self.average)

    # --- sorting the phrases ---------------------------------------------------------------

    def _sort(self, min_docs: int) -> bool:
        phrases = self.plan.phrases
        self.docs = self._common(
            sorted({w for p in phrases for w in p.words if simple(w)}),
            sorted({p.words[0] for p in phrases if p.prefix and len(p.words) == 1}),
        )
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
            elif (complete := prefixes.key(word)) in self.docs:
                self.keys[i] = (complete,)  # all its words, rare ones too
            else:
                common = self._prefixed(word)
                if not common:
                    rare.append(i)
                    continue
                if not self._extra_hits(i, word, common, min_docs):
                    return False
                if common == [word] and not self.extra[i]:
                    self.whole.add(i)  # the prefix stands for its own word alone
                combined = " ".join(common)
                self.keys[i] = (combined,) if combined in self.docs else tuple(common)
        if not matches(self.tree, lambda i: bool(self.keys[i])):
            return False  # nothing common, or every match holds a rare phrase: SQL ranks them
        parts: dict[str, dict[int, float]] = {}  # a phrase may stand in the expression twice
        for i in self._possible(rare):
            text = self.plan.phrases[i].text
            if text not in parts:
                if self.fetch(_PHRASE_FEW, {"p": text, "cap": min_docs + 1})[0][0] > min_docs:
                    return False
                parts[text] = {row[0]: -row[1] for row in self.fetch(_PHRASE_SCORES, {"p": text})}
            self.part[i] = parts[text]
        for i, keys in enumerate(self.keys):
            if keys:
                self.held[i] = self._entities(i)
                self.idf[i] = self._idf(self.held[i])
        return True

    def _common(self, words: Sequence[str], prefixes: Sequence[str] = ()) -> dict[str, int]:
        """The rank index's terms among ``words`` and starting with ``prefixes`` (with the
        keys of their sets), and how many entities hold each: one statement."""
        if not words and not prefixes:
            return {}
        marks = {f"w{i}": word for i, word in enumerate(words)}
        clauses = [f"term IN ({', '.join(f':{name}' for name in marks)})"] if marks else []
        for i, prefix in enumerate(prefixes):
            marks |= {f"low{i}": prefix, f"high{i}": _after(prefix)}
            clauses.append(f"(term >= :low{i} AND term < :high{i})")
        where = " OR ".join(clauses)
        rows = self.fetch(f"SELECT term, docs FROM {RANK_TERMS} WHERE {where}", marks)
        return {row[0]: row[1] for row in rows}

    def _prefixed(self, word: str) -> list[str]:
        """The common terms starting with ``word`` (looked up with the words, as is their
        set's key)."""
        high = _after(word)
        return sorted(t for t in self.docs if word <= t < high and not {" ", "*"} & set(t))

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


class ClassIds:
    """One class's entity ids: ascending as stored, or with a filter the allowed ones as a set.
    Asked which of some entities it holds, it looks them up by binary search while few are
    asked, and makes a set once many are."""

    __slots__ = ("asked", "blob", "decoded", "held")

    def __init__(self, blob: bytes, held: set[int] | None = None) -> None:
        self.blob, self.held = blob, held
        self.decoded: array[int] | None = None
        self.asked = 0

    def __len__(self) -> int:
        return len(self.held) if self.held is not None else len(self.blob) // _ID_SIZE

    def all(self) -> Iterable[int]:
        if self.held is not None:
            return self.held
        if self.decoded is None:
            self.decoded = rank_classes.ids_of(self.blob)
        return self.decoded

    def among(self, wanted: set[int]) -> set[int]:
        held = self.held
        if held is None:
            ids = self.decoded = self.decoded or rank_classes.ids_of(self.blob)
            self.asked += len(wanted)
            if self.asked * PROBE < len(ids):
                end = len(ids)
                return {e for e in wanted if (i := bisect_left(ids, e)) < end and ids[i] == e}
            held = self.held = set(ids)
        return wanted & held


_ID_SIZE = array(rank_classes.ID_TYPE).itemsize
PROBE = 16  # a binary search costs about this many set insertions


def gain(hits: Sequence[int], length: int, average: float) -> float:
    """bm25 of one phrase for an entity, without the phrase's idf: FTS5's formula in FTS5's
    order of operations."""
    frequency = weighted(hits)
    return (frequency * (K1 + 1.0)) / (frequency + K1 * (1 - B + B * float(length) / average))


@lru_cache(maxsize=8192)
def class_hits(packed: bytes) -> tuple[float, tuple[int, ...]]:
    """A class's hits per column as stored, and their weighted sum (a query reads hundreds of
    classes, and few distinct hits recur among them)."""
    hits = rank_classes.HITS.unpack(packed)
    return weighted(hits), hits


def weighted(hits: Sequence[int]) -> float:
    """Hits weighted by column, summed as bm25 sums them (one hit at a time, in column order)."""
    frequency = 0.0
    for column, count in enumerate(hits):
        for _ in range(count):
            frequency += BM25_WEIGHTS[column]
    return frequency


def entity_lengths(fetch: Fetch, ids: list[int]) -> dict[int, int]:
    """Entity lengths as FTS5 counts them (its docsize table: one varint per column)."""
    if not ids:
        return {}
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
    change, so the set is kept per connection (``cache_key``) until the data changes."""
    key = None if cache_key is None else (cache_key, sql, tuple(sorted(params.items())))
    return _kept(fetch, key, lambda: {row[0] for row in fetch(sql, params)})


def _rank_state(fetch: Fetch, cache_key: object) -> tuple[int, int, float] | None:
    """The rank index's threshold, with the row count and average length of the entities
    (bm25's), when it is made and current; else None. Kept per connection."""

    def state() -> tuple[int, int, float] | None:
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
        totals = varints(averages) if min_docs is not None and current and averages else [0]
        rows, tokens = totals[0], sum(totals[1 : 1 + len(FTS_COLUMNS)])
        return (min_docs, rows, float(tokens) / float(rows)) if rows > 0 else None

    return _kept(fetch, None if cache_key is None else (cache_key,), state)


def _kept(fetch: Fetch, key: tuple[Any, ...] | None, make: Callable[[], Any]) -> Any:
    """``make()``, kept under ``key`` (None: not kept) until the data changes (:data:`_STAMP`)."""
    stamp = tuple(fetch(_STAMP, {})[0])
    with _KEPT_LOCK:
        found = _KEPT.get(key) if key is not None else None
        if found is not None and found[0] == stamp:
            _KEPT.move_to_end(key)
            return found[1]
    value = make()
    if key is not None:
        with _KEPT_LOCK:
            _KEPT[key] = (stamp, value)
            _KEPT.move_to_end(key)
            while len(_KEPT) > KEPT:
                _KEPT.popitem(last=False)
    return value


_STAMP = (  # what changes with the data: other connections' commits, this one's writes, schema
    "SELECT (SELECT data_version FROM pragma_data_version), total_changes(),"
    " (SELECT schema_version FROM pragma_schema_version)"
)
KEPT = 16  # filters' id sets and rank index states kept (a few connections, a few filters)
_KEPT: OrderedDict[tuple[Any, ...], tuple[tuple[Any, ...], Any]] = OrderedDict()
_KEPT_LOCK = threading.Lock()


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
def counted_phrases(tree: Node, present: int) -> int | None:
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
