"""The best page of a broad query, ranked exactly with the rank index (see :mod:`rank`).

FTS5 ranks a query by scoring every match, about a microsecond each: the 58,000 entities
holding "Leipzig" in 100,000 cost 40 ms. Here the page is found without scoring them all:

1. The phrases are looked up (:mod:`terms`): a common one is scored from its classes,
   a rare one by FTS5 itself (exactly its part of the score), an empty one adds nothing.
   Matches found few by FTS5's count are ranked by FTS5 after all, from the expression
   without its empty phrases (:meth:`Phrases.expression`: the same scores, cheaper).
2. The entities with rare hits ("special": a rare phrase, or a prefix's rare words) are
   scored first, all of them, each exactly.
3. Classes are read best first, length by length: for each entity length the index knows the
   best unread class of every common phrase, and with it the most an unread entity of that
   length could score — nothing at all where a phrase the expression needs has no unread
   class left. The length with the highest such bound is read next, from the phrase that
   adds most to it (or the needed one with fewest entities left). Each entity read is found
   in the other phrases' classes (:class:`ClassIds`) and scored exactly, as FTS5 scores it.
   With one phrase of one key every class's score is known at once: read in score order.
4. Reading stops when the page's last entity scores more than the highest bound: no unread
   entity can reach the page, nor tie with it (equal scores are ordered by id, and the bound
   must be beaten strictly), so the page equals the full ranking's.

None means the query is not one for the rank index: the caller ranks every match with SQL. A
filtered query the rank index cannot serve is ranked here by FTS5 among the allowed matches.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from desktop.core.storage.sqlite.fts import rank_classes
from desktop.core.storage.sqlite.fts.queries import (
    Node,
    count_matches_sql,
    match_plan,
    ranked_among,
    ranked_ids_sql,
)
from desktop.core.storage.sqlite.fts.schema import FTS_COLUMNS, RANK_CLASSES
from desktop.core.storage.sqlite.fts.terms import (
    K1,
    B,
    ClassIds,
    Fetch,
    Phrases,
    allowed_ids,
    class_hits,
    counted_phrases,
    entity_lengths,
    matches,
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
    phrases = Phrases.look_up(fetch, plan, cache_key)
    allowed = None
    if filter_ids_sql is not None:
        allowed = allowed_ids(fetch, filter_ids_sql, params or {}, cache_key)
    if phrases is None:
        return None if allowed is None else ranked_among(fetch, plan.expression, allowed, need)
    keys = {key for found in phrases.keys for key in found}
    count = None
    if allowed is None and (len(keys) > 1 or any(phrases.part)):
        # the matches may be few: then FTS5 ranks them faster, from the expression as the
        # index sees it (with a filter the classes are read anyway, to count the allowed
        # matches: SQL would test the filter on each match)
        match = phrases.expression()
        if not match:
            return [], 0
        cap = max(count_limit, FULL_RANK_LIMIT + 1)
        count = fetch(count_matches_sql(), {"match": match, "cap": cap})[0][0]
        if count <= FULL_RANK_LIMIT:
            values = {"match": match, "limit": max(0, need), "offset": 0}
            return [(row[0], row[1]) for row in fetch(ranked_ids_sql(), values)], count
    try:
        page, total = _Reader(phrases, max(0, need), allowed).read(count=count_limit > 0)
    except _TooBroad:
        return None if allowed is None else ranked_among(fetch, phrases.expression(), allowed, need)
    if total is None and allowed is None and count_limit:
        total = count  # the count made above (beyond ``count_limit``: only "more")
    return page, total


class _TooBroad(Exception):
    """More to read than :data:`READ_LIMIT` allows."""


# A class: its weighted hit frequency, hits per column, and its ids.
_Class = tuple[float, tuple[int, ...], ClassIds]


class _Reader:
    """Scores the special entities, then reads classes best first and keeps the best ``need``
    entities seen (see the module)."""

    def __init__(self, phrases: Phrases, need: int, allowed: set[int] | None) -> None:
        self.phrases, self.need, self.allowed = phrases, need, allowed
        self.active = [i for i, keys in enumerate(phrases.keys) if keys]
        self.rare = [i for i, part in enumerate(phrases.part) if part]
        keys = sorted({key for i in self.active for key in phrases.keys[i]})
        self.lists: dict[str, dict[int, list[_Class]]] = {key: self._load(key) for key in keys}
        self.next = {key: dict.fromkeys(self.lists[key], 0) for key in keys}
        self.unread = {  # per key and length: entities in classes not read yet
            k: {length: sum(len(c[2]) for c in found) for length, found in by.items()}
            for k, by in self.lists.items()
        }
        special: set[int] = set().union(
            *(phrases.part[i] for i in self.rare), *(phrases.extra[i] for i in self.active)
        )
        self.special = special if allowed is None else special & allowed
        self.seen: set[int] = set()
        self.required = {  # keys every match holds (no other phrase can stand in for them)
            key
            for key in self.lists
            if not matches(
                phrases.tree,
                lambda i, key=key: bool(set(phrases.keys[i]) - {key} or phrases.part[i]),
            )
        }
        self.order = sorted(self.lists, key=lambda k: k not in self.required)
        alone = len(self.lists) == len(self.active) == 1 and not self.rare and not self.special
        self.single = alone and bool(counted_phrases(phrases.tree, 1 << self.active[0]))
        self.memo: dict[Any, float | None] = {}
        self.runs: list[tuple[float, list[int]]] = []  # (score, ids) of matches kept
        self.kept: list[tuple[float, int]] = []  # heap of (score, count): the best ``need``
        self.kept_count = 0
        self.matched = 0  # matches seen (within the allowed ids)
        self.read_count = 0

    def read(self, *, count: bool = True) -> tuple[Page, int | None]:
        """The page, and the number of matches when it came for free (or, with ``count``,
        when sets of allowed ids can tell it)."""
        if not self.need:
            return [], self._total(exhausted=False, count=count)
        by_length: dict[int, set[int]] = defaultdict(set)
        for entity, length in entity_lengths(self.phrases.fetch, sorted(self.special)).items():
            by_length[length].add(entity)
        for length, entities in by_length.items():
            self._score_each(entities, length, special=True)
        if self.single:  # every class has its score: read them in that order
            exhausted = self._read_single()
            return self._page(), self._total(exhausted=exhausted, count=count)
        version: dict[int, int] = defaultdict(int)
        lengths = sorted({length for found in self.lists.values() for length in found})
        heap = [(-bound, length, 0) for length in lengths if (bound := self._bound(length)) > 0]
        heapq.heapify(heap)
        while heap:
            if heap[0][2] != version[heap[0][1]]:
                heapq.heappop(heap)
                continue
            if self.kept_count >= self.need and -heap[0][0] < self.kept[0][0]:
                break
            length = heap[0][1]
            self._read(length)
            version[length] += 1
            bound = self._bound(length)
            if bound > 0:
                heapq.heapreplace(heap, (-bound, length, version[length]))
            else:
                heapq.heappop(heap)
        return self._page(), self._total(exhausted=not heap, count=count)

    # --- bounds and reading ----------------------------------------------------------------

    def _read_single(self) -> bool:
        """One phrase of one key decides every score: score each class as FTS5 would (the
        arithmetic of :meth:`Phrases.contribution`) and keep the best; True when all were."""
        (key,), i = self.lists, self.active[0]
        idf, average = self.phrases.idf[i], self.phrases.average
        scored = []
        for length, classes in self.lists[key].items():
            norm = K1 * (1 - B + B * float(length) / average)
            scored += [(idf * ((f * (K1 + 1.0)) / (f + norm)), ids) for f, _, ids in classes]
        scored.sort(key=lambda c: -c[0])
        for score, stored in scored:
            if self.kept_count >= self.need and score < self.kept[0][0]:
                return False
            self._keep(score, [*stored.all()])
        return True

    def _frequency(self, key: str, length: int) -> float:
        """The weighted hits of ``key``'s best unread class of this length (0: none)."""
        classes = self.lists[key].get(length, ())
        position = self.next[key].get(length, 0)
        return classes[position][0] if position < len(classes) else 0.0

    def _bound(self, length: int) -> float:
        """The most an unread entity of this length could score (from the best unread
        classes), 0 when it could not match. Unread entities have no rare hits: those with
        any were scored first."""
        phrases, present, total = self.phrases, 0, 0.0
        norm = K1 * (1 - B + B * float(length) / phrases.average)
        for i in self.active:
            f = sum(self._frequency(k, length) for k in phrases.keys[i])
            if f > 0.0:
                present |= 1 << i
                total += phrases.idf[i] * (f * (K1 + 1.0)) / (f + norm)
        if counted_phrases(phrases.tree, present) is None:
            return 0.0
        return total * (1.0 + MARGIN)

    def _read(self, length: int) -> None:
        """Score the next class of this length, from the key that could add most to it; or,
        when a key every match needs has no more unread entities of this length than that
        class, all of that key's (without them nothing unread of this length can match)."""
        weight = dict.fromkeys(self.lists, 0.0)
        for i in self.active:
            for key in self.phrases.keys[i]:
                weight[key] += self.phrases.idf[i] * self._frequency(key, length)
        key = max(weight, key=lambda k: weight[k])
        unread = self.unread
        size = len(self.lists[key][length][self.next[key][length]][2])
        needed = [k for k in self.required if unread[k].get(length)]
        if needed:
            fewest = min(needed, key=lambda k: unread[k][length])
            if unread[fewest][length] <= size:
                key = fewest
        position = self.next[key][length]
        _, hits, stored = self.lists[key][length][position]
        self.next[key][length] = position + 1
        ids = stored.all()
        unread[key][length] -= len(stored)
        self.read_count += len(stored)
        if self.read_count > READ_LIMIT:
            raise _TooBroad
        special = self.special
        if len(self.lists) == 1:  # one key: every entity of the class scores the same
            score = self._score({key: hits}, length, None)
            if score is not None:
                self._keep(score, [i for i in ids if i not in special] if special else [*ids])
        else:
            self._score_each(set(ids) - self.seen - special, length, special=False)

    def _load(self, key: str) -> dict[int, list[_Class]]:
        rows = self.phrases.fetch(
            f"SELECT hits, doclen, ids FROM {RANK_CLASSES} WHERE term = :key", {"key": key}
        )
        by_length: dict[int, list[_Class]] = defaultdict(list)
        allowed = self.allowed
        for packed, length, blob in rows:
            frequency, hits = class_hits(packed)
            if allowed is None:
                by_length[length].append((frequency, hits, ClassIds(blob)))
                continue
            held = allowed.intersection(rank_classes.ids_of(blob))  # filtered once: reading,
            if held:  # lookups and the count share it
                by_length[length].append((frequency, hits, ClassIds(b"", held)))
        for classes in by_length.values():
            classes.sort(key=lambda c: -c[0])
        return dict(by_length)

    # --- scoring ---------------------------------------------------------------------------

    def _score_each(self, wanted: set[int], length: int, *, special: bool) -> None:
        """Score entities of one length with several keys or rare hits in play: they are
        split key by key into groups holding the same class of every key (class by class),
        and each group is scored once (a special entity on its own, with its rare hits); an
        entity without a key every match needs is dropped on the way."""
        if not wanted:
            return
        self.seen |= wanted
        groups: list[tuple[set[int], dict[str, tuple[int, ...]]]] = [(wanted, {})]
        for key in self.order:
            split: list[tuple[set[int], dict[str, tuple[int, ...]]]] = []
            for members, held in groups:
                rest = members
                for _, key_hits, stored in self.lists[key].get(length, ()):
                    found = stored.among(rest)
                    if found:
                        split.append((found, {**held, key: key_hits}))
                        rest = rest - found
                        if not rest:
                            break
                if rest and (special or key not in self.required):
                    split.append((rest, held))
            groups = split
        memo = self.memo
        for members, held in groups:
            signature: tuple[Any, ...] = (length, *sorted(held.items()))
            if not special:
                if signature not in memo:
                    memo[signature] = self._score(held, length, None)
                if (score := memo[signature]) is not None:
                    self._keep(score, list(members))
                continue
            scored: dict[float, list[int]] = defaultdict(list)
            for entity in members:
                own = (*signature, *self._rare_signature(entity))
                if own not in memo:
                    memo[own] = self._score(held, length, entity)
                if (score := memo[own]) is not None:
                    scored[score].append(entity)
            for score, entities in scored.items():
                self._keep(score, entities)

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
        mask = counted_phrases(phrases.tree, present)
        if mask is None:
            return None
        score = 0.0
        for i in sorted(parts):  # FTS5 adds the phrases' parts in this order
            if mask >> i & 1:
                score += parts[i]
        return score

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
        chosen = sorted((-score, e) for score, ids in self.runs if score >= last for e in ids)
        return [(entity, -1.0 * -negated) for negated, entity in chosen[: self.need]]

    def _total(self, *, exhausted: bool, count: bool) -> int | None:
        """The number of matches when known without SQL: every class was read, or one phrase
        alone decides what matches (its count made its idf), or a filter's ids are at hand
        (the expression is then worked out on sets of allowed ids)."""
        if exhausted:
            return self.matched
        if self.allowed is not None:
            return len(self._allowed_matches(self.phrases.tree)) if count else None
        if len(live := self.active + self.rare) != 1:
            return None
        return self.phrases.held[live[0]] if matches(self.phrases.tree, live.__contains__) else 0

    def _allowed_matches(self, node: Node) -> set[int]:
        """The allowed entities matching ``node`` of the expression."""
        allowed = self.allowed or set()
        if isinstance(node, int):
            phrases = self.phrases
            found = allowed.intersection(phrases.part[node])
            found |= allowed.intersection(phrases.extra[node])
            for key in phrases.keys[node]:
                found.update(*(c[2].all() for classes in self.lists[key].values() for c in classes))
            return found
        operator, children = node
        sets = [self._allowed_matches(child) for child in children]
        return set.intersection(*sets) if operator == "AND" else set.union(*sets)
