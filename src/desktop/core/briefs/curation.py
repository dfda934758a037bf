"""Briefs: create from suggestions, read, curate, reorder, duplicate.

A brief starts as the ranked suggestions for its prospect (:mod:`desktop.core.suggestions`);
the consultant then includes or excludes items, reorders items and sections, and adds notes
for the investor. Service functions take the session explicitly and commit nothing: the
caller's transaction decides.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, col, select

from desktop.core.briefs.prospects import (
    ProspectInput,
    delete_prospect,
    get_prospect,
    get_record,
    interest_of,
    list_prospects,
    now,
    prospect_input,
    save_prospect,
)
from desktop.core.kb import taxonomy
from desktop.core.kb import vocabulary as prospect_vocab
from desktop.core.kb.catalogue import tag_labels
from desktop.core.kb.models import Brief, BriefItem, Entity, Fact, Prospect
from desktop.core.language.catalogues import long_date, word
from desktop.core.suggestions import choices
from desktop.core.suggestions.matching import SECTIONS, Interest, Suggestions
from desktop.core.suggestions.suggest import suggest

__all__ = [
    "Interest",
    "ProspectInput",
    "delete_prospect",
    "get_prospect",
    "interest_of",
    "list_prospects",
    "prospect_input",
    "save_prospect",
]

FIGURES_SECTION = "figures"


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


# --- briefs ---------------------------------------------------------------------------------


def create_brief(
    session: Session,
    *,
    prospect_id: int,
    template: str = "full",
    language: str = "en",
    consultant: str | None = None,
    title: str | None = None,
    title_language: str = "en",
) -> int:
    """A new brief filled with the ranked suggestions for the prospect; returns its id. Its
    default title is in ``title_language`` (the consultant's, not the dossier's)."""
    prospect = get_prospect(session, prospect_id)
    taxonomy.require(prospect_vocab.TEMPLATES, template, "template")
    taxonomy.require(prospect_vocab.LANGUAGES, language, "language")
    stamp = now()
    brief = Brief(
        prospect_id=prospect_id,
        title=title
        or default_title(prospect.code_name or prospect.company_name, stamp, title_language),
        template=template,
        language=language,
        consultant=consultant,
        section_order=json.dumps(list(SECTIONS)),
        created_at=stamp,
        updated_at=stamp,
    )
    session.add(brief)
    session.flush()
    assert brief.id is not None
    _fill(session, brief.id, suggest(session, interest_of(prospect)), language)
    return brief.id


def _fill(session: Session, brief_id: int, suggestions: Suggestions, language: str) -> None:
    """The suggestions as items: the shortlist (its size set by the scores, see
    :func:`desktop.core.suggestions.matching.shortlist`) and the contacts included, the rest
    listed as alternatives; each reason in the brief's language."""
    labels = tag_labels(session, language)
    positions: dict[str, int] = {}
    for entity in suggestions.entities:
        position = positions.get(entity.section, 0)
        positions[entity.section] = position + 1
        session.add(
            BriefItem(
                brief_id=brief_id,
                section=entity.section,
                position=position,
                entity_id=entity.entity_id,
                included=entity.shortlisted,
                reason=entity.explain(language, labels),
                score=entity.score,
            )
        )
    for position, fact in enumerate(f for f in suggestions.facts if f.topics):
        session.add(
            BriefItem(
                brief_id=brief_id,
                section=FIGURES_SECTION,
                position=position,
                fact_id=fact.fact_id,
                included=True,
                reason=fact.reason,
            )
        )
    session.flush()


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


def update_brief(
    session: Session,
    brief_id: int,
    *,
    title: str | None = None,
    template: str | None = None,
    language: str | None = None,
    consultant: str | None = None,
) -> None:
    brief = get_record(session, Brief, brief_id, "brief")
    if template is not None:
        brief.template = taxonomy.require(prospect_vocab.TEMPLATES, template, "template").code
    if language is not None:
        brief.language = taxonomy.require(prospect_vocab.LANGUAGES, language, "language").code
    if title is not None and title.strip():
        brief.title = title.strip()
    if consultant is not None:
        brief.consultant = consultant.strip() or None
    brief.updated_at = now()
    session.add(brief)
    session.flush()


def set_item(
    session: Session, item_id: int, *, included: bool | None = None, note: str | None = None
) -> None:
    """Include/exclude an item or set its note for the investor (empty text clears it).

    Including or leaving out an entity is the consultant's choice, remembered for briefs of
    a similar profile (:mod:`desktop.core.suggestions.choices`)."""
    item = get_record(session, BriefItem, item_id, "brief item")
    if included is not None and included != item.included and item.entity_id is not None:
        choices.record(
            session,
            brief_id=item.brief_id,
            entity_id=item.entity_id,
            included=included,
            interest=brief_interest(session, item.brief_id),
        )
    if included is not None:
        item.included = included
    if note is not None:
        item.note = note.strip() or None
    session.add(item)
    touch(session, item.brief_id)


def move_item(session: Session, item_id: int, *, section: str, position: int) -> None:
    """Put an item at ``position`` in ``section`` (entities only between entity sections)."""
    item = get_record(session, BriefItem, item_id, "brief item")
    if (item.fact_id is not None) != (section == FIGURES_SECTION) or section not in SECTIONS:
        raise ValueError("Figures stay in the key-figures section and entities outside it.")
    siblings = [
        other
        for other in session.exec(
            select(BriefItem)
            .where(BriefItem.brief_id == item.brief_id, BriefItem.section == section)
            .order_by(BriefItem.position, BriefItem.id)
        )
        if other.id != item.id
    ]
    position = max(0, min(position, len(siblings)))
    siblings.insert(position, item)
    item.section = section
    for index, sibling in enumerate(siblings):
        sibling.position = index
        session.add(sibling)
    touch(session, item.brief_id)


def reorder(session: Session, brief_id: int, sections: list[tuple[str, list[int]]]) -> None:
    """Rewrite sections and positions from a full layout (what a drag and drop leaves).

    Every item of the brief must appear once; figures stay in the key-figures section.
    """
    items = {
        item.id: item
        for item in session.exec(select(BriefItem).where(BriefItem.brief_id == brief_id))
    }
    listed = [item_id for _, ids in sections for item_id in ids]
    if sorted(listed) != sorted(items) or len(set(listed)) != len(listed):
        raise ValueError("the new layout does not list every item of the brief exactly once")
    for key, ids in sections:
        if key not in SECTIONS:
            raise ValueError(f"unknown section {key!r}")
        for position, item_id in enumerate(ids):
            item = items[item_id]
            if (item.fact_id is not None) != (key == FIGURES_SECTION):
                raise ValueError("Figures stay in the key-figures section and entities outside it.")
            item.section, item.position = key, position
            session.add(item)
    set_section_order(session, brief_id, [key for key, _ in sections])


def set_section_order(session: Session, brief_id: int, keys: list[str]) -> None:
    brief = get_record(session, Brief, brief_id, "brief")
    unknown = [key for key in keys if key not in SECTIONS]
    if unknown:
        raise ValueError(f"unknown section(s): {', '.join(unknown)}")
    brief.section_order = json.dumps(list(dict.fromkeys(keys + list(SECTIONS))))
    touch(session, brief_id)


def duplicate_brief(session: Session, brief_id: int) -> int:
    original = get_record(session, Brief, brief_id, "brief")
    copy = Brief(
        prospect_id=original.prospect_id,
        title=f"{original.title} (copy)",
        template=original.template,
        language=original.language,
        consultant=original.consultant,
        section_order=original.section_order,
        created_at=now(),
        updated_at=now(),
    )
    session.add(copy)
    session.flush()
    for item in session.exec(select(BriefItem).where(BriefItem.brief_id == brief_id)):
        session.add(
            BriefItem(
                brief_id=copy.id,  # type: ignore[arg-type]
                section=item.section,
                position=item.position,
                entity_id=item.entity_id,
                fact_id=item.fact_id,
                included=item.included,
                note=item.note,
                reason=item.reason,
                score=item.score,
            )
        )
    session.flush()
    assert copy.id is not None
    return copy.id


def delete_brief(session: Session, brief_id: int) -> None:
    session.delete(get_record(session, Brief, brief_id, "brief"))
    session.flush()


def default_title(name: str, day: date, language: str) -> str:
    """ "Brief for Project Aurora, 7 December 2026" in ``language`` (its catalogue's words)."""
    on = long_date(day.day, day.month, day.year, language)
    return word("brief", "title", language, "Brief for {name}, {date}").format(name=name, date=on)


def brief_interest(session: Session, brief_id: int) -> Interest:
    """What the brief's investor is looking for (its prospect's profile)."""
    brief = get_record(session, Brief, brief_id, "brief")
    return interest_of(get_record(session, Prospect, brief.prospect_id, "prospect"))


def touch(session: Session, brief_id: int) -> None:
    brief = get_record(session, Brief, brief_id, "brief")
    brief.updated_at = now()
    session.add(brief)
    session.flush()
