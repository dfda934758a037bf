"""Reviewing a brief's suggestions: the alternatives per requirement, and "why not?".

A brief starts with a shortlist; everything else the ranking found stays in it as an
alternative, left out. The consultant sees those alternatives grouped under the requirement
they serve (one click includes one), can look up any entity to see its score, its reasons and
why it was not proposed, and add it. Each inclusion or exclusion is remembered for briefs of a
similar profile (:mod:`desktop.core.suggestions.choices`). No Qt: the brief editor calls these
through :mod:`desktop.app.briefs`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlmodel import Session, col, func, select

from desktop.core.briefs.brief_views import BriefItemView, brief_interest, brief_view
from desktop.core.briefs.curation import touch
from desktop.core.briefs.prospects import get_record
from desktop.core.kb import taxonomy
from desktop.core.kb.catalogue import tag_labels
from desktop.core.kb.models import Brief, BriefItem, Entity
from desktop.core.search.service import SearchFilters, SearchHit, search
from desktop.core.suggestions import choices
from desktop.core.suggestions.matching import SECTION_OF_KIND, EntitySuggestion, Suggestions
from desktop.core.suggestions.reasons import Part, label, line, say
from desktop.core.suggestions.suggest import suggest

LOOK_UP_LIMIT = 20
OTHERS = ""  # the group of alternatives that serve no single requirement


@dataclass(frozen=True)
class Alternatives:
    """The brief's left-out suggestions that serve one requirement, best first."""

    requirement: str  # requirement code; "" for the rest
    label: str  # in the brief's language
    items: tuple[BriefItemView, ...]


@dataclass(frozen=True)
class Verdict:
    """What the ranking thinks of one entity for this brief's investor."""

    entity_id: int
    slug: str
    name: str
    kind: str  # the kind's label, in the brief's language
    score: float
    place: int | None  # 1-based place among the suggestions; None when not proposed
    reason: str  # what speaks for it, one line in the brief's language ("" when nothing)
    why_not: str | None  # why it is not in the brief (None when it is, included)
    item_id: int | None  # its item in the brief, if it has one
    included: bool


def alternatives(session: Session, brief_id: int) -> list[Alternatives]:
    """The left-out entities of the brief, grouped under the first of the investor's
    requirements each serves (sourced or not), in the order of the requirements; the others
    last. Within a group, best score first."""
    view = brief_view(session, brief_id)
    interest = brief_interest(session, brief_id)
    serves = {s.entity_id: s for s in suggest(session, interest).entities}
    groups: dict[str, list[BriefItemView]] = {code: [] for code in interest.requirements}
    groups[OTHERS] = []
    for item in view.items():
        if item.kind != "entity" or item.included:
            continue
        suggestion = serves.get(item.ref_id)
        served = (*suggestion.requirements, *suggestion.loose) if suggestion else ()
        key = next((code for code in interest.requirements if code in served), OTHERS)
        groups[key].append(item)
    others_label = say("further-suggestions", view.language)
    return [
        Alternatives(
            code,
            label(code, view.language) if code else others_label,
            tuple(sorted(items, key=lambda i: (-i.score, i.title.casefold()))),
        )
        for code, items in groups.items()
        if items
    ]


def look_up(
    session: Session, brief_id: int, query: str, *, limit: int = LOOK_UP_LIMIT
) -> list[Verdict]:
    """Entities matching ``query`` (as the search finds them; no persons), each with its score
    and reasons for this brief's investor and, when it is not in the brief, why not."""
    brief = get_record(session, Brief, brief_id, "brief")
    kinds = tuple(code for code in taxonomy.KINDS if code != "person")
    hits = search(session.connection(), query, filters=SearchFilters(kinds=kinds), limit=limit)
    if not hits.hits:
        return []
    found = {hit.entity_id for hit in hits.hits}
    suggestions = suggest(session, brief_interest(session, brief_id), explain=found)
    items = {
        item.entity_id: item
        for item in session.exec(
            select(BriefItem).where(
                BriefItem.brief_id == brief_id, col(BriefItem.entity_id).is_not(None)
            )
        )
    }
    labels = tag_labels(session, brief.language)
    return [
        _verdict(hit, suggestions, items.get(hit.entity_id), brief.language, labels)
        for hit in hits.hits
    ]


def add_entity(session: Session, brief_id: int, entity_id: int) -> int:
    """Put ``entity_id`` in the brief, included (an item it already has is included again);
    returns the item's id. Remembered as the consultant's choice."""
    brief = get_record(session, Brief, brief_id, "brief")
    entity = get_record(session, Entity, entity_id, "entity")
    interest = brief_interest(session, brief_id)
    item = session.exec(
        select(BriefItem).where(BriefItem.brief_id == brief_id, BriefItem.entity_id == entity_id)
    ).first()
    if item is None:
        suggestion = _find(suggest(session, interest), entity_id)
        section = suggestion.section if suggestion else SECTION_OF_KIND.get(entity.kind, "support")
        last = session.exec(
            select(func.max(BriefItem.position)).where(
                BriefItem.brief_id == brief_id, BriefItem.section == section
            )
        ).one()
        reason = ""
        if suggestion and suggestion.score > 0 and not suggestion.competitor:
            reason = suggestion.explain(brief.language, tag_labels(session, brief.language))
        item = BriefItem(
            brief_id=brief_id,
            section=section,
            position=(last + 1) if last is not None else 0,
            entity_id=entity_id,
            included=True,
            reason=reason or say("added", brief.language),
            score=suggestion.score if suggestion else 0.0,
        )
    elif item.included:
        return item.id  # type: ignore[return-value]
    item.included = True
    session.add(item)
    choices.record(
        session, brief_id=brief_id, entity_id=entity_id, included=True, interest=interest
    )
    touch(session, brief_id)
    assert item.id is not None
    return item.id


def _verdict(
    hit: SearchHit,
    suggestions: Suggestions,
    item: BriefItem | None,
    language: str,
    labels: Mapping[str, str],
) -> Verdict:
    entity_id = hit.entity_id
    place = next(
        (n for n, s in enumerate(suggestions.substance, 1) if s.entity_id == entity_id), None
    )
    suggestion = _find(suggestions, entity_id)
    if suggestion is None or suggestion.competitor:
        place = None
    if suggestion is not None and suggestion.is_contact:
        place = None
    reason = ""
    if suggestion is not None and not suggestion.competitor:
        reason = suggestion.explain(language, labels)
    return Verdict(
        entity_id=entity_id,
        slug=hit.slug,
        name=hit.name,
        kind=taxonomy.KINDS[hit.kind].label(language),
        score=suggestion.score if suggestion else 0.0,
        place=place,
        reason=reason,
        why_not=_why_not(suggestion, item, place, language),
        item_id=item.id if item else None,
        included=bool(item and item.included),
    )


def _why_not(
    suggestion: EntitySuggestion | None, item: BriefItem | None, place: int | None, language: str
) -> str | None:
    if item is not None and item.included:
        return None
    if suggestion is not None and suggestion.competitor:
        return line(suggestion.parts, language)
    if suggestion is None or suggestion.score <= 0:
        against = [part for part in suggestion.parts if part.points < 0] if suggestion else []
        return line([Part("nothing", 0.0), *against], language)
    if item is not None and place is not None and not suggestion.shortlisted:
        return line([Part("below", 0.0, count=place)], language)
    if item is not None:
        return say("left-out", language)
    if place is not None:
        return line([Part("below", 0.0, count=place)], language)
    return line([Part("nothing", 0.0)], language)


def _find(suggestions: Suggestions, entity_id: int) -> EntitySuggestion | None:
    for suggestion in (*suggestions.entities, *suggestions.others):
        if suggestion.entity_id == entity_id:
            return suggestion
    return None
