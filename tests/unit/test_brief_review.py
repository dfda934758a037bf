"""Reviewing a brief: alternatives per requirement, "why not", adding, and learning from it."""

from __future__ import annotations

from sqlmodel import select

from desktop.core.briefs import curation as briefs
from desktop.core.briefs import review
from desktop.core.kb.models import BriefChoice, Entity
from desktop.core.storage.database import Database
from desktop.core.suggestions.matching import Interest
from desktop.core.suggestions.suggest import suggest

CELL_THERAPY = briefs.ProspectInput(
    company_name="Acme Cell Therapeutics Inc.",
    country="us",
    sectors=("cell-gene-therapy",),
    activities=("manufacturing",),
    requirements=("gmp-manufacturing", "cold-chain-logistics", "production-space"),
)


def new_brief(database: Database, data: briefs.ProspectInput = CELL_THERAPY) -> int:
    with database.transaction() as session:
        prospect = briefs.save_prospect(session, data)
        return briefs.create_brief(session, prospect_id=prospect.id)


def entity_id(database: Database, slug: str) -> int:
    with database.session() as session:
        return session.exec(select(Entity.id).where(Entity.slug == slug)).one()


def items(database: Database, brief_id: int) -> dict[str, briefs.BriefItemView]:
    with database.session() as session:
        return {
            item.slug: item for item in briefs.brief_view(session, brief_id).items() if item.slug
        }


def test_a_new_brief_has_its_contacts_and_a_shortlist_sized_by_relevance(
    database: Database,
) -> None:
    brief_id = new_brief(database)
    with database.session() as session:
        view = briefs.brief_view(session, brief_id)
    sections = dict(view.sections)
    contacts = {item.slug for item in sections["contacts"]}
    assert {"invest-region-leipzig", "biosaxony"} <= contacts
    assert all(item.included for item in sections["contacts"])
    included = [i for i in view.items() if i.kind == "entity" and i.included]
    left_out = [i for i in view.items() if i.kind == "entity" and not i.included]
    assert 6 <= len(included) - len(contacts) <= 16 and left_out


def test_alternatives_are_grouped_under_the_requirement_they_serve(database: Database) -> None:
    brief_id = new_brief(database)
    with database.session() as session:
        groups = review.alternatives(session, brief_id)
    by_code = {group.requirement: group for group in groups}
    forwarders = {item.slug for item in by_code["cold-chain-logistics"].items}
    assert {"db-schenker", "kuehne-nagel"} <= forwarders  # the looser matches wait here
    assert by_code["cold-chain-logistics"].label == "Cold-chain logistics"
    for group in groups:
        assert group.items and not any(item.included for item in group.items)
        scores = [item.score for item in group.items]
        assert scores == sorted(scores, reverse=True)


def test_why_not_explains_competitors_strangers_and_the_cut(database: Database) -> None:
    brief_id = new_brief(database)
    with database.session() as session:
        novartis = review.look_up(session, brief_id, "Novartis")[0]
        idiv = review.look_up(session, brief_id, "biodiversity")[0]
        izi = review.look_up(session, brief_id, "Fraunhofer IZI")[0]
        schenker = review.look_up(session, brief_id, "Schenker")[0]
        assert review.look_up(session, brief_id, "Florian") == []  # persons are no suggestions
    assert novartis.why_not and "same business as the investor" in novartis.why_not.casefold()
    assert novartis.place is None and novartis.score == 0
    assert idiv.slug == "idiv" and idiv.why_not.startswith("Nothing in our sources links it")
    assert izi.why_not is None and izi.place == 1 and "GMP manufacturing" in izi.reason
    assert (
        schenker.why_not.startswith("Ranked ") and "below the shortlist's cut" in schenker.why_not
    )
    assert "not stated in our sources" in schenker.reason


def test_adding_an_entity_includes_it_and_is_remembered(database: Database) -> None:
    brief_id = new_brief(database)
    idiv = entity_id(database, "idiv")
    with database.transaction() as session:
        item_id = review.add_entity(session, brief_id, idiv)
        assert review.add_entity(session, brief_id, idiv) == item_id  # twice is once
    added = items(database, brief_id)["idiv"]
    assert added.included and added.reason == "Added by the consultant"
    with database.session() as session:
        choices = session.exec(select(BriefChoice).where(BriefChoice.entity_id == idiv)).all()
    assert [(c.brief_id, c.included, c.sectors) for c in choices] == [
        (brief_id, True, "cell-gene-therapy")
    ]


def test_a_similar_new_brief_learns_from_earlier_choices(database: Database) -> None:
    first = new_brief(database)
    before = items(database, first)
    kept_out, taken_in = before["fraunhofer-izi"], before["world-courier"]
    assert kept_out.included and not taken_in.included
    with database.transaction() as session:
        briefs.set_item(session, kept_out.item_id, included=False)
        briefs.set_item(session, taken_in.item_id, included=True)
    twin = CELL_THERAPY.__class__(**{**CELL_THERAPY.__dict__, "company_name": "Twin Cells"})
    second = items(database, new_brief(database, twin))
    assert "included in an earlier brief for Cell & gene therapy investors" in (
        second["world-courier"].reason
    )
    assert second["world-courier"].score > taken_in.score
    assert "left out of an earlier brief" in second["fraunhofer-izi"].reason
    assert second["fraunhofer-izi"].score < kept_out.score
    with database.session() as session:  # an investor of another field is not affected
        other = suggest(session, Interest(sectors=("digital-health",), requirements=("incubator",)))
    assert not any("earlier brief" in s.reason for s in other.entities)


def test_a_brief_in_german_explains_in_german(database: Database) -> None:
    with database.transaction() as session:
        prospect = briefs.save_prospect(session, CELL_THERAPY)
        brief_id = briefs.create_brief(session, prospect_id=prospect.id, language="de")
    izi = items(database, brief_id)["fraunhofer-izi"]
    assert izi.reason.startswith("Erfüllt GMP-Herstellung") or "Erfüllt" in izi.reason
    assert "Quelle:" in izi.reason
