"""Ranking the knowledge base for one investor: what to suggest, and why.

An entity earns points for each thing it does for the investor, and every point comes with a
reason the consultant can read (and the dossier can print):

* **requirement served** (3 points each): a rule in :data:`RULES` says which tags, sectors,
  kinds or space types serve a requirement ("GMP manufacturing" ← tags GMP, CDMO, ATMP);
* **activity served** (1 point each): the same idea for planned activities (R&D, logistics …);
* **sector match** (2 points each) between the entity and the investor's sectors;
* **keyword found** (1.5 points each) in the name, acronym, tags or description, ignoring case
  and accents.

Persons are never suggested (contacts belong on the contact page). Ties are broken by name, so
the ranking is stable. Facts are suggested when their scope entity is, or when their topics
name one of the investor's sectors, requirements or activities. The requirement → evidence
matrix lists, per requirement, the entities and figures that serve it — or nothing, which the
dossier then says plainly.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from desktop.core.briefs.interest import Candidate, FactCandidate, Interest
from desktop.core.briefs.rules import ACTIVITY_RULES, RULES, Rule
from desktop.core.kb import taxonomy
from desktop.core.kb import vocabulary as prospect_vocab

# The inputs and the rules are defined next to this module; callers may take them from here.
__all__ = ["ACTIVITY_RULES", "RULES", "Candidate", "FactCandidate", "Interest", "Rule"]

REQUIREMENT_POINTS = 3.0
SECTOR_POINTS = 2.0
KEYWORD_POINTS = 1.5
ACTIVITY_POINTS = 1.0
REPEAT_FACTOR = 0.5  # what a requirement's points are worth for each further provider
DIVERSIFIED = 300  # how many of the best are reordered for diminishing returns


@dataclass(frozen=True)
class EntitySuggestion:
    entity_id: int
    slug: str
    name: str
    kind: str
    score: float
    reason: (
        str  # one line, e.g. "Serves GMP manufacturing · sector Cell & gene therapy · GMP, CDMO"
    )
    requirements: tuple[str, ...]  # requirement codes served
    section: str  # theme key, see SECTIONS
    sectors: tuple[str, ...] = ()  # the investor's sectors it shares
    activities: tuple[str, ...] = ()  # the planned activities it serves
    tags: tuple[str, ...] = ()  # tag codes behind the requirements it serves
    keywords: tuple[str, ...] = ()  # the investor's keywords found in it

    def why(self, language: str = "en", tag_labels: dict[str, str] | None = None) -> str:
        """One line on what this entity offers the investor, in the dossier's language."""
        labels = tag_labels or {}
        parts = []
        if self.requirements:
            served = ", ".join(
                prospect_vocab.REQUIREMENTS[c].label(language) for c in self.requirements
            )
            lead = "Für Ihre Anforderungen: " if language == "de" else "For your requirements: "
            parts.append(lead + served)
        said = {
            prospect_vocab.REQUIREMENTS[c].label(language).casefold() for c in self.requirements
        }
        tags = sorted(labels.get(tag, tag) for tag in self.tags)
        if tags := [tag for tag in tags if tag.casefold() not in said]:
            parts.append(", ".join(tags))
        if self.sectors:
            parts.append(", ".join(taxonomy.SECTORS[c].label(language) for c in self.sectors))
        if self.activities and not self.requirements:
            for_ = "Für: " if language == "de" else "For: "
            parts.append(
                for_
                + ", ".join(prospect_vocab.ACTIVITIES[c].label(language) for c in self.activities)
            )
        return " · ".join(parts)


@dataclass(frozen=True)
class FactSuggestion:
    fact_id: int
    key: str
    label: str
    text: str
    reason: str
    topics: tuple[str, ...]


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


# Dossier sections by entity kind, in their default order.
SECTIONS: dict[str, taxonomy.Term] = taxonomy.index_terms(
    taxonomy.Term("research", "Research partners", "Forschungspartner"),
    taxonomy.Term("industry", "Companies", "Unternehmen"),
    taxonomy.Term(
        "clinical", "Clinical research and biobanks", "Klinische Forschung und Biobanken"
    ),
    taxonomy.Term("sites", "Sites and space", "Standorte und Flächen"),
    taxonomy.Term("logistics", "Logistics", "Logistik"),
    taxonomy.Term("talent", "Talent and education", "Fachkräfte und Ausbildung"),
    taxonomy.Term(
        "support", "Support, programmes and projects", "Unterstützung, Programme und Projekte"
    ),
    taxonomy.Term("figures", "Key figures", "Kennzahlen"),
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


def rank(
    interest: Interest,
    candidates: Iterable[Candidate],
    facts: Iterable[FactCandidate] = (),
    *,
    tag_labels: dict[str, str] | None = None,
) -> Suggestions:
    """Entities and facts worth showing this investor, best first, each with its reason."""
    labels = tag_labels or {}
    keywords = [(word, _fold(word)) for word in interest.keywords if _fold(word)]
    suggestions = []
    served_by: dict[str, list[str]] = {code: [] for code in interest.requirements}
    for candidate in candidates:
        if candidate.kind == "person":
            continue
        suggestion = _score(candidate, interest, keywords, labels)
        if suggestion is None:
            continue
        suggestions.append(suggestion)
        for code in suggestion.requirements:
            served_by[code].append(candidate.name)
    suggestions = diversified(suggestions)
    chosen_ids = {s.entity_id for s in suggestions}
    wanted = {*interest.sectors, *interest.requirements, *interest.activities}
    fact_suggestions = []
    facts_by_requirement: dict[str, list[str]] = {code: [] for code in interest.requirements}
    for fact in facts:
        topics = sorted(fact.topics & wanted)
        if topics:
            reason = "About " + ", ".join(_label(code) for code in topics)
        elif fact.scope_id in chosen_ids:
            reason = "About a suggested entity"
        else:
            continue
        fact_suggestions.append(
            FactSuggestion(fact.fact_id, fact.key, fact.label, fact.text, reason, tuple(topics))
        )
        for code in topics:
            if code in facts_by_requirement:
                facts_by_requirement[code].append(f"{fact.label}: {fact.text}")
    evidence = [
        EvidenceLine(
            requirement=code,
            entities=tuple(served_by[code]),
            facts=tuple(facts_by_requirement[code]),
            how=RULES[code].how if code in RULES else "",
        )
        for code in interest.requirements
    ]
    return Suggestions(suggestions, fact_suggestions, evidence)


def diversified(suggestions: list[EntitySuggestion]) -> list[EntitySuggestion]:
    """Best first, with diminishing returns per requirement: the second provider of a service
    counts half as much for it, the third a quarter — so five logistics firms in a row give way
    to the specialists and the other requirements, and stay further down as alternatives.

    Greedy: each place goes to the entity that adds most given those already placed. Only the
    best :data:`DIVERSIFIED` by their own score are reordered (the rest follow by score), so a
    hundred thousand candidates cost no more than a few hundred."""
    ordered = sorted(suggestions, key=lambda s: (-s.score, s.name.casefold()))
    pool, rest = ordered[:DIVERSIFIED], ordered[DIVERSIFIED:]
    covered: dict[str, int] = {}
    placed: list[EntitySuggestion] = []

    def added(suggestion: EntitySuggestion) -> float:
        taken = sum(
            REQUIREMENT_POINTS * (1 - REPEAT_FACTOR ** covered.get(code, 0))
            for code in suggestion.requirements
        )
        return suggestion.score - taken

    while pool:
        best = min(pool, key=lambda s: (-added(s), -s.score, s.name.casefold()))
        pool.remove(best)
        placed.append(best)
        for code in best.requirements:
            covered[code] = covered.get(code, 0) + 1
    return placed + rest


def _score(
    candidate: Candidate,
    interest: Interest,
    keywords: list[tuple[str, str]],
    tag_labels: dict[str, str],
) -> EntitySuggestion | None:
    score = 0.0
    reasons: list[str] = []
    requirements = tuple(
        code
        for code in interest.requirements
        if code in RULES and RULES[code].serves(candidate, interest)
    )
    if requirements:
        score += REQUIREMENT_POINTS * len(requirements)
        reasons.append("serves " + ", ".join(_label(code) for code in requirements))
    sectors = [code for code in interest.sectors if code in candidate.sectors]
    if sectors:
        score += SECTOR_POINTS * len(sectors)
        reasons.append("sector " + ", ".join(taxonomy.SECTORS[code].en for code in sectors))
    activities = [
        code
        for code in interest.activities
        if code in ACTIVITY_RULES and ACTIVITY_RULES[code].serves(candidate, interest)
    ]
    if activities:
        score += ACTIVITY_POINTS * len(activities)
        reasons.append(
            "for " + ", ".join(prospect_vocab.ACTIVITIES[code].en.lower() for code in activities)
        )
    relevant_tags = {tag for code in requirements for tag in RULES[code].tags} & candidate.tags
    if relevant_tags:
        reasons.append(", ".join(sorted(tag_labels.get(tag, tag) for tag in relevant_tags)))
    found = [word for word, folded in keywords if folded in candidate.text]
    if found:
        score += KEYWORD_POINTS * len(found)
        reasons.append("mentions " + ", ".join(found))
    if score == 0:
        return None
    reason = " · ".join(reasons)
    return EntitySuggestion(
        entity_id=candidate.entity_id,
        slug=candidate.slug,
        name=candidate.name,
        kind=candidate.kind,
        score=score,
        reason=reason[:1].upper() + reason[1:],
        requirements=requirements,
        section=SECTION_OF_KIND.get(candidate.kind, "support"),
        sectors=tuple(sectors),
        activities=tuple(activities),
        tags=tuple(sorted(relevant_tags)),
        keywords=tuple(found),
    )


def _label(code: str) -> str:
    for vocabulary in (prospect_vocab.REQUIREMENTS, taxonomy.SECTORS, prospect_vocab.ACTIVITIES):
        if code in vocabulary:
            return vocabulary[code].en
    return code


def _fold(text: str) -> str:
    """Lower case without accents, so "Kuhne" finds "Kühne" and "car-t" finds "CAR-T"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()


def fold_text(*parts: str | None) -> str:
    """The searchable text of a candidate, folded like keywords are."""
    return _fold(" ".join(part for part in parts if part))
