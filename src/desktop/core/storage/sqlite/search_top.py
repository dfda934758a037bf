"""The best page of a broad query, ranked exactly with the rank index (see :mod:`search_rank`).

FTS5 ranks a query by scoring every match, about a microsecond each: the 58,000 entities
holding "Leipzig" in 100,000 cost 40 ms. Here the page is found without scoring them all:

1. The phrases are looked up (:mod:`search_terms`): a common one is scored from its classes,
   a rare one by FTS5 itself (exactly its part of the score), an empty one adds nothing.
2. Classes are read best first, length by length: for each entity length the index knows the
   best unread class of every common phrase, and with it the most an unread entity of that
   length could score — nothing at all where a phrase the expression needs has no unread
   class left. The length with the highest such bound is read next, from the phrase that
   adds most to it. Each entity read is scored exactly, as FTS5 scores it.
3. Reading stops when the page's last entity scores more than the highest bound: no unread
   entity can reach the page, nor tie with it (equal scores are ordered by id, and the bound
   must be beaten strictly), so the page equals the full ranking's.

None means the query is not one for the rank index: the caller ranks every match with SQL.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from desktop.core.storage.sqlite import search_rank
from desktop.core.storage.sqlite.fts_schema import FTS_COLUMNS, FTS_TABLE, RANK_CLASSES
from desktop.core.storage.sqlite.search_sql import Node, match_plan
from desktop.core.storage.sqlite.search_terms import (
    K1,
    B,
    Fetch,
    Phrases,
    allowed_ids,
    counted,
    entity_lengths,
    matches,
    weighted,
)

Page = list[tuple[int, float]]  # (entity id, bm25 score as FTS5 gives it), best first
FULL_RANK_LIMIT = 2500  # matches SQL ranks in full faster than classes are read for them
READ_LIMIT = 60_000  # entities scored before the query is handed back to SQL
MARGIN = 1e-9  # bounds are raised by this share against rounding


def best_matches(
    fetch: Fetch,
    groups: Sequence[Any],
    *,
    any_token: bool,
    need: int,
    filter_ids_sql: str | None = None,
    params: dict[str, Any] | None = None,
    cache_key: object = None,
    count_limit: int = 0,
) -> tuple[Page, int | None] | None:
    """The ``need`` best entities matching ``groups`` (and, given ``filter_ids_sql``, among the
    ids it selects with ``params``), ordered as the full ranking orders them; with the number
    of matches when that came for free, counted no further than ``count_limit`` (more: an
    unknown number above it), else None. None: rank this query with SQL. ``cache_key`` (the
    connection) lets the filter's ids be kept between searches."""
    plan = match_plan(groups, any_token=any_token)
    phrases = Phrases.look_up(fetch, plan)
    if phrases is None:
        return None
    keys = {key for found in phrases.keys for key in found}
    count = None
    if len(keys) > 1 or any(phrases.part):  # the matches may be few: then SQL ranks them faster
        cap = max(count_limit, FULL_RANK_LIMIT) + 1
        count = fetch(_COUNT, {"match": plan.expression, "cap": cap})[0][0]
        if count <= FULL_RANK_LIMIT:
            return None
    allowed = None
    if filter_ids_sql is not None:
        allowed = allowed_ids(fetch, filter_ids_sql, params or {}, cache_key)
    try:
        page, total = _Reader(phrases, max(0, need), allowed).read()
    except _TooBroad:
        return None
    if total is None and allowed is None and count_limit:
        total = count  # the count made above (beyond ``count_limit``: only "more")
    return page, total


_COUNT = (
    f"SELECT count(*) FROM (SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :match LIMIT :cap)"
)


class _TooBroad(Exception):
    """More to read than :data:`READ_LIMIT` allows."""


# A class: its weighted hit frequency, hits per column, and its ids (a blob as stored, or
# with a filter the allowed ids alone).
_Class = tuple[float, tuple[int, ...], bytes | list[int]]


class _Reader:
    """Reads classes best first and keeps the best ``need`` entities seen (see the module).

    Entities with rare words or phrases ("special") wait in a queue of their own, ordered by the
    most each could score; one is scored exactly when it leads both queues, so one that cannot
    reach the page is never looked up.
    """

    def __init__(self, phrases: Phrases, need: int, allowed: set[int] | None) -> None:
        self.phrases, self.need, self.allowed = phrases, need, allowed
        self.active = [i for i, keys in enumerate(phrases.keys) if keys]
        self.rare = [i for i, part in enumerate(phrases.part) if part]
        keys = sorted({key for i in self.active for key in phrases.keys[i]})
        self.lists: dict[str, dict[int, list[_Class]]] = {key: self._load(key) for key in keys}
        self.next = {key: dict.fromkeys(self.lists[key], 0) for key in keys}
        self.sets: dict[tuple[str, int], list[tuple[tuple[int, ...], set[int]]]] = {}
        self.special = set().union(
            *(phrases.part[i] for i in self.rare), *(phrases.extra[i] for i in self.active)
        )
        self.seen: set[int] = set()
        self.required = {  # keys every match holds (no other phrase can stand in for them)
            key
            for key in self.lists
            if not matches(
                phrases.tree,
                lambda i, key=key: bool(set(phrases.keys[i]) - {key} or phrases.part[i]),
            )
        }
        self.memo: dict[Any, float | None] = {}
        self.runs: list[tuple[float, list[int]]] = []  # (score, ids) of matches kept
        self.kept: list[tuple[float, int]] = []  # heap of (score, count): the best ``need``
        self.kept_count = 0
        self.matched = 0  # matches seen (within the allowed ids)
        self.read_count = 0

    def read(self) -> tuple[Page, int | None]:
        version: dict[int, int] = defaultdict(int)
        lengths = sorted({length for found in self.lists.values() for length in found})
        heap = [(-bound, length, 0) for length in lengths if (bound := self._bound(length)) > 0]
        heapq.heapify(heap)
        waiting = self._waiting()
        while self.need:
            while heap and heap[0][2] != version[heap[0][1]]:
                heapq.heappop(heap)
            best = max(-heap[0][0] if heap else 0.0, -waiting[0][0] if waiting else 0.0)
            if best <= 0.0 or (self.kept_count >= self.need and best < self.kept[0][0]):
                break
            if waiting and -waiting[0][0] >= best:
                _, entity, length = heapq.heappop(waiting)
                self._score_each((entity,), length, special=True)
                continue
            length = heap[0][1]
            self._read(length)
            version[length] += 1
            bound = self._bound(length)
            if bound > 0:
                heapq.heapreplace(heap, (-bound, length, version[length]))
            else:
                heapq.heappop(heap)
        return self._page(), self._total(exhausted=not heap and not waiting)

    # --- bounds and reading ----------------------------------------------------------------

    def _frequency(self, key: str, length: int, *, unread: bool = True) -> float:
        """The weighted hits of ``key``'s best (unread) class of this length (0: none)."""
        classes = self.lists[key].get(length, ())
        position = self.next[key].get(length, 0) if unread else 0
        return classes[position][0] if position < len(classes) else 0.0

    def _bound(
        self, length: int, extra: dict[int, float] | None = None, *, unread: bool = True
    ) -> float:
        """The most an entity of this length could score, 0 when it could not match: an unread
        one (from the best unread classes), or one with rare hits (``extra``: weighted hits of
        rare words per phrase, and rare phrases' exact parts under their own numbers)."""
        phrases, extra = self.phrases, extra or {}
        frequency = {
            i: sum(self._frequency(k, length, unread=unread) for k in phrases.keys[i])
            + extra.get(i, 0.0)
            for i in self.active
        }
        present = {i for i, f in frequency.items() if f > 0.0} | {
            i for i in extra if i in self.rare
        }
        if not matches(phrases.tree, present.__contains__):
            return 0.0
        norm = K1 * (1 - B + B * float(length) / phrases.average)
        total = sum(phrases.idf[i] * (f * (K1 + 1.0)) / (f + norm) for i, f in frequency.items())
        total += sum(part for i, part in extra.items() if i in self.rare)
        return total * (1.0 + MARGIN)

    def _waiting(self) -> list[tuple[float, int, int]]:
        """The special entities as a heap of (minus the most each could score, id, length)."""
        if not self.special:
            return []
        phrases = self.phrases
        lengths = entity_lengths(phrases.fetch, sorted(self.special))
        waiting = []
        bounds: dict[tuple[Any, ...], float] = {}
        for entity in self.special:
            signature = (lengths[entity], *self._rare_signature(entity))
            if signature not in bounds:
                extra = {
                    i: weighted(phrases.extra[i][entity])
                    for i in self.active
                    if entity in phrases.extra[i]
                }
                extra |= {
                    i: phrases.part[i][entity] for i in self.rare if entity in phrases.part[i]
                }
                bounds[signature] = self._bound(lengths[entity], extra, unread=False)
            if bounds[signature] > 0.0:
                waiting.append((-bounds[signature], entity, lengths[entity]))
        heapq.heapify(waiting)
        return waiting

    def _read(self, length: int) -> None:
        """Score the next class of this length, from the key that could add most to it."""
        weight = dict.fromkeys(self.lists, 0.0)
        for i in self.active:
            for key in self.phrases.keys[i]:
                weight[key] += self.phrases.idf[i] * self._frequency(key, length)
        key = max(weight, key=lambda k: weight[k])
        position = self.next[key][length]
        _, hits, stored = self.lists[key][length][position]
        self.next[key][length] = position + 1
        ids = _ids(stored)
        self.read_count += len(ids)
        if self.read_count > READ_LIMIT:
            raise _TooBroad
        if len(self.lists) == 1:  # one key: every entity of the class scores the same
            score = self._score({key: hits}, length, None)
            special = self.special
            kept = [i for i in ids if i not in special] if special else ids
            if score is not None:
                self._keep(score, list(kept))
        else:
            self._score_each(ids, length, special=False)

    def _load(self, key: str) -> dict[int, list[_Class]]:
        rows = self.phrases.fetch(
            f"SELECT hits, doclen, ids FROM {RANK_CLASSES} WHERE term = :key", {"key": key}
        )
        by_length: dict[int, list[_Class]] = defaultdict(list)
        allowed = self.allowed
        for packed, length, blob in rows:
            hits = search_rank.HITS.unpack(packed)
            ids: bytes | list[int] = blob
            if allowed is not None:  # filtered once: reading, lookups and the count share it
                ids = list(allowed.intersection(search_rank.ids_of(blob)))
                if not ids:
                    continue
            by_length[length].append((weighted(hits), hits, ids))
        for classes in by_length.values():
            classes.sort(key=lambda c: -c[0])
        return dict(by_length)

    def _sets(self, key: str, length: int) -> list[tuple[tuple[int, ...], set[int]]]:
        """``key``'s classes of one length as (hits, ids) sets, made when first asked."""
        found = self.sets.get((key, length))
        if found is None:
            found = [(hits, set(_ids(ids))) for _, hits, ids in self.lists[key].get(length, ())]
            self.sets[key, length] = found
        return found

    # --- scoring ---------------------------------------------------------------------------

    def _score_each(self, ids: Iterable[int], length: int, *, special: bool) -> None:
        """Score entities of one length with several keys or rare hits in play: they are
        split key by key into groups holding the same class of every key (set operations,
        class by class), and each group is scored once; an entity without a key every match
        needs is dropped on the way. Special entities come one at a time."""
        waiting, seen = self.special, self.seen
        wanted = set(self._allowed(ids) if special else ids) - seen
        if not special:
            wanted -= waiting
        if not wanted:
            return
        seen |= wanted
        groups: list[tuple[set[int], dict[str, tuple[int, ...]]]] = [(wanted, {})]
        for key in sorted(self.lists, key=lambda k: k not in self.required):
            split: list[tuple[set[int], dict[str, tuple[int, ...]]]] = []
            for members, held in groups:
                rest = members
                for key_hits, holders in self._sets(key, length):
                    found = rest.intersection(holders)
                    if found:
                        split.append((found, {**held, key: key_hits}))
                        rest = rest - found
                if rest and (special or key not in self.required):
                    split.append((rest, held))
            groups = split
        memo = self.memo
        for members, held in groups:
            signature: tuple[Any, ...] = (length, *sorted(held.items()))
            entity = next(iter(members)) if special else None
            if entity is not None:
                signature += self._rare_signature(entity)
            if signature not in memo:
                memo[signature] = self._score(held, length, entity)
            score = memo[signature]
            if score is not None:
                self._keep(score, list(members))

    def _rare_signature(self, entity: int) -> tuple[Any, ...]:
        """What an entity's rare words and phrases add: equal for equal scores."""
        phrases = self.phrases
        extra = tuple(tuple(phrases.extra[i].get(entity, ())) for i in self.active)
        return (extra, tuple(phrases.part[i].get(entity) for i in self.rare))

    def _score(
        self, hits: dict[str, tuple[int, ...]], length: int, entity: int | None
    ) -> float | None:
        """An entity's bm25 sum (FTS5 returns it negated), None when it does not match;
        ``entity`` is given for one with rare hits."""
        phrases = self.phrases
        present = 0
        parts: dict[int, float] = {}
        for i in self.active:
            counts = [0] * len(FTS_COLUMNS)
            for key in phrases.keys[i]:
                for column, count in enumerate(hits.get(key, ())):
                    counts[column] += count
            if entity is not None:
                for column, count in enumerate(phrases.extra[i].get(entity, ())):
                    counts[column] += count
            if any(counts):
                present |= 1 << i
                parts[i] = phrases.contribution(i, counts, length)
        for i in self.rare if entity is not None else ():
            if entity in phrases.part[i]:
                present |= 1 << i
                parts[i] = phrases.part[i][entity]
        mask = counted(phrases.tree, present)
        if mask is None:
            return None
        score = 0.0
        for i in sorted(parts):  # FTS5 adds the phrases' parts in this order
            if mask >> i & 1:
                score += parts[i]
        return score

    def _allowed(self, ids: Iterable[int]) -> Iterable[int]:
        """The ids the filter allows (all without a filter)."""
        return ids if self.allowed is None else self.allowed.intersection(ids)

    def _keep(self, score: float, ids: list[int]) -> None:
        if not ids:
            return
        self.runs.append((score, ids))
        self.matched += len(ids)
        heapq.heappush(self.kept, (score, len(ids)))
        self.kept_count += len(ids)
        while self.kept_count - self.kept[0][1] >= self.need:
            self.kept_count -= heapq.heappop(self.kept)[1]

    # --- the result ------------------------------------------------------------------------

    def _page(self) -> Page:
        last = self.kept[0][0] if self.kept_count >= self.need and self.kept else -math.inf
        chosen = sorted(
            (-score, entity) for score, ids in self.runs if score >= last for entity in ids
        )
        return [(entity, -1.0 * -negated) for negated, entity in chosen[: self.need]]

    def _total(self, *, exhausted: bool) -> int | None:
        """The number of matches when known without SQL: every class was read, or one key
        alone decides what matches, or a filter's ids are at hand (the expression is then
        worked out on sets of allowed ids)."""
        if exhausted:
            return self.matched
        if self.allowed is None:
            if self.special or len(self.lists) != 1 or len(self.active) != 1:
                return None
            if not matches(self.phrases.tree, lambda i: i == self.active[0]):
                return 0
            return self.phrases.docs[next(iter(self.lists))]
        return len(self._allowed_matches(self.phrases.tree))

    def _allowed_matches(self, node: Node) -> set[int]:
        """The allowed entities matching ``node`` of the expression."""
        allowed = self.allowed or set()
        if isinstance(node, int):
            phrases = self.phrases
            found = allowed.intersection(phrases.part[node])
            found |= allowed.intersection(phrases.extra[node])
            for key in phrases.keys[node]:
                for classes in self.lists[key].values():
                    for _, _, stored in classes:
                        found.update(_ids(stored))
            return found
        operator, children = node
        sets = [self._allowed_matches(child) for child in children]
        return set.intersection(*sets) if operator == "AND" else set.union(*sets)


def _ids(stored: bytes | list[int]) -> Sequence[int]:
    return search_rank.ids_of(stored) if isinstance(stored, bytes) else stored
