"""Complete prefix keys: the classes of every word a short prefix stands for, rare ones too.

A prefix phrase ("bi"*, the word being typed) is scored per entity from the sum of its words'
hits. Its common words have classes of their own, but a short prefix also stands for hundreds
of rare words, and without their sum in classes each query would read all of their hits — or
let FTS5 score every match. So each short prefix (:data:`MIN_PREFIX` to :data:`UP_TO` letters)
that stands for several words held together by at least the threshold's number of entities
gets a key of its own, ``prefix*`` (no word holds a ``*``), whose classes sum the hits of
*all* its words: such a phrase is read from one key, like a common word. Longer prefixes stand
for few rare words; their common words' sets have keys (:func:`rank_classes.prefix_keys`) and
their rare words are read at query time.

A build reads the words in order (the hits of the rare ones a range at a time) and sums them
into the deepest open prefix, which adds its sums to the prefix around it when it closes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

MIN_PREFIX = 2  # shortest prefix with a key of its own
UP_TO = 4  # longest prefix whose key sums all its words (longer: common words only)
MARK = "*"  # ends a complete prefix's key

Sums = dict[int, int]  # entity → its hits of the words summed so far, packed in one integer


def key(prefix: str) -> str:
    """The key of a prefix's classes."""
    return prefix + MARK


def is_key(term: str) -> bool:
    return term.endswith(MARK)


def prefixes_of(term: str) -> Iterable[str]:
    """The prefixes of ``term`` that may have a key, shortest first."""
    return (term[:length] for length in range(MIN_PREFIX, min(UP_TO, len(term)) + 1))


def complete_prefixes(vocabulary: dict[str, int], threshold: int) -> set[str]:
    """The prefixes that get a key: of ASCII letters and digits (as typed queries are), standing
    for several words whose entity counts add up to ``threshold`` at least."""
    words: dict[str, int] = defaultdict(int)
    held: dict[str, int] = defaultdict(int)
    for term, docs in vocabulary.items():
        for prefix in prefixes_of(term):
            words[prefix] += 1
            held[prefix] += docs
    return {
        prefix
        for prefix, count in words.items()
        if count > 1 and held[prefix] >= threshold and prefix.isascii() and prefix.isalnum()
    }


def add(into: Sums, sums: Sums) -> Sums:
    """``into`` plus ``sums``, made by adding the smaller to the larger (either may be used)."""
    if len(into) < len(sums):
        into, sums = sums, into
    for doc, hits in sums.items():
        into[doc] += hits
    return into


class Summing:
    """The complete prefixes open along the words in sorted order, each with its sums; a prefix
    is written (by ``write``: key, sums) once the words pass beyond it."""

    def __init__(self, complete: set[str], write: Callable[[str, Sums], None]) -> None:
        self.complete, self.write = complete, write
        self.open: list[tuple[str, Sums]] = []  # nested prefixes of the current word

    def add(self, term: str, sums: Sums) -> None:
        """Add one word's hits (``sums`` may be taken over)."""
        if self.enter(term) is not None:
            prefix, summed = self.open[-1]
            self.open[-1] = (prefix, add(summed, sums))

    def enter(self, term: str) -> Sums | None:
        """Close the prefixes ``term`` is beyond and open its own; the sums its hits go to
        (its deepest complete prefix's), None when it has none."""
        while self.open and not term.startswith(self.open[-1][0]):
            self._close()
        depth = len(self.open[-1][0]) if self.open else 0
        for prefix in prefixes_of(term):
            if len(prefix) > depth and prefix in self.complete:
                self.open.append((prefix, defaultdict(int)))
        return self.open[-1][1] if self.open else None

    def finish(self) -> None:
        while self.open:
            self._close()

    def _close(self) -> None:
        prefix, sums = self.open.pop()
        if sums:
            self.write(key(prefix), sums)
        if self.open:
            outer, summed = self.open[-1]
            self.open[-1] = (outer, add(summed, sums))


def summed_hits(
    found: dict[str, dict[int, list[int]]], complete: Iterable[str]
) -> dict[str, dict[int, list[int]]]:
    """Per complete key, the hits per column of its words among ``found`` (word → entity →
    hits per column: every word of some entities), summed per entity."""
    wanted = {key_[: -len(MARK)]: key_ for key_ in complete}
    summed: dict[str, dict[int, list[int]]] = {}
    for term, hits in found.items():
        for prefix in prefixes_of(term):
            if prefix not in wanted:
                continue
            into = summed.setdefault(wanted[prefix], {})
            for entity, counts in hits.items():
                now = into.get(entity, [0] * len(counts))
                into[entity] = [a + b for a, b in zip(now, counts, strict=True)]
    return summed
