"""Learning from the consultant: what was included in or left out of earlier briefs.

When a consultant includes a suggestion the ranking had left out, or leaves out one it had
proposed, the brief remembers it (:func:`record`, one row per brief and entity, the latest
decision wins). A new brief for an investor of a similar profile — the same sectors and mostly
the same requirements — sees those decisions as points and says so ("included in 3 earlier
briefs for Cell & gene therapy investors"). Plain counts in the local database: no network,
no model.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime

from sqlmodel import Session, select

from desktop.core.kb.models import BriefChoice
from desktop.core.suggestions.interest import Interest
from desktop.core.suggestions.matching import Choices

SIMILAR = 0.5  # the least overlap (Jaccard) of sectors, and of requirements, of a similar profile


def record(
    session: Session, *, brief_id: int, entity_id: int, included: bool, interest: Interest
) -> None:
    """Remember the consultant's decision on ``entity_id`` in ``brief_id`` (replacing an
    earlier one for the same pair), with the profile it was made for."""
    row = session.exec(
        select(BriefChoice).where(
            BriefChoice.brief_id == brief_id, BriefChoice.entity_id == entity_id
        )
    ).first() or BriefChoice(brief_id=brief_id, entity_id=entity_id)
    row.included = included
    row.sectors = " ".join(interest.sectors)
    row.requirements = " ".join(interest.requirements)
    row.chosen_at = _now()
    session.add(row)
    session.flush()


def choices_for(session: Session, interest: Interest) -> dict[int, Choices]:
    """Per entity, how often it was included and left out for similar profiles (each brief
    counted once; decisions made without a brief, if any, count each)."""
    included: dict[int, int] = defaultdict(int)
    excluded: dict[int, int] = defaultdict(int)
    for row in session.exec(select(BriefChoice)):
        if not similar(interest, row.sectors.split(), row.requirements.split()):
            continue
        (included if row.included else excluded)[row.entity_id] += 1
    return {
        entity_id: Choices(included[entity_id], excluded[entity_id], interest.sectors)
        for entity_id in {*included, *excluded}
    }


def similar(interest: Interest, sectors: list[str], requirements: list[str]) -> bool:
    """The same field (sectors overlapping at least :data:`SIMILAR`) and mostly the same needs."""
    return (
        _overlap(set(interest.sectors), set(sectors)) >= SIMILAR
        and bool(set(interest.sectors) & set(sectors))
        and _overlap(set(interest.requirements), set(requirements)) >= SIMILAR
    )


def _overlap(ours: set[str], theirs: set[str]) -> float:
    if not ours and not theirs:
        return 1.0
    return len(ours & theirs) / len(ours | theirs)


def _now() -> datetime:
    return datetime.now(UTC)
