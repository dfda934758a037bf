"""Why an entity was suggested, part by part, in the brief's language.

A suggestion's score is the sum of its :class:`Part` s, and each part is also a phrase of the one
line the consultant reads ("specialist in Cell & gene therapy · serves GMP manufacturing (GMP,
CDMO; source: …) · hosts Fraunhofer IZI · mentions CAR-T"). Parts keep codes and names rather
than finished text, so the same suggestion reads in English in the brief editor and in German in
a German dossier. The phrases are English here (:data:`PHRASES`) and in every other language
in its catalogue's ``reason`` table (:mod:`desktop.core.language.catalogues`); a missing one
is English.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from desktop.core.kb import taxonomy
from desktop.core.kb import vocabulary as prospect_vocab
from desktop.core.language.catalogues import word

PHRASES: dict[str, str] = {  # English; other languages: the catalogue's "reason" table
    "serves": "serves {what} ({basis}; source: {source})",
    "loose": "{kind} — {what} not stated in our sources",
    "specialist": "specialist in {what}",
    "sector": "works in {what}",
    "neighbour": "works in a neighbouring field ({what})",
    "other-field": "works in another field ({what})",
    "activity": "for {what}",
    "related": "{relation} {name}",
    "mentions": "mentions {what}",
    "text": "about {what}",
    "text-same": "described in these terms",
    "included": "included in {count} earlier briefs for {what} investors",
    "included.one": "included in an earlier brief for {what} investors",
    "excluded": "left out of {count} earlier briefs for {what} investors",
    "excluded.one": "left out of an earlier brief for {what} investors",
    "contact": "your contact for {what}",
    "competitor": "same business as the investor ({what}) and no site in the region",
    "nothing": "nothing in our sources links it to this investor's profile",
    "below": "ranked {place}, below the shortlist's cut",
    "for-requirements": "For your requirements: ",
    "for-activities": "For: ",
    "further-suggestions": "Further suggestions",
    "left-out": "Left out of this brief",
    "added": "Added by the consultant",
    "space": "{what} space",
    "about": "About {what}",  # a figure on the investor's requirements, sectors, activities
    "about-suggested": "About a suggested entity",  # a figure scoped to a suggestion
}


@dataclass(frozen=True)
class Basis:
    """What a "serves" claim rests on: tags, space offers or figures, and their source."""

    tags: tuple[str, ...] = ()  # tag codes of the entity record
    tag_labels: tuple[str, ...] = ()  # their labels, as the knowledge base names them
    space: tuple[str, ...] = ()  # space types offered
    facts: tuple[str, ...] = ()  # fact labels scoped to the entity
    kind: str | None = None  # the entity's kind, when the kind itself is the service
    source: str | None = None  # the source's title

    @property
    def sourced(self) -> bool:
        return bool((self.tags or self.space or self.facts or self.kind) and self.source)


@dataclass(frozen=True)
class Part:
    """One traceable part of a score.

    ``code`` names the phrase; ``codes`` are vocabulary codes (requirements, sectors,
    activities) the phrase lists; ``names`` are proper names or words (an entity, a keyword);
    ``count`` is a number the phrase states.
    """

    code: str
    points: float
    codes: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    basis: Basis | None = None
    relation: str | None = None  # relation type, read from the suggested entity's side
    inverse: bool = False  # True: the suggested entity is the relation's object
    count: int = 0


def line(
    parts: Iterable[Part], language: str = "en", tag_labels: Mapping[str, str] | None = None
) -> str:
    """The parts as one line, capitalised, joined by middle dots."""
    text = " · ".join(phrase(part, language, tag_labels) for part in parts)
    return text[:1].upper() + text[1:]


def phrase(part: Part, language: str = "en", tag_labels: Mapping[str, str] | None = None) -> str:
    key = f"{part.code}.one" if part.count == 1 and f"{part.code}.one" in PHRASES else part.code
    template = say(key, language)
    what = ", ".join(label(code, language) for code in part.codes) or ", ".join(part.names)
    relation = ""
    if part.relation:
        terms = taxonomy.INVERSE_RELATION_TYPES if part.inverse else taxonomy.RELATION_TYPES
        relation = terms[part.relation].label(language)
    return template.format(
        what=what,
        name=", ".join(part.names),
        kind=taxonomy.KINDS[part.names[0]].label(language) if part.code == "loose" else "",
        basis=_basis(part.basis, language, tag_labels or {}) if part.basis else "",
        source=(part.basis.source if part.basis else None) or "",
        relation=relation,
        count=part.count,
        place=part.count,
    )


def say(key: str, language: str) -> str:
    """The phrase ``key`` in ``language`` (English where the catalogue has none)."""
    return word("reason", key, language, PHRASES[key])


def label(code: str, language: str = "en") -> str:
    """A requirement, sector or activity code's label; other codes are phrases or themselves."""
    for vocabulary in (prospect_vocab.REQUIREMENTS, taxonomy.SECTORS, prospect_vocab.ACTIVITIES):
        if code in vocabulary:
            return vocabulary[code].label(language)
    return say(code, language) if code in PHRASES else code


def _basis(basis: Basis, language: str, tag_labels: Mapping[str, str]) -> str:
    known = dict(zip(basis.tags, basis.tag_labels, strict=False))  # as scored (English)
    said = [tag_labels.get(tag) or known.get(tag) or tag for tag in basis.tags]
    said += [
        say("space", language).format(what=taxonomy.SPACE_TYPES[kind].label(language))
        for kind in basis.space
        if kind in taxonomy.SPACE_TYPES
    ]
    said += list(basis.facts)
    if basis.kind and not said:
        said.append(taxonomy.KINDS[basis.kind].label(language))
    return ", ".join(said)
