"""Reading a brief: its items as views, grouped into ordered sections, and its investor's interest.

:class:`BriefView` and :class:`BriefItemView` are what the brief editor, the review and the
dossier export read: each item with its entity's name and kind, or its fact's label and figure.
:func:`brief_view` builds them, :func:`list_briefs` lists a prospect's briefs and
:func:`brief_interest` says what a brief's investor is looking for. Reading is apart from
:mod:`desktop.core.briefs.curation` (creating and changing briefs) because many readers need
the views and none of them changes a brief. Nothing here writes to the session.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from desktop.core.briefs.prospects import get_record, interest_of
from desktop.core.kb import taxonomy
from desktop.core.kb.models import Brief, BriefItem, Entity, Fact, Prospect
from desktop.core.suggestions.matching import Interest


@dataclass(frozen=True)
class BriefItemView:
    item_id: int
    section: str
    position: int
    kind: str  # "entity" or "fact"
    ref_id: int
    slug: str | None  # entities only
    title: str
    subtitle: str  # entity kind label, or the fact's value
    reason: str
    included: bool
    note: str | None
    score: float


@dataclass(frozen=True)
class BriefView:
    brief_id: int
    prospect_id: int
    title: str
    template: str
    language: str
    consultant: str | None
    sections: list[tuple[str, list[BriefItemView]]] = field(default_factory=list)

    def items(self) -> list[BriefItemView]:
        return [item for _, items in self.sections for item in items]


def brief_view(session: Session, brief_id: int) -> BriefView:
    brief = get_record(session, Brief, brief_id, "brief")
    items = list(
        session.exec(
            select(BriefItem)
            .where(BriefItem.brief_id == brief_id)
            .order_by(BriefItem.position, BriefItem.id)
        )
    )
    entities = {
        e.id: e
        for e in session.exec(
            select(Entity).where(col(Entity.id).in_([i.entity_id for i in items if i.entity_id]))
        )
    }
    facts = {
        f.id: f
        for f in session.exec(
            select(Fact).where(col(Fact.id).in_([i.fact_id for i in items if i.fact_id]))
        )
    }
    from desktop.core.kb.values import format_figure

    by_section: dict[str, list[BriefItemView]] = {}
    for item in items:
        if item.entity_id is not None and item.entity_id in entities:
            entity = entities[item.entity_id]
            view = BriefItemView(
                item.id,
                item.section,
                item.position,
                "entity",
                entity.id,
                entity.slug,  # type: ignore[arg-type]
                entity.name,
                taxonomy.KINDS[entity.kind].en,
                item.reason,
                item.included,
                item.note,
                item.score,
            )
        elif item.fact_id is not None and item.fact_id in facts:
            fact = facts[item.fact_id]
            view = BriefItemView(
                item.id,
                item.section,
                item.position,
                "fact",
                fact.id,
                None,  # type: ignore[arg-type]
                fact.label,
                format_figure(fact.value, fact.qualifier, fact.unit, fact.period),
                item.reason,
                item.included,
                item.note,
                item.score,
            )
        else:
            continue
        by_section.setdefault(item.section, []).append(view)
    order = [key for key in json.loads(brief.section_order) if key in by_section]
    order += [key for key in by_section if key not in order]
    return BriefView(
        brief_id=brief_id,
        prospect_id=brief.prospect_id,
        title=brief.title,
        template=brief.template,
        language=brief.language,
        consultant=brief.consultant,
        sections=[(key, by_section[key]) for key in order],
    )


def list_briefs(session: Session, prospect_id: int) -> list[Brief]:
    return list(
        session.exec(
            select(Brief)
            .where(Brief.prospect_id == prospect_id)
            .order_by(col(Brief.updated_at).desc())
        )
    )


def brief_interest(session: Session, brief_id: int) -> Interest:
    """What the brief's investor is looking for (its prospect's profile)."""
    brief = get_record(session, Brief, brief_id, "brief")
    return interest_of(get_record(session, Prospect, brief.prospect_id, "prospect"))
