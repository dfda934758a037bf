"""Each ranking rule on its own, with a profile whose right answer is clear (no database)."""

from __future__ import annotations

from desktop.core.suggestions.interest import Candidate
from desktop.core.suggestions.matching import (
    Choices,
    Context,
    EntitySuggestion,
    Interest,
    rank,
    shortlist,
)

SOURCE = "Cluster profile"
CELL = Interest(
    sectors=("cell-gene-therapy",),
    requirements=("gmp-manufacturing", "cold-chain-logistics"),
)


def entity(
    number: int,
    name: str,
    kind: str = "company",
    *,
    sectors: tuple[str, ...] = (),
    tags: tuple[str, ...] = (),
    text: str = "",
    source: str | None = SOURCE,
    outside_region: bool = False,
) -> Candidate:
    return Candidate(
        entity_id=number,
        slug=name.lower().replace(" ", "-"),
        name=name,
        short_name=None,
        kind=kind,
        sectors=frozenset(sectors),
        tags=frozenset(tags),
        space=frozenset(),
        text=text or name.lower(),
        source=source,
        outside_region=outside_region,
    )


def by_slug(result: object) -> dict[str, EntitySuggestion]:
    suggestions = [*result.entities, *result.others]  # type: ignore[attr-defined]
    return {s.slug: s for s in suggestions}


# --- no claim without evidence ------------------------------------------------------------------


def test_a_sourced_tag_is_a_claim_and_names_its_source() -> None:
    warehouse = entity(1, "Cold Store", "logistics-provider", tags=("gdp",), sectors=("logistics",))
    found = by_slug(rank(CELL, [warehouse], tag_labels={"gdp": "GDP"}))["cold-store"]
    assert found.requirements == ("cold-chain-logistics",)
    assert "Serves Cold-chain logistics (GDP; source: Cluster profile)" in found.reason


def test_a_looser_match_is_worded_as_such_and_never_evidence() -> None:
    """'Solutions for pharmaceutical companies' is not a stated cold chain."""
    forwarder = entity(
        1, "Forwarder", "logistics-provider", tags=("pharma-logistics",), sectors=("logistics",)
    )
    result = rank(CELL, [forwarder])
    found = by_slug(result)["forwarder"]
    assert found.requirements == () and found.loose == ("cold-chain-logistics",)
    assert "Cold-chain logistics not stated in our sources" in found.reason
    assert "serves" not in found.reason.casefold()
    cold_chain = next(e for e in result.evidence if e.requirement == "cold-chain-logistics")
    assert cold_chain.entities == ()
    assert found.why() == ""  # the dossier's "For your requirements" stays silent


def test_a_tag_without_a_source_is_no_claim() -> None:
    unsourced = entity(1, "Unsourced CDMO", tags=("gmp",), source=None)
    found = by_slug(rank(CELL, [unsourced]))["unsourced-cdmo"]
    assert found.requirements == ()


# --- specialists, text, relations -----------------------------------------------------------------


def test_a_specialist_outranks_a_generalist_sharing_one_requirement() -> None:
    specialist = entity(1, "Cell Lab", "research-institute", sectors=("cell-gene-therapy",))
    generalist = entity(2, "Any Forwarder", "logistics-provider", tags=("pharma-logistics",))
    ranked = [s.slug for s in rank(CELL, [generalist, specialist]).substance]
    assert ranked == ["cell-lab", "any-forwarder"]
    assert by_slug(rank(CELL, [specialist]))["cell-lab"].reason.startswith(
        "Specialist in Cell & gene therapy"
    )


def test_an_entity_in_another_field_gives_way() -> None:
    surgery_school = entity(
        1, "Surgery School", "university-or-school", sectors=("education-talent", "surgery")
    )
    talent = Interest(sectors=("biotech-pharma",), requirements=("talent-graduates",))
    plain_school = entity(2, "Plain School", "university-or-school", sectors=("education-talent",))
    ranked = rank(talent, [surgery_school, plain_school]).substance
    assert [s.slug for s in ranked] == ["plain-school", "surgery-school"]
    assert "works in another field (Surgery)" in ranked[1].reason


def test_text_relevance_adds_points_and_names_the_words() -> None:
    plain = entity(1, "Plain", sectors=("cell-gene-therapy",))
    described = entity(2, "Described", sectors=("cell-gene-therapy",), text="leukapheresis centre")
    context = Context(text={2: 1.0}, text_words=("leukapheresis",))
    ranked = rank(CELL, [plain, described], context=context).substance
    assert [s.slug for s in ranked] == ["described", "plain"]
    assert "about leukapheresis" in ranked[0].reason


def test_a_partner_of_a_strong_match_gains_and_the_relation_is_named() -> None:
    cdmo = entity(1, "Strong CDMO", "research-institute", sectors=("cell-gene-therapy",))
    cdmo = Candidate(**{**cdmo.__dict__, "tags": frozenset({"gmp", "cdmo"})})
    campus = entity(2, "Campus", "site-or-facility", sectors=("real-estate",))
    context = Context(relations=((1, "located-at", 2),))
    found = by_slug(rank(CELL, [cdmo, campus], context=context))
    assert found["campus"].score > 0
    assert found["campus"].reason == "Hosts Strong CDMO"
    assert "campus" in [s.slug for s in rank(CELL, [cdmo, campus], context=context).substance]


# --- contacts, competitors, earlier choices -------------------------------------------------------


def test_the_investment_agency_is_always_a_contact_and_never_takes_a_place() -> None:
    agency = entity(1, "Agency", "support-organisation", sectors=("investment-support",))
    partner = entity(2, "Partner", sectors=("cell-gene-therapy",))
    result = rank(CELL, [agency, partner])
    assert [s.slug for s in result.contacts] == ["agency"]
    assert [s.slug for s in result.substance] == ["partner"]
    assert result.contacts[0].shortlisted
    assert result.contacts[0].explain("de") == "Ihr Ansprechpartner für Ansiedlungsförderung"


def test_a_competitor_without_a_site_here_is_not_proposed() -> None:
    rival = entity(1, "Rival Pharma", sectors=("cell-gene-therapy",), outside_region=True)
    local = entity(2, "Local Firm", sectors=("cell-gene-therapy",))
    result = rank(CELL, [rival, local])
    assert [s.slug for s in result.entities] == ["local-firm"]
    rejected = by_slug(result)["rival-pharma"]
    assert rejected.competitor and rejected.score == 0
    assert "same business as the investor" in rejected.reason.casefold()


def test_earlier_choices_weigh_in_and_say_so() -> None:
    one = entity(1, "One", sectors=("cell-gene-therapy",))
    two = entity(2, "Two", sectors=("cell-gene-therapy",))
    context = Context(
        choices={
            2: Choices(included=3, sectors=("cell-gene-therapy",)),
            1: Choices(excluded=1, sectors=("cell-gene-therapy",)),
        }
    )
    ranked = rank(CELL, [one, two], context=context).substance
    assert [s.slug for s in ranked] == ["two", "one"]
    assert "included in 3 earlier briefs for Cell & gene therapy investors" in ranked[0].reason
    assert "left out of an earlier brief for Cell & gene therapy investors" in ranked[1].reason


# --- the shortlist ------------------------------------------------------------------------------


def _scored(name: str, score: float) -> EntitySuggestion:
    return EntitySuggestion(0, name, name, "company", score, (), "industry", gain=score)


def test_the_shortlist_follows_the_scores_and_never_splits_a_tie() -> None:
    ranked = [_scored(f"e{n}", score) for n, score in enumerate([10, 9, 8, 7, 6, 5, 5, 5, 1, 1])]
    chosen = [s.name for s in shortlist(ranked) if s.shortlisted]
    assert chosen == ["e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7"]  # the three fives together


def test_a_weak_tail_stays_out_of_the_shortlist() -> None:
    ranked = [_scored(f"e{n}", score) for n, score in enumerate([10, 9, 9, 8, 8, 7, 7, 6, 2, 1])]
    assert [s.name for s in shortlist(ranked) if s.shortlisted][-1] == "e7"


def test_reasons_read_in_the_brief_language() -> None:
    warehouse = entity(1, "Cold Store", "logistics-provider", tags=("gdp",), sectors=("logistics",))
    found = by_slug(rank(CELL, [warehouse], tag_labels={"gdp": "GDP"}))["cold-store"]
    assert found.explain("de").startswith(
        "Erfüllt Kühlkettenlogistik (GDP; Quelle: Cluster profile)"
    )
