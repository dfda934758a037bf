"""Suggestions for an investor from the database: loads candidates, then ranks them.

The ranking itself is pure (:mod:`desktop.core.briefs.matching`); this module only reads what
it needs.
"""

from __future__ import annotations

from collections import defaultdict

from sqlmodel import Session, select

from desktop.core.briefs.matching import (
    Candidate,
    FactCandidate,
    Interest,
    Suggestions,
    fold_text,
    rank,
)
from desktop.core.kb.models import Entity, EntitySector, EntityTag, Fact, SpaceOffer, Tag
from desktop.core.kb.values import format_figure


def suggest(session: Session, interest: Interest) -> Suggestions:
    labels = {tag.code: tag.label for tag in session.exec(select(Tag))}
    return rank(
        interest, load_candidates(session, labels), load_fact_candidates(session), tag_labels=labels
    )


def load_candidates(session: Session, tag_labels: dict[str, str]) -> list[Candidate]:
    sectors: dict[int, set[str]] = defaultdict(set)
    tags: dict[int, set[str]] = defaultdict(set)
    space: dict[int, set[str]] = defaultdict(set)
    for link in session.exec(select(EntitySector)):
        sectors[link.entity_id].add(link.sector_code)
    for link in session.exec(select(EntityTag)):
        tags[link.entity_id].add(link.tag_code)
    for offer in session.exec(select(SpaceOffer)):
        space[offer.site_id].add(offer.space_type)
    candidates = []
    for entity in session.exec(select(Entity).order_by(Entity.id)):
        assert entity.id is not None
        entity_tags = tags[entity.id]
        candidates.append(
            Candidate(
                entity_id=entity.id,
                slug=entity.slug,
                name=entity.name,
                short_name=entity.short_name,
                kind=entity.kind,
                sectors=frozenset(sectors[entity.id]),
                tags=frozenset(entity_tags),
                space=frozenset(space[entity.id]),
                text=fold_text(
                    entity.name,
                    entity.short_name,
                    entity.description,
                    *(tag_labels.get(tag, tag) for tag in entity_tags),
                ),
            )
        )
    return candidates


def load_fact_candidates(session: Session) -> list[FactCandidate]:
    return [
        FactCandidate(
            fact_id=fact.id,
            key=fact.key,
            label=fact.label,
            text=format_figure(fact.value, fact.qualifier, fact.unit, fact.period),
            scope_id=fact.scope_id,
            topics=frozenset((fact.topics or "").split()),
        )
        for fact in session.exec(select(Fact).order_by(Fact.id))
        if fact.id is not None
    ]
