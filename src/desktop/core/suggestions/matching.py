"""Ranking the knowledge base for one investor: what to suggest, and why.

An entity earns points for what it does for the investor, and every point is a
:class:`~desktop.core.suggestions.reasons.Part` the consultant can read (and the dossier can print):

* **requirement served** (3 points each), only on a sourced basis (:mod:`.rules`); a looser
  match is worth 1 point and worded as such ("— not stated in our sources");
* **specialist** (2 points): the entity's own field *is* the investor's (every sector it works
  in is one of theirs), or its text is about it — ahead of a generalist sharing one requirement;
* **sector** (2 points per shared sector) and **activity** (1 point each);
* **text** (up to 2 points): the investor's sectors, requirements and keywords, in English and
  German, matched by the search index's bm25 against names, tags, sectors and descriptions;
  **keywords** found (1.5 points each), blind to case and accents;
* **relation** (1.5 points): a partner, parent, site or spin-off of an entity that matches
  strongly, with the relation named ("hosts Fraunhofer IZI");
* **the consultant's earlier choices** for investors of a similar profile (+1.5 per inclusion,
  −2 per exclusion, three of each at most; :mod:`.choices`).

Then diminishing returns (:func:`diversified`): the second provider of a requirement counts half
for it, the third a quarter, so the first ten cover the investor's needs; the rest stay in the
brief as alternatives. The shortlist's size follows the scores (:func:`shortlist`).

The investment agency, the development and funding bodies and the cluster network are the
investor's contacts: always proposed, in their own section, never in the first ten. A company in
the investor's own business without a site in the region is a competitor, not a partner, and is
left out (and says so when the consultant looks it up). Persons are never suggested.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import replace

from desktop.core.suggestions.interest import Candidate, FactCandidate, Interest
from desktop.core.suggestions.results import (
    CONTACTS_SECTION,
    SECTION_OF_KIND,
    SECTIONS,
    Choices,
    Context,
    EntitySuggestion,
    EvidenceLine,
    FactSuggestion,
    Suggestions,
)
from desktop.core.suggestions.rules import ACTIVITY_RULES, RULES, Rule
from desktop.core.suggestions.scoring import (
    REQUIREMENT_POINTS,
    fold,
    fold_text,
    score,
    with_relations,
)

# The inputs, results and rules are defined next to this module; callers may take them from here.
__all__ = [
    "ACTIVITY_RULES",
    "CONTACTS_SECTION",
    "RULES",
    "SECTIONS",
    "SECTION_OF_KIND",
    "Candidate",
    "Choices",
    "Context",
    "EntitySuggestion",
    "EvidenceLine",
    "FactCandidate",
    "FactSuggestion",
    "Interest",
    "Rule",
    "Suggestions",
    "diversified",
    "fold_text",
    "rank",
    "shortlist",
]

CONTACTS_MAX = 8  # the people who accompany the investor: a handful, the best-matching first
REPEAT_FACTOR = 0.5  # what a requirement's points are worth for each further provider
DIVERSIFIED = 300  # how many of the best are reordered for diminishing returns
# A list that reads like an expert's covers the themes: beyond the first SECTION_FREE of one
# section (companies, clinics, sites …) each further peer — an entity that serves none of the
# requirements on a sourced basis — gives up this much per extra place.
SECTION_FREE = 3
SECTION_REPEAT_POINTS = 0.75
# The shortlist: every suggestion worth this share of the best one's, at least MIN and at
# most MAX of them — but a tie at the cut is never split.
SHORTLIST_SHARE = 0.4
SHORTLIST_MIN = 8
SHORTLIST_MAX = 15


def rank(
    interest: Interest,
    candidates: Iterable[Candidate],
    facts: Iterable[FactCandidate] = (),
    *,
    tag_labels: dict[str, str] | None = None,
    context: Context | None = None,
    explain: Collection[int] = (),
) -> Suggestions:
    """Entities and facts worth showing this investor, best first, each with its reason.

    ``explain``: entities to score even when they earn nothing or are left out (a competitor,
    a stranger to the profile) — they come back in :attr:`Suggestions.others`, for "why not"."""
    context = context or Context(tag_labels=tag_labels or {})
    if tag_labels and not context.tag_labels:
        context = replace(context, tag_labels=tag_labels)
    keywords = [(word, fold(word)) for word in interest.keywords if fold(word)]
    words = [(word, fold(word)) for word in context.text_words]
    scored: dict[int, EntitySuggestion] = {}
    rejected: dict[int, EntitySuggestion] = {}
    by_id: dict[int, Candidate] = {}
    for candidate in candidates:
        if candidate.kind == "person":
            continue
        by_id[candidate.entity_id] = candidate
        suggestion = score(candidate, interest, keywords, words, context)
        if suggestion.competitor or (suggestion.score <= 0 and not suggestion.is_contact):
            if suggestion.parts or candidate.entity_id in explain:
                rejected[candidate.entity_id] = suggestion
        else:
            scored[candidate.entity_id] = suggestion

    def base(entity_id: int) -> EntitySuggestion:
        if entity_id in rejected:
            return rejected[entity_id]
        return score(by_id[entity_id], interest, keywords, words, context)

    scored = with_relations(scored, by_id, context, base)
    ranked = diversified([s for s in scored.values() if not s.is_contact])
    substance = shortlist(ranked[:DIVERSIFIED])  # beyond the best few hundred, no one reads
    # the organisation with a named person to call leads ("your quick contact to …")
    staffed = {obj for _subject, relation, obj in context.relations if relation == "works-at"}
    contacts = sorted(
        (replace(s, shortlisted=True) for s in scored.values() if s.is_contact),
        key=lambda s: (s.entity_id not in staffed, -s.score, s.name.casefold()),
    )[:CONTACTS_MAX]
    suggestions = substance + contacts
    others = [s for entity_id, s in rejected.items() if entity_id not in scored]
    if explain:
        others += [
            base(entity_id)
            for entity_id in explain
            if entity_id in by_id and entity_id not in scored and entity_id not in rejected
        ]
    return Suggestions(
        suggestions,
        *_facts_and_evidence(interest, suggestions, facts),
        others=others,
    )


def _facts_and_evidence(
    interest: Interest, suggestions: list[EntitySuggestion], facts: Iterable[FactCandidate]
) -> tuple[list[FactSuggestion], list[EvidenceLine]]:
    served_by: dict[str, list[str]] = {code: [] for code in interest.requirements}
    for suggestion in suggestions:
        for code in suggestion.requirements:
            served_by[code].append(suggestion.name)
    chosen_ids = {s.entity_id for s in suggestions}
    wanted = {*interest.sectors, *interest.requirements, *interest.activities}
    fact_suggestions = []
    facts_by_requirement: dict[str, list[str]] = {code: [] for code in interest.requirements}
    for fact in facts:
        topics = sorted(fact.topics & wanted)
        if not topics and fact.scope_id not in chosen_ids:
            continue  # neither about the investor's interest nor about a suggestion
        fact_suggestions.append(
            FactSuggestion(fact.fact_id, fact.key, fact.label, fact.text, tuple(topics))
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
    return fact_suggestions, evidence


def diversified(suggestions: list[EntitySuggestion]) -> list[EntitySuggestion]:
    """Best first, with diminishing returns per requirement: the second provider of a service
    counts half as much for it, the third a quarter — so five logistics firms in a row give way
    to the specialists and the other requirements, and stay further down as alternatives. A
    section's fourth peer and beyond (serving no requirement) give up
    :data:`SECTION_REPEAT_POINTS` per place, so seven start-ups of the investor's field do not
    fill the list: it covers the themes as an expert's would.

    Greedy: each place goes to the entity that adds most given those already placed (its
    :attr:`~EntitySuggestion.gain`). Only the best :data:`DIVERSIFIED` by their own score are
    reordered (the rest follow by score), so a hundred thousand candidates cost no more than a
    few hundred."""
    ordered = sorted(suggestions, key=lambda s: (-s.score, s.name.casefold()))
    pool, rest = ordered[:DIVERSIFIED], ordered[DIVERSIFIED:]
    covered: dict[str, int] = {}
    themes: dict[str, int] = {}
    placed: list[EntitySuggestion] = []

    def added(suggestion: EntitySuggestion) -> float:
        taken = sum(
            REQUIREMENT_POINTS * (1 - REPEAT_FACTOR ** covered.get(code, 0))
            for code in suggestion.requirements
        )
        crowded = 0
        if not suggestion.requirements:  # a peer in the field, not a provider of a need
            crowded = max(0, themes.get(suggestion.section, 0) - SECTION_FREE + 1)
        return suggestion.score - taken - SECTION_REPEAT_POINTS * crowded

    while pool:
        best = min(pool, key=lambda s: (-added(s), -s.score, s.name.casefold()))
        pool.remove(best)
        placed.append(replace(best, gain=added(best)))
        for code in best.requirements:
            covered[code] = covered.get(code, 0) + 1
        themes[best.section] = themes.get(best.section, 0) + 1
    return placed + rest


def shortlist(ranked: list[EntitySuggestion]) -> list[EntitySuggestion]:
    """Mark the suggestions a new brief starts with: those worth at least
    :data:`SHORTLIST_SHARE` of the best one's gain, no fewer than :data:`SHORTLIST_MIN` and no
    more than :data:`SHORTLIST_MAX` — and everything tied with the last one in, so an expert pick
    never falls out alphabetically. The best-placed provider of every requirement is in too, so
    the dossier's evidence never says "nothing" where the knowledge base has an answer."""
    if not ranked:
        return []
    best = ranked[0].gain
    size = sum(1 for s in ranked if s.gain >= SHORTLIST_SHARE * best)
    size = max(min(size, SHORTLIST_MAX), min(SHORTLIST_MIN, len(ranked)))
    last = ranked[size - 1].gain
    while size < len(ranked) and ranked[size].gain == last:
        size += 1
    covered: set[str] = set()
    chosen = []
    for index, suggestion in enumerate(ranked):
        # the best-placed provider of each requirement is in, whatever the cut
        first = bool(set(suggestion.requirements) - covered)
        covered |= set(suggestion.requirements)
        if index < size or first:
            suggestion = replace(suggestion, shortlisted=True)
        chosen.append(suggestion)
    return chosen
