"""What a finished user action changed, so each view can decide for itself whether to refresh.

Operations return their result; the UI helper that ran them announces one :class:`DataChange`
on the single "data changed" signal. A view looks at the topics it shows and ignores the rest —
the brief editor reloads on ``ENTITIES`` (an entity it lists may be gone), the prospects list on
``PROSPECTS`` and ``BRIEFS``, the browse view on ``ENTITIES`` and ``FIGURES``. ``EVERYTHING``
means the database itself was replaced (a restore, an undone import).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Topic(enum.Enum):
    ENTITIES = "entities"  # entities and what hangs on them: relations, space, contacts
    FIGURES = "figures"
    SOURCES = "sources"
    PROSPECTS = "prospects"
    BRIEFS = "briefs"  # briefs, their items, and the sent register
    EVERYTHING = "everything"


@dataclass(frozen=True)
class DataChange:
    """One announcement: what changed, and where the window should look afterwards."""

    topics: frozenset[Topic]
    slug: str | None = None  # the entity to show after the change, if any
    brief_id: int | None = None  # the brief that changed, if one did
    origin: object | None = None  # the view that made the change (it already shows it)

    def touches(self, *topics: Topic) -> bool:
        return Topic.EVERYTHING in self.topics or any(t in self.topics for t in topics)


def change(*topics: Topic, slug: str | None = None, brief_id: int | None = None) -> DataChange:
    return DataChange(frozenset(topics), slug=slug, brief_id=brief_id)
