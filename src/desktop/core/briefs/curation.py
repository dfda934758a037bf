"""Briefs: create from suggestions, curate, reorder, duplicate, delete.

A brief starts as the ranked suggestions for its prospect (:mod:`desktop.core.suggestions`);
the consultant then includes or excludes items, reorders items and sections, and adds notes
for the investor. Service functions take the session explicitly and commit nothing: the
caller's transaction decides. Reading a brief (its views, the list of a prospect's briefs, its
investor's interest) lives in :mod:`desktop.core.briefs.brief_views`; it is re-exported here,
with the prospect functions of :mod:`desktop.core.briefs.prospects`, so that callers holding
this module as ``briefs`` reach the whole briefs service through one name.
"""

from __future__ import annotations

import json
from datetime import date

from sqlmodel import Session, select

from desktop.core.briefs.brief_views import (
    BriefItemView,
    BriefView,
    brief_interest,
    brief_view,
    list_briefs,
)
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
from desktop.core.kb.models import Brief, BriefItem
from desktop.core.kb.refusals import RefusedError
from desktop.core.language.catalogues import long_date, word
from desktop.core.language.messages import message
from desktop.core.suggestions import choices
from desktop.core.suggestions.matching import SECTIONS, Interest, Suggestions
from desktop.core.suggestions.suggest import suggest

__all__ = [
    "BriefItemView",
    "BriefView",
    "Interest",
    "ProspectInput",
    "brief_view",
    "delete_prospect",
    "get_prospect",
    "interest_of",
    "list_briefs",
    "list_prospects",
    "prospect_input",
    "save_prospect",
]

FIGURES_SECTION = "figures"
_FIGURES_STAY = message("Figures stay in the key-figures section and entities outside it.")


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
    taxonomy.require(prospect_vocab.TEMPLATES, template, message("template"))
    taxonomy.require(prospect_vocab.LANGUAGES, language, message("language"))
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
                reason=fact.explain(language),
            )
        )
    session.flush()


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
        brief.template = taxonomy.require(
            prospect_vocab.TEMPLATES, template, message("template")
        ).code
    if language is not None:
        brief.language = taxonomy.require(
            prospect_vocab.LANGUAGES, language, message("language")
        ).code
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
        raise RefusedError(_FIGURES_STAY)
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
        raise RefusedError(
            message("the new layout does not list every item of the brief exactly once")
        )
    for key, ids in sections:
        if key not in SECTIONS:
            raise RefusedError(message("unknown section {key!r}", key=key))
        for position, item_id in enumerate(ids):
            item = items[item_id]
            if (item.fact_id is not None) != (key == FIGURES_SECTION):
                raise RefusedError(_FIGURES_STAY)
            item.section, item.position = key, position
            session.add(item)
    set_section_order(session, brief_id, [key for key, _ in sections])


def set_section_order(session: Session, brief_id: int, keys: list[str]) -> None:
    brief = get_record(session, Brief, brief_id, "brief")
    unknown = [key for key in keys if key not in SECTIONS]
    if unknown:
        raise RefusedError(message("unknown section(s): {keys}", keys=", ".join(unknown)))
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


def touch(session: Session, brief_id: int) -> None:
    brief = get_record(session, Brief, brief_id, "brief")
    brief.updated_at = now()
    session.add(brief)
    session.flush()
