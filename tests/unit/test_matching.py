"""Ranking with profiles where the right answer is clear."""

from __future__ import annotations

from desktop.core.storage.database import Database
from desktop.core.suggestions.matching import RULES, Candidate, Interest, rank
from desktop.core.suggestions.suggest import suggest

CELL_THERAPY = Interest(
    sectors=("cell-gene-therapy",),
    activities=("manufacturing", "rd"),
    requirements=("gmp-manufacturing", "cold-chain-logistics", "air-freight", "research-partners"),
    keywords=("CAR-T", "autologous"),
)
MEDTECH = Interest(
    sectors=("medtech", "surgery"),
    requirements=("lab-space-s1", "office-space", "regulatory-support", "incubator"),
)


def ranked(database: Database, interest: Interest) -> list[str]:
    with database.session() as session:
        return [s.slug for s in suggest(session, interest).entities]


def test_cell_therapy_manufacturer_gets_the_gmp_cdmo_first(database: Database) -> None:
    slugs = ranked(database, CELL_THERAPY)
    assert slugs[0] == "fraunhofer-izi"
    assert "co-don" in slugs[:5]
    assert {"dhl-express", "dhl-pharma-logistics-warehouse"} <= set(slugs[:8])


def test_unrelated_research_is_not_a_research_partner(database: Database) -> None:
    """A biodiversity centre does not serve a cell-therapy firm's research needs."""
    with database.session() as session:
        suggestions = suggest(session, CELL_THERAPY)
    partners = next(e for e in suggestions.evidence if e.requirement == "research-partners")
    assert "Fraunhofer Institute for Cell Therapy and Immunology" in partners.entities
    assert "German Centre for Integrative Biodiversity Research" not in partners.entities


def test_gmp_certified_logistics_is_not_gmp_manufacturing(database: Database) -> None:
    with database.session() as session:
        suggestions = suggest(session, CELL_THERAPY)
    gmp = next(e for e in suggestions.evidence if e.requirement == "gmp-manufacturing")
    assert not any("DHL" in name for name in gmp.entities)


def test_medtech_scale_up_finds_space_and_regulatory_help(database: Database) -> None:
    slugs = ranked(database, MEDTECH)
    assert "biocube-leipzig" in slugs[:6]
    assert "accelerator-smart-medical-devices" in slugs[:3]
    assert "iccas" in slugs[:5]
    assert "bellaseno" not in slugs[:3]  # holds EN ISO 13485 but offers no regulatory service


def test_every_reason_explains_the_score(database: Database) -> None:
    with database.session() as session:
        suggestions = suggest(session, CELL_THERAPY)
    for suggestion in suggestions.substance:
        assert suggestion.reason and suggestion.score > 0
    for contact in suggestions.contacts:  # proposed whatever they score
        assert contact.reason
    izi = suggestions.entities[0]
    assert "GMP manufacturing" in izi.reason and "CAR-T" in izi.reason


def test_persons_are_never_suggested(database: Database) -> None:
    assert "florian-schmidtner" not in ranked(database, Interest(sectors=("investment-support",)))


def test_requirement_without_evidence_is_empty(database: Database) -> None:
    with database.session() as session:
        suggestions = suggest(session, Interest(requirements=("production-space", "lab-space-s2")))
    by_code = {line.requirement: line for line in suggestions.evidence}
    assert by_code["lab-space-s2"].has_evidence
    assert by_code["production-space"].entities  # BioCube and the old trade fair grounds


def test_keywords_ignore_case_and_accents() -> None:
    candidate = Candidate(
        1,
        "k",
        "Kühne+Nagel",
        None,
        "logistics-provider",
        frozenset(),
        frozenset(),
        frozenset(),
        "kuhne+nagel pharma logistics",
    )
    result = rank(Interest(keywords=("KUHNE",)), [candidate])
    assert result.entities[0].keywords == ("KUHNE",)


def test_ranking_is_stable_on_ties() -> None:
    def make(i: int, name: str) -> Candidate:
        return Candidate(
            i,
            name.lower(),
            name,
            None,
            "company",
            frozenset({"medtech"}),
            frozenset(),
            frozenset(),
            name.lower(),
        )

    names = [
        s.name
        for s in rank(Interest(sectors=("medtech",)), [make(1, "Beta"), make(2, "alpha")]).entities
    ]
    assert names == ["alpha", "Beta"]


def test_every_requirement_has_a_rule() -> None:
    from desktop.core.kb.vocabulary import REQUIREMENTS

    assert set(REQUIREMENTS) == set(RULES)


def test_the_third_provider_of_one_service_gives_way_to_another_requirement() -> None:
    """Diminishing returns: four cold-chain firms (3 points each) do not fill the top before
    the one clean-room provider (also 3 points); they stay further down, as alternatives."""
    from desktop.core.suggestions.matching import EntitySuggestion, diversified

    def suggestion(number: int, name: str, score: float, *requirements: str) -> EntitySuggestion:
        return EntitySuggestion(number, name.lower(), name, "company", score, requirements, "")

    logistics = [suggestion(n, f"Cold {n}", 3.0, "cold-chain-logistics") for n in range(4)]
    cleanroom = suggestion(9, "Zeta Cleanrooms", 3.0, "cleanroom")  # last by name
    specialist = suggestion(10, "Cell Specialist", 5.0, "gmp-manufacturing")
    order = [s.name for s in diversified([*logistics, cleanroom, specialist])]
    assert order[:3] == ["Cell Specialist", "Cold 0", "Zeta Cleanrooms"]
    assert order[3:] == ["Cold 1", "Cold 2", "Cold 3"]


def test_german_and_accented_words_find_the_same_entities(database: Database) -> None:
    """The investor's words reach descriptions through the search index, blind to case and
    accents and across languages: "Reinräume" is the clean room academy's field."""
    with database.session() as session:
        german = suggest(session, Interest(keywords=("REINRÄUME",)), learn=False)
        english = suggest(session, Interest(keywords=("clean room",)), learn=False)
    assert "academy-for-clean-room-work" in [s.slug for s in german.substance[:3]]
    assert [s.slug for s in german.substance[:3]] == [s.slug for s in english.substance[:3]]
