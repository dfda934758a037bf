"""What each typed word may match: itself, its synonyms, and its compound or split spellings.

People write the same thing as one word or two ("cleanroom", "clean room"), in English or in
German ("Reinraum"), while the knowledge base uses one spelling. Expanding the *query* finds
them all without touching the index: every typed word becomes a group of alternatives, and a
hit must satisfy every group (or, in the fallback, any group).

- The word itself; the last one is a prefix (the word being typed).
- Its split forms as two adjacent words: "cleanroom" → "clean room", at each position where
  both halves have at least ``MIN_PART`` letters (at most ``MAX_SPLITS``, the middle first).
  Split halves are whole words, never prefixes: an unfinished half such as "the…" would make
  the index merge thousands of words on every keystroke.
- Two adjacent typed words joined: "clean room" also finds "cleanroom".
- Synonyms from :data:`desktop.core.kb.taxonomy.SYNONYMS`, for one word or a phrase of up to
  ``MAX_PHRASE`` typed words ("good manufacturing practice" → "GMP"). A phrase's alternatives
  join the group of each word it spans, so a hit with "GMP" satisfies all three groups.
- German compounds made of known words, with or without a linking "s"
  ("Forschungszentrum" → research *and* centre, in any spelling of either).

The result is plain data (:class:`Term` in nested tuples, the shape the storage backend
defines); the backend renders it into its own query syntax, quoting every word, so nothing
typed becomes syntax.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache

from desktop.core.kb import taxonomy
from desktop.core.storage.backend import Alternative, Group, Term, TermSet

__all__ = ["Alternative", "Group", "Term", "TermSet", "expand", "fold", "synonyms"]

MIN_PART = 3  # shortest half of a split or joined compound ("gen therapie", not "e health")
MAX_SPLITS = 8  # split positions tried per word; a 48-letter word would otherwise give 43
MAX_COMPOUNDS = 2  # decompositions into known words per typed word
MAX_PHRASE = 4  # longest synonym phrase looked up across typed words
_WORD = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Lower case without accents, as the index compares words ("Universität" = "universitat")."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def expand(tokens: Sequence[str]) -> tuple[Group, ...]:
    """One group of alternatives per token, the token itself first."""
    last = len(tokens) - 1
    groups: list[list[Alternative]] = [
        [((Term((token,), prefix=i == last and len(token) > 1),),)]
        for i, token in enumerate(tokens)
    ]
    for i, token in enumerate(tokens):
        groups[i] += [((Term(split),),) for split in _splits(token)]
        groups[i] += _compounds(token)
    for start in range(len(tokens)):
        for end in range(start + 1, min(start + MAX_PHRASE, len(tokens)) + 1):
            words = tuple(tokens[start:end])
            alternatives = [((term,),) for term in synonyms(words)]
            if len(words) == 2 and all(_compound_part(word) for word in words):
                joined = Term((words[0] + words[1],), prefix=end - 1 == last)
                alternatives.insert(0, ((joined,),))
            for i in range(start, end):
                groups[i] += alternatives
    return tuple(_unique(group) for group in groups)


def synonyms(words: Sequence[str]) -> tuple[Term, ...]:
    """Other spellings and translations of the phrase ``words`` (empty when it has none);
    the words run together count too ("med tech" → "medtech" → "medical technology")."""
    index = _synonym_index()
    members = index.get(_key(words)) or index.get(fold("".join(words)), ())
    return tuple(Term(member) for member in members if member != tuple(words))


# --- internals -----------------------------------------------------------------------------


def _key(words: Sequence[str]) -> str:
    return " ".join(fold(word) for word in words)


@cache
def _synonym_index() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Folded phrase (spaced, and run together) → the word tuples of every group it is in."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for group in taxonomy.SYNONYMS:
        members = [tuple(_WORD.findall(member.lower())) for member in group]
        for words in members:
            for key in {_key(words), fold("".join(words))}:
                bucket = index.setdefault(key, [])
                bucket += [member for member in members if member not in bucket]
    return {key: tuple(members) for key, members in index.items()}


def _compound_part(word: str) -> bool:
    return len(word) >= MIN_PART and word.isalpha()


def _positions(word: str) -> list[int]:
    """Split positions leaving both halves at least ``MIN_PART`` long, the middle first."""
    if not _compound_part(word):
        return []
    positions = range(MIN_PART, len(word) - MIN_PART + 1)
    return sorted(positions, key=lambda position: (abs(2 * position - len(word)), position))


def _splits(word: str) -> list[tuple[str, str]]:
    return [(word[:at], word[at:]) for at in _positions(word)[:MAX_SPLITS]]


def _compounds(word: str) -> list[Alternative]:
    """``word`` as two known words, each in any of its spellings: "Krebszentrum" → (Krebs or
    cancer) and (Zentrum or centre or center). At least one part must be in the synonym table,
    the other is kept as it is; a linking "s" after the first part is dropped."""
    index = _synonym_index()
    found: list[Alternative] = []
    for at in _positions(word):
        head, tail = word[:at], word[at:]
        linked = head[:-1] if head.endswith("s") and len(head) > MIN_PART else head
        if fold(head) not in index and fold(linked) in index:
            head = linked
        if fold(head) in index or fold(tail) in index:
            found.append(tuple((Term((part,)), *synonyms((part,))) for part in (head, tail)))
            if len(found) == MAX_COMPOUNDS:
                break
    return found


def _unique(group: list[Alternative]) -> Group:
    """The group without repeated alternatives; a word already there as a prefix is enough."""
    seen: set[tuple[str, ...]] = set()
    kept: list[Alternative] = []
    for alternative in group:
        single = len(alternative) == 1 and len(alternative[0]) == 1
        words = alternative[0][0].words if single else ()
        if alternative in kept or (single and words in seen):
            continue
        if single:
            seen.add(words)
        kept.append(alternative)
    return tuple(kept)
