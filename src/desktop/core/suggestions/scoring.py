"""Scoring one entity for one investor, part by part, and what relations lend.

Each :class:`~desktop.core.suggestions.reasons.Part` is a reason and its points; the sum is the
score. See :mod:`desktop.core.suggestions.matching` for what earns how much, and why.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import replace

from desktop.core.kb import taxonomy
from desktop.core.suggestions.interest import Candidate, Interest
from desktop.core.suggestions.reasons import Basis, Part, label
from desktop.core.suggestions.results import (
    CONTACTS_SECTION,
    SECTION_OF_KIND,
    Context,
    EntitySuggestion,
)
from desktop.core.suggestions.rules import ACTIVITY_RULES, RULES

REQUIREMENT_POINTS = 3.0
FIGURE_POINTS = 1.0  # a claim that our sources back with a figure (graduates, square metres)
LOOSE_POINTS = 1.0
SPECIALIST_POINTS = 2.0
SECTOR_POINTS = 2.0
KEYWORD_POINTS = 1.5
TEXT_POINTS = 2.0
ACTIVITY_POINTS = 1.0
RELATED_SHARE = 0.25  # a relation lends this share of the strong partner's own score …
RELATED_MAX = 3.0  # … up to this much
INCLUDED_POINTS = 1.5
EXCLUDED_POINTS = -2.0
CHOICES_COUNTED = 3  # earlier choices beyond this many add nothing
STRONG = 7.0  # an entity scoring this much lends points to its partners, parents and sites
SPECIALIST_TEXT = 0.5  # relative text relevance that makes a sector-sharing entity a specialist
NEIGHBOUR_POINTS = 1.0
OTHER_FIELD_POINTS = -1.5
# Kinds whose offer does not depend on their field: space is space, a lorry carries anything.
FIELD_FREE_KINDS = frozenset({"site-or-facility", "logistics-provider"})
# Sectors that say what service an organisation renders rather than what it knows about: a
# campus in "real estate" and "biotech" is a biotech specialist, a school in "education" and
# "surgery" a surgery specialist, and a logistics firm works for every field.
SERVICE_SECTORS = frozenset({"real-estate", "education-talent", "investment-support", "logistics"})
CONTACT_SECTOR = "investment-support"
CONTACT_KINDS = frozenset({"support-organisation", "public-authority"})


def score(
    candidate: Candidate,
    interest: Interest,
    keywords: list[tuple[str, str]],
    words: list[tuple[str, str]],
    context: Context,
) -> EntitySuggestion:
    parts: list[Part] = []
    requirements: list[str] = []
    loose: list[str] = []
    bases: list[Basis] = []
    for code in interest.requirements:
        basis = RULES[code].match(candidate, interest, code) if code in RULES else None
        if basis is None:
            continue
        if basis.sourced:
            labels = tuple(context.tag_labels.get(tag, tag) for tag in basis.tags)
            basis = replace(basis, tag_labels=labels)
            requirements.append(code)
            bases.append(basis)
            points = REQUIREMENT_POINTS + (FIGURE_POINTS if basis.facts else 0.0)
            parts.append(Part("serves", points, (code,), basis=basis))
        else:
            loose.append(code)
    if loose:
        parts.append(
            Part("loose", LOOSE_POINTS * len(loose), tuple(loose), names=(candidate.kind,))
        )
    sectors = tuple(code for code in interest.sectors if code in candidate.sectors)
    relevance = context.text.get(candidate.entity_id, 0.0)
    own = candidate.sectors - SERVICE_SECTORS
    fields = set(interest.sectors) - SERVICE_SECTORS
    near_fields = set(interest.sectors) | taxonomy.neighbours(fields)
    shared = SECTOR_POINTS * len(sectors)
    if sectors and (own <= near_fields or relevance >= SPECIALIST_TEXT):
        parts.append(Part("specialist", SPECIALIST_POINTS + shared, sectors))
    elif sectors:
        parts.append(Part("sector", shared, sectors))
    elif own and fields and not own & fields and candidate.kind not in FIELD_FREE_KINDS:
        near = own & taxonomy.neighbours(fields)
        if near:
            ordered = tuple(code for code in taxonomy.SECTORS if code in near)
            parts.append(Part("neighbour", NEIGHBOUR_POINTS, ordered))
        else:  # a surgery academy serves "graduates" too, but not this investor's field
            other = tuple(code for code in taxonomy.SECTORS if code in own)
            parts.append(Part("other-field", OTHER_FIELD_POINTS, other))
    activities = tuple(
        code
        for code in interest.activities
        if code in ACTIVITY_RULES and ACTIVITY_RULES[code].serves(candidate, interest)
    )
    if activities:
        parts.append(Part("activity", ACTIVITY_POINTS * len(activities), activities))
    found = tuple(
        word
        for word, folded in keywords
        if folded in candidate.text or candidate.entity_id in context.keyword_hits.get(word, ())
    )
    if found:
        parts.append(Part("mentions", KEYWORD_POINTS * len(found), names=found))
    is_contact = CONTACT_SECTOR in candidate.sectors and candidate.kind in CONTACT_KINDS
    if relevance > 0 and not is_contact:  # a contact is proposed anyway; its words say little
        named = " ".join(fold(label(code)) for code in (*requirements, *loose, *sectors))
        mentioned = [(w, f) for w, f in words if f in candidate.text and w not in found]
        # words the line says already ("specialist in Cell & gene therapy") are not repeated
        said = tuple(w for w, f in mentioned if f not in named)
        points = round(TEXT_POINTS * relevance, 2)
        if said:
            parts.append(Part("text", points, names=said[:3]))
        elif mentioned:
            parts.append(Part("text-same", points))
        # matched through a sector label only: the sector part says it already
    choices = context.choices.get(candidate.entity_id)
    if choices:
        for code, count, points in (
            ("included", choices.included, INCLUDED_POINTS),
            ("excluded", choices.excluded, EXCLUDED_POINTS),
        ):
            if count:
                parts.append(
                    Part(code, points * min(count, CHOICES_COUNTED), choices.sectors, count=count)
                )
    if is_contact and not requirements:
        parts.insert(0, Part("contact", 0.0, (CONTACT_SECTOR,)))
    competitor = candidate.kind == "company" and candidate.outside_region and bool(sectors)
    if competitor:
        parts = [Part("competitor", 0.0, sectors)]
    tags = sorted({tag for basis in bases for tag in basis.tags})
    return _suggestion(
        candidate,
        parts,
        section=CONTACTS_SECTION if is_contact else SECTION_OF_KIND.get(candidate.kind, "support"),
        requirements=tuple(requirements),
        loose=tuple(loose),
        sectors=sectors,
        activities=activities,
        tags=tuple(tags),
        keywords=found,
        competitor=competitor,
    )


def _suggestion(candidate: Candidate, parts: list[Part], **fields: object) -> EntitySuggestion:
    score = 0.0 if fields.get("competitor") else round(sum(part.points for part in parts), 2)
    return EntitySuggestion(
        entity_id=candidate.entity_id,
        slug=candidate.slug,
        name=candidate.name,
        kind=candidate.kind,
        score=score,
        parts=tuple(parts),
        gain=score,
        **fields,  # type: ignore[arg-type]
    )


def with_relations(
    scored: dict[int, EntitySuggestion],
    by_id: Mapping[int, Candidate],
    context: Context,
    base: Callable[[int], EntitySuggestion],
) -> dict[int, EntitySuggestion]:
    """Partners, parents, sites and spin-offs of strongly matching entities gain, once each,
    from the strongest of them, with the relation named. Only an entity's own merits lend
    points (a relation does not pass on points gained through another relation). ``scored``
    holds the entities with points; ``base`` scores any other one (with no parts, perhaps)."""
    lenders = {
        entity_id
        for entity_id, s in scored.items()
        if s.score >= STRONG and not s.is_contact and not s.competitor
    }
    best: dict[int, tuple[float, Part]] = {}
    for subject, relation, obj in context.relations:
        for lender, borrower, inverse in ((subject, obj, True), (obj, subject, False)):
            if lender not in lenders or borrower == lender or borrower not in by_id:
                continue
            if borrower in scored and _alternatives(scored[lender], scored[borrower]):
                continue
            strength = scored[lender].score
            if strength > best.get(borrower, (0.0, None))[0]:  # type: ignore[index]
                part = Part(
                    "related",
                    round(min(RELATED_MAX, RELATED_SHARE * strength), 2),
                    names=(by_id[lender].short_name or by_id[lender].name,),
                    relation=relation,
                    inverse=inverse,
                )
                best[borrower] = (strength, part)
    result = dict(scored)
    for borrower, (_strength, part) in best.items():
        current = result.get(borrower) or base(borrower)
        if current.competitor:
            continue
        parts = (*current.parts, part)
        score = round(sum(p.points for p in parts), 2)
        result[borrower] = replace(current, parts=parts, score=score, gain=score)
    return result


def _alternatives(one: EntitySuggestion, other: EntitySuggestion) -> bool:
    """Two options for the same requirement (the office building on the fair grounds): the
    diminishing returns already weigh them against each other, their relation adds nothing."""
    return bool(set(one.requirements) & set(other.requirements))


def fold(text: str) -> str:
    """Lower case without accents, so "Kuhne" finds "Kühne" and "car-t" finds "CAR-T"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()


def fold_text(*parts: str | None) -> str:
    """The searchable text of a candidate, folded like keywords are."""
    return fold(" ".join(part for part in parts if part))
