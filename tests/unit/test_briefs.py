"""Prospects, briefs, dossier assembly and the sent register."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from desktop.core.briefs import curation as briefs
from desktop.core.briefs import sent_register
from desktop.core.kb.models import Contact, Entity, Fact
from desktop.core.storage.database import Database
from desktop.core.suggestions.suggest import suggest
from desktop.dossier.content.assemble import SelectedEntity, Selection, assemble, default_selection
from desktop.dossier.content.model import ContactCard

TODAY = date(2026, 11, 26)
ACME = briefs.ProspectInput(
    company_name="Acme Cell Therapeutics Inc.",
    code_name="Project Aurora",
    use_code_name=True,
    country="us",
    sectors=("cell-gene-therapy",),
    activities=("manufacturing",),
    requirements=("gmp-manufacturing", "cleanroom", "production-space"),
    keywords=("CAR-T",),
    internal_notes="Budget is tight; CFO sceptical.",
)


def new_brief(database: Database) -> tuple[int, int]:
    with database.transaction() as session:
        prospect = briefs.save_prospect(session, ACME)
        brief_id = briefs.create_brief(session, prospect_id=prospect.id, consultant="Anna Example")
        return prospect.id, brief_id


def test_prospect_validation_names_every_problem() -> None:
    bad = briefs.ProspectInput(
        company_name=" ", use_code_name=True, sectors=("space-travel",), status="maybe"
    )
    problems = " ".join(bad.problems())
    assert "company name" in problems and "code name" in problems
    assert "space-travel" in problems and "maybe" in problems


def test_new_brief_is_filled_with_ranked_suggestions(database: Database) -> None:
    _, brief_id = new_brief(database)
    with database.session() as session:
        view = briefs.brief_view(session, brief_id)
    entities = [item for item in view.items() if item.kind == "entity"]
    assert entities and all(item.reason for item in entities)
    assert view.sections[0][0] == "research"  # default section order
    assert any(item.slug == "fraunhofer-izi" and item.included for item in entities)
    assert any(item.kind == "fact" for item in view.items())


def test_curating_a_brief(database: Database) -> None:
    _, brief_id = new_brief(database)
    with database.transaction() as session:
        view = briefs.brief_view(session, brief_id)
        izi = next(i for i in view.items() if i.slug == "fraunhofer-izi")
        briefs.set_item(session, izi.item_id, included=False, note="Visit on Tuesday")
        industry = [i for key, items in view.sections if key == "industry" for i in items]
        briefs.move_item(session, industry[-1].item_id, section="industry", position=0)
        briefs.set_section_order(session, brief_id, ["industry", "research"])
        with pytest.raises(ValueError):
            briefs.move_item(session, izi.item_id, section="figures", position=0)
    with database.session() as session:
        view = briefs.brief_view(session, brief_id)
    izi = next(i for i in view.items() if i.slug == "fraunhofer-izi")
    assert not izi.included and izi.note == "Visit on Tuesday"
    assert view.sections[0][0] == "industry"
    assert view.sections[0][1][0].item_id == industry[-1].item_id


def test_duplicate_keeps_choices(database: Database) -> None:
    _, brief_id = new_brief(database)
    with database.transaction() as session:
        first = briefs.brief_view(session, brief_id).items()[0]
        briefs.set_item(session, first.item_id, included=False, note="n")
        copy_id = briefs.duplicate_brief(session, brief_id)
    with database.session() as session:
        copied = briefs.brief_view(session, copy_id).items()[0]
    assert (copied.slug, copied.included, copied.note) == (first.slug, False, "n")


def selection_for(database: Database, **overrides: object) -> tuple[Selection, object]:
    prospect = ACME
    interest = briefs.Interest(
        prospect.sectors, prospect.activities, prospect.requirements, prospect.keywords
    )
    with database.session() as session:
        suggestions = suggest(session, interest)
    selection = default_selection(
        suggestions,
        prepared_for="Project Aurora",
        template="full",
        language=str(overrides.get("language", "en")),
        consultant=ContactCard("Anna Example", "Investor consultant", phone="+49 341 0000"),
        interest=interest,
    )
    return selection, suggestions


def test_assembly_is_confidential(database: Database) -> None:
    selection, suggestions = selection_for(database)
    with database.session() as session:
        assembled = assemble(session, selection, suggestions, today=TODAY)
    text = repr(assembled.data)
    assert "Acme" not in text and "CFO" not in text  # real name and internal notes never read
    assert assembled.data.prepared_for == "Project Aurora"


def test_private_contacts_stay_out(database: Database) -> None:
    with database.transaction() as session:
        irl = session.exec(select(Entity).where(Entity.slug == "invest-region-leipzig")).one()
        contact = session.exec(select(Contact)).one()
        contact.public = False
        session.add(contact)
    selection, suggestions = selection_for(database)
    selection = Selection(
        **{**selection.__dict__, "sections": [("support", [SelectedEntity(irl.id)])]}
    )
    with database.session() as session:
        assembled = assemble(session, selection, suggestions, today=TODAY)
    assert assembled.data.contacts == []


def test_evidence_matrix_says_when_nothing_serves(database: Database) -> None:
    selection, suggestions = selection_for(database)
    with database.session() as session:
        assembled = assemble(session, selection, suggestions, today=TODAY)
    rows = {row.requirement: row for row in assembled.data.evidence}
    assert rows["GMP manufacturing"].evidence
    assert any(f.kind == "never-verified" for f in assembled.findings)
    assert any(f.kind == "undated-facts" for f in assembled.findings)


def test_stale_figures_are_flagged(database: Database) -> None:
    with database.transaction() as session:
        fact = session.exec(select(Fact).where(Fact.key == "atmps-eu-approved")).one()
        fact.as_of = "2020"
        session.add(fact)
    selection, suggestions = selection_for(database)
    with database.session() as session:
        assembled = assemble(session, selection, suggestions, today=TODAY)
    assert any(f.kind == "stale-fact" and "2020" in f.message for f in assembled.findings)


def test_german_dossier_uses_german_labels(database: Database) -> None:
    selection, suggestions = selection_for(database, language="de")
    with database.session() as session:
        data = assemble(session, selection, suggestions, today=TODAY).data
    assert data.sections[0].title == "Forschungspartner"
    assert any(row.requirement == "GMP-Herstellung" for row in data.evidence)


def test_sent_register_reports_changes_since(database: Database) -> None:
    prospect_id, brief_id = new_brief(database)
    selection, suggestions = selection_for(database)
    with database.transaction() as session:
        assembled = assemble(session, selection, suggestions, today=TODAY)
        entry = sent_register.record(
            session,
            prospect_id=prospect_id,
            brief_id=brief_id,
            template="full",
            language="en",
            prepared_for="Project Aurora",
            file_name="aurora.pdf",
            sha256="0" * 64,
            snapshot=assembled.snapshot,
        )
    with database.session() as session:
        assert sent_register.changes_since(session, entry.id) == []
    with database.transaction() as session:
        izi = session.exec(select(Entity).where(Entity.slug == "fraunhofer-izi")).one()
        izi.description = "Updated after the site visit."
        session.add(izi)
        fact = session.exec(select(Fact).where(Fact.key == "atmps-eu-approved")).one()
        fact.value = 9
        session.add(fact)
    with database.session() as session:
        changes = {c.key: c.what for c in sent_register.changes_since(session, entry.id)}
        assert [e.id for e in sent_register.sent_to(session, prospect_id)] == [entry.id]
    assert changes == {
        "fraunhofer-izi": "changed: description",
        "atmps-eu-approved": "changed: text",
    }
