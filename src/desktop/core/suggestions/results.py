"""What a ranking returns: suggestions with their parts, figures, the evidence matrix, sections.

Kept apart from the ranking (:mod:`.matching`) and the scoring (:mod:`.scoring`) because the
brief, the dossier and the window all read these types.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from desktop.core.kb import taxonomy
from desktop.core.kb import vocabulary as prospect_vocab
from desktop.core.suggestions.reasons import Part, label, line, say

CONTACTS_SECTION = "contacts"


@dataclass(frozen=True)
class Choices:
    """What consultants chose for an entity in earlier briefs of a similar profile."""

    included: int = 0
    excluded: int = 0
    sectors: tuple[str, ...] = ()  # the profile's sectors, for the reason


@dataclass(frozen=True)
class EntitySuggestion:
    entity_id: int
    slug: str
    name: str
    kind: str
    score: float
    requirements: tuple[str, ...]  # requirement codes served on a sourced basis
    section: str  # theme key, see SECTIONS
    sectors: tuple[str, ...] = ()  # the investor's sectors it shares
    activities: tuple[str, ...] = ()  # the planned activities it serves
    tags: tuple[str, ...] = ()  # tag codes behind the requirements it serves
    keywords: tuple[str, ...] = ()  # the investor's keywords found in it
    parts: tuple[Part, ...] = ()  # the score, part by part
    loose: tuple[str, ...] = ()  # requirement codes it may serve, not stated in our sources
    gain: float = 0.0  # what it adds after diminishing returns (its place in the list)
    shortlisted: bool = False  # starts included in a new brief
    competitor: bool = False  # in the investor's business without a site here: not proposed

    @property
    def is_contact(self) -> bool:
        return self.section == CONTACTS_SECTION

    @property
    def reason(self) -> str:
        """The one-line reason in English (:meth:`explain` for other languages); written only
        when read, because a large knowledge base scores far more entities than anyone reads."""
        return line(self.parts, "en")

    def explain(self, language: str = "en", tag_labels: Mapping[str, str] | None = None) -> str:
        """The one-line reason in ``language``, each part of the score in it."""
        return line(self.parts, language, tag_labels)

    def why(self, language: str = "en", tag_labels: dict[str, str] | None = None) -> str:
        """One line on what this entity offers the investor, in the dossier's language: only
        what our sources state (the sourced requirements), never a looser match."""
        labels = tag_labels or {}
        parts = []
        if self.requirements:
            served = ", ".join(
                prospect_vocab.REQUIREMENTS[c].label(language) for c in self.requirements
            )
            parts.append(say("for-requirements", language) + served)
        said = {
            prospect_vocab.REQUIREMENTS[c].label(language).casefold() for c in self.requirements
        }
        tags = sorted(labels.get(tag, tag) for tag in self.tags)
        if tags := [tag for tag in tags if tag.casefold() not in said]:
            parts.append(", ".join(tags))
        if self.sectors:
            parts.append(", ".join(taxonomy.SECTORS[c].label(language) for c in self.sectors))
        # an activity its looser match is about ("clinical trials" for any clinic) stays out
        activities = [code for code in self.activities if code not in self.loose]
        if activities and not self.requirements:
            parts.append(
                say("for-activities", language)
                + ", ".join(prospect_vocab.ACTIVITIES[c].label(language) for c in activities)
            )
        return " · ".join(parts)


@dataclass(frozen=True)
class FactSuggestion:
    """A figure worth showing: about the investor's ``topics`` (requirement, sector and activity
    codes), or, with none, about one of the suggested entities."""

    fact_id: int
    key: str
    label: str
    text: str
    topics: tuple[str, ...]

    @property
    def reason(self) -> str:
        """The reason in English (:meth:`explain` for other languages)."""
        return self.explain("en")

    def explain(self, language: str = "en") -> str:
        """Why the figure is suggested, in ``language``: "About GMP manufacturing, Biotech"."""
        if not self.topics:
            return say("about-suggested", language)
        what = ", ".join(label(code, language) for code in self.topics)
        return say("about", language).format(what=what)


@dataclass(frozen=True)
class EvidenceLine:
    requirement: str
    entities: tuple[str, ...]  # names
    facts: tuple[str, ...]  # "label: value"
    how: str

    @property
    def has_evidence(self) -> bool:
        return bool(self.entities or self.facts)


@dataclass(frozen=True)
class Suggestions:
    entities: list[EntitySuggestion] = field(default_factory=list)
    facts: list[FactSuggestion] = field(default_factory=list)
    evidence: list[EvidenceLine] = field(default_factory=list)
    # every other candidate, scored, for "why not" (competitors, nothing in common)
    others: list[EntitySuggestion] = field(default_factory=list)

    @property
    def substance(self) -> list[EntitySuggestion]:
        """The suggestions an expert ranks: everything but the contacts, best first."""
        return [s for s in self.entities if not s.is_contact]

    @property
    def contacts(self) -> list[EntitySuggestion]:
        """The people who will accompany the investor (always proposed)."""
        return [s for s in self.entities if s.is_contact]


# Dossier sections by entity kind, in their default order.
SECTIONS: dict[str, taxonomy.Term] = taxonomy.index_terms(
    "section",
    taxonomy.Term("research", "Research partners"),
    taxonomy.Term("industry", "Companies"),
    taxonomy.Term("clinical", "Clinical research and biobanks"),
    taxonomy.Term("sites", "Sites and space"),
    taxonomy.Term("logistics", "Logistics"),
    taxonomy.Term("talent", "Talent and education"),
    taxonomy.Term("support", "Support, programmes and projects"),
    taxonomy.Term(CONTACTS_SECTION, "Your contacts in Leipzig"),
    taxonomy.Term("figures", "Key figures"),
)
SECTION_OF_KIND = {
    "research-institute": "research",
    "company": "industry",
    "hospital-or-clinical-service": "clinical",
    "biobank-or-blood-service": "clinical",
    "site-or-facility": "sites",
    "logistics-provider": "logistics",
    "university-or-school": "talent",
    "support-organisation": "support",
    "programme-or-accelerator": "support",
    "project-or-initiative": "support",
    "public-authority": "support",
}


@dataclass(frozen=True)
class Context:
    """What the ranking knows beyond the candidates themselves.

    ``relations``: (subject id, relation type, object id). ``text``: relative bm25 relevance
    of the investor's words per entity (best = 1.0) and ``text_words`` the words it was
    asked for. ``choices``: the consultant's earlier choices per entity.
    """

    relations: tuple[tuple[int, str, int], ...] = ()
    text: Mapping[int, float] = field(default_factory=dict)
    text_words: tuple[str, ...] = ()
    choices: Mapping[int, Choices] = field(default_factory=dict)
    # keyword → the entities the search index finds it in (synonyms, translations, accents)
    keyword_hits: Mapping[str, frozenset[int]] = field(default_factory=dict)
    tag_labels: Mapping[str, str] = field(default_factory=dict)
