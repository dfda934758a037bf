"""The two sides of a match: what an investor is looking for, and what an entity or fact offers.

Kept apart from :mod:`desktop.core.suggestions.matching` (the ranking) and
:mod:`desktop.core.suggestions.rules` (which entities serve which need) because both read these
types: with them here, the rules depend on the inputs and the ranking on the rules, one way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


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
    source: str | None = None  # the title of the record's source
    space_sources: Mapping[str, str | None] = field(default_factory=dict)  # type → source
    # requirement or sector code → (label, source) of a figure scoped to the entity
    facts: Mapping[str, tuple[str, str | None]] = field(default_factory=dict)
    # a company known to the cluster only through its links (a partner's customer, a local
    # firm's parent), with no site of its own in our sources
    outside_region: bool = False


@dataclass(frozen=True)
class FactCandidate:
    """What matching needs to know about a fact: its text, scope entity and topics."""

    fact_id: int
    key: str
    label: str
    text: str
    scope_id: int | None
    topics: frozenset[str]
