"""The two sides of a match: what an investor is looking for, and what an entity or fact offers.

Kept apart from :mod:`desktop.core.briefs.matching` (the ranking) and
:mod:`desktop.core.briefs.rules` (which entities serve which need) because both read these
types: with them here, the rules depend on the inputs and the ranking on the rules, one way.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Interest:
    """What an investor is looking for (from a prospect record or a profile file)."""

    sectors: tuple[str, ...] = ()
    activities: tuple[str, ...] = ()
    requirements: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Candidate:
    """What matching needs to know about an entity."""

    entity_id: int
    slug: str
    name: str
    short_name: str | None
    kind: str
    sectors: frozenset[str]
    tags: frozenset[str]
    space: frozenset[str]
    text: str  # name, acronym, tag labels and description, for keyword search


@dataclass(frozen=True)
class FactCandidate:
    """What matching needs to know about a fact: its text, scope entity and topics."""

    fact_id: int
    key: str
    label: str
    text: str
    scope_id: int | None
    topics: frozenset[str]
