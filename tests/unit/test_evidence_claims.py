"""No claim without evidence: every "serves" the rules print rests on a sourced record.

Every requirement is asked for on its own (with every field, so the rules that want a shared
sector are exercised) and every profile of the evaluation set; each "serves" part found is
checked against the seeded database itself — the tag on the entity, the space offer, the
figure scoped to it, the record's kind — and must name that record's source. A looser match
must say "not stated in our sources" and stay out of the evidence matrix and the dossier's
"For your requirements".
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlmodel import Session, select

from desktop.core.kb import taxonomy
from desktop.core.kb.models import Entity, EntityTag, Fact, Source, SpaceOffer
from desktop.core.kb.vocabulary import REQUIREMENTS
from desktop.core.storage.database import Database
from desktop.core.suggestions.matching import EntitySuggestion, Interest, Suggestions
from desktop.core.suggestions.suggest import suggest
from desktop.dossier.content.assemble import assemble, default_selection
from desktop.dossier.content.model import ContactCard
from tests.relevance.evaluation import load_cases

FIELDS = tuple(
    code
    for code in taxonomy.SECTORS
    if code not in {"education-talent", "real-estate", "investment-support", "basic-research"}
)


def interests() -> list[Interest]:
    asked = [Interest(sectors=FIELDS, requirements=(code,)) for code in REQUIREMENTS]
    asked += [Interest(requirements=(code,)) for code in REQUIREMENTS]
    return asked + [case.interest for case in load_cases()]


class Records:
    """What the seeded database holds, to check each claim against."""

    def __init__(self, session: Session) -> None:
        titles = {s.id: s.title for s in session.exec(select(Source))}
        self.entities = {e.id: e for e in session.exec(select(Entity))}
        self.source = {e.id: titles.get(e.source_id) for e in self.entities.values()}
        self.tags: dict[int, set[str]] = defaultdict(set)
        for link in session.exec(select(EntityTag)):
            self.tags[link.entity_id].add(link.tag_code)
        self.space: dict[int, dict[str, str | None]] = defaultdict(dict)
        for offer in session.exec(select(SpaceOffer)):
            self.space[offer.site_id][offer.space_type] = titles.get(offer.source_id)
        self.facts: dict[int, dict[str, tuple[set[str], str | None]]] = defaultdict(dict)
        for fact in session.exec(select(Fact)):
            if fact.scope_id is not None:
                topics = set((fact.topics or "").split())
                self.facts[fact.scope_id][fact.label] = (topics, titles.get(fact.source_id))

    def unsupported(self, suggestion: EntitySuggestion) -> list[str]:
        """What in the suggestion's "serves" parts the database does not back."""
        problems = []
        entity_id = suggestion.entity_id
        for part in suggestion.parts:
            if part.code != "serves":
                continue
            basis, code = part.basis, part.codes[0]
            where = f"{suggestion.slug} serves {code}"
            if basis is None or not basis.sourced:
                problems.append(f"{where}: no sourced basis")
                continue
            sources = set()
            if basis.tags:
                if not set(basis.tags) <= self.tags[entity_id]:
                    problems.append(f"{where}: tags {basis.tags} not on the record")
                sources.add(self.source[entity_id])
            for kind in basis.space:
                if kind not in self.space[entity_id]:
                    problems.append(f"{where}: no {kind} space offer")
                sources.add(self.space[entity_id].get(kind))
            for label in basis.facts:
                topics, source = self.facts[entity_id].get(label, (set(), None))
                if code not in topics:
                    problems.append(f"{where}: no figure {label!r} about {code}")
                sources.add(source)
            if basis.kind:
                if self.entities[entity_id].kind != basis.kind:
                    problems.append(f"{where}: the record is no {basis.kind}")
                sources.add(self.source[entity_id])
            if basis.source not in sources - {None}:
                problems.append(f"{where}: source {basis.source!r} is not the record's")
            if f"source: {basis.source}" not in suggestion.reason:
                problems.append(f"{where}: the reason does not name the source")
        return problems


def _all(suggestions: Suggestions) -> list[EntitySuggestion]:
    return [*suggestions.entities, *suggestions.others]


def test_every_serves_claim_rests_on_a_sourced_record(database: Database) -> None:
    problems: list[str] = []
    claims = 0
    with database.session() as session:
        records = Records(session)
        for interest in interests():
            for suggestion in _all(suggest(session, interest, learn=False)):
                problems += records.unsupported(suggestion)
                claims += len(suggestion.requirements)
    assert claims > 100  # the check saw claims of every kind
    assert sorted(set(problems)) == []


def test_looser_matches_say_so_and_never_fill_the_evidence(database: Database) -> None:
    loose_seen = 0
    with database.session() as session:
        for interest in interests():
            suggestions = suggest(session, interest, learn=False)
            claimed = {
                code: {s.name for s in suggestions.entities if code in s.requirements}
                for code in interest.requirements
            }
            for line in suggestions.evidence:
                assert set(line.entities) <= claimed[line.requirement], line
            for suggestion in _all(suggestions):
                for code in suggestion.loose:
                    loose_seen += 1
                    assert code not in suggestion.requirements
                    label = REQUIREMENTS[code].en
                    assert f"{label} not stated in our sources" in suggestion.reason
                    assert f"Serves {label}" not in suggestion.reason
                    assert label not in suggestion.why("en")
    assert loose_seen > 10  # logistics firms, clinics, blood services


def test_the_dossier_prints_only_sourced_claims(database: Database) -> None:
    """The cold-chain line of a cell-therapy dossier: the certified DHL sites, not every
    forwarder that offers "solutions for pharmaceutical companies"."""
    interest = Interest(
        sectors=("cell-gene-therapy",),
        activities=("manufacturing",),
        requirements=("gmp-manufacturing", "cold-chain-logistics", "production-space"),
    )
    with database.session() as session:
        suggestions = suggest(session, interest, learn=False)
        selection = default_selection(
            suggestions,
            prepared_for="Project Aurora",
            template="full",
            language="en",
            consultant=ContactCard("Anna Example", "Investor consultant", phone="+49 341 0000"),
            interest=interest,
            limit=40,
        )
        assembled = assemble(session, selection, suggestions, today=date(2026, 12, 7))
    rows = {row.requirement: row for row in assembled.data.evidence}
    cold_chain = set(rows["Cold-chain logistics"].evidence)
    assert {"DHL Pharma Logistics Warehouse at Leipzig/Halle Airport"} <= cold_chain or any(
        "DHL" in name for name in cold_chain
    )
    assert not {"DB Schenker", "Rhenus Logistics", "Kühne+Nagel", "World Courier"} & cold_chain
    cards = [card for section in assembled.data.sections for card in section.entities]
    for card in cards:
        if card.name in {"DB Schenker", "Rhenus Logistics", "Kühne+Nagel", "World Courier"}:
            assert "Cold-chain" not in card.why
