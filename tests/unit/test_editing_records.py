"""Figures, relations, space and contacts edited by hand: checked, audited, reversible."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desktop.core.kb import catalogue
from desktop.core.storage.database import Database
from desktop.core.upkeep import audit
from desktop.core.upkeep.records import (
    ContactRecord,
    FactRecord,
    RelationRecord,
    SpaceRecord,
    add_relation,
    delete_fact,
    fact_record,
    remove_relation,
    remove_space,
    save_contact,
    save_fact,
    set_space,
)

TODAY = date(2026, 11, 26)


def test_fact_update_and_undo(database: Database) -> None:
    with database.transaction() as session:
        record = fact_record(session, "logistics-companies")
        before = save_fact(
            session,
            replace(record, value=1600, as_of="2026"),
            original_key=record.key,
            who="A",
            batch="b",
            today=TODAY,
        )
    with database.session() as session:
        assert "1,600" in next(
            f.text for f in catalogue.list_facts(session) if f.key == "logistics-companies"
        )
        changed = {e.field for e in audit.journal(session, record_key="logistics-companies")}
    assert changed == {"value", "as_of"}
    with database.transaction() as session:
        save_fact(session, before, original_key=before.key, who="A", batch="u", today=TODAY)
    with database.session() as session:
        assert fact_record(session, "logistics-companies") == record


def test_fact_rules(database: Database) -> None:
    new = FactRecord(
        key="new-figure", label="New", value=1, unit="sites", source="cluster-profile", as_of="2030"
    )
    with pytest.raises(ValueError, match="future"), database.transaction() as session:
        save_fact(session, new, original_key=None, who="A", batch="b", today=TODAY)
    with pytest.raises(ValueError, match="source"), database.transaction() as session:
        save_fact(
            session,
            replace(new, as_of=None, source=None),
            original_key=None,
            who="A",
            batch="b",
            today=TODAY,
        )
    with database.transaction() as session:
        save_fact(
            session,
            replace(new, as_of="2026-10", scope="biocube-leipzig"),
            original_key=None,
            who="A",
            batch="b",
            today=TODAY,
        )
        deleted = delete_fact(session, "new-figure", who="A", batch="d")
    assert deleted.scope == "biocube-leipzig"


def test_relations_and_space(database: Database) -> None:
    relation = RelationRecord("novartis", "partner-of", "co-don", "Illustrative note")
    with database.transaction() as session:
        add_relation(session, relation, who="A", batch="r")
        before = set_space(
            session,
            SpaceRecord("biocube-leipzig", "lab-s2", "planned", "2027"),
            who="A",
            batch="s",
            today=TODAY,
        )
    with database.session() as session:
        detail = catalogue.entity_detail(session, "biocube-leipzig")
        novartis = catalogue.entity_detail(session, "novartis")
    assert any(s.space_type == "lab-s2" and s.availability == "planned" for s in detail.space)
    assert any(r.slug == "co-don" and r.relation_type == "partner-of" for r in novartis.relations)
    with database.transaction() as session:
        remove_relation(session, relation, who="A", batch="r2")
        set_space(session, before, who="A", batch="s2", today=TODAY)
        removed = remove_space(session, "biocube-leipzig", "storage", who="A", batch="s3")
    assert removed.availability == "available"
    with pytest.raises(ValueError, match="itself"), database.transaction() as session:
        add_relation(session, RelationRecord("co-don", "partner-of", "co-don"), who="A", batch="x")


def test_contact_public_flag_and_checks(database: Database) -> None:
    record = ContactRecord(
        "florian-schmidtner",
        "Head of Investor Consulting",
        "invest-region-leipzig",
        "+49 341 2682 7780",
        None,
        False,
    )
    with database.transaction() as session:
        before = save_contact(session, record, who="A", batch="c")
    assert before is not None and before.public is True
    with database.session() as session:
        assert catalogue.entity_detail(session, "florian-schmidtner").contact.public is False
    with pytest.raises(ValueError, match="e-mail"), database.transaction() as session:
        save_contact(session, replace(record, email="nope"), who="A", batch="c")


def test_a_new_source_can_be_cited(database: Database) -> None:
    from desktop.core.upkeep.sources import SourceRecord, save_source

    call = SourceRecord(
        "call-2026-11", "Phone call with the site owner", "BioCity Campus", None, "2026-11-20"
    )
    with database.transaction() as session:
        assert (
            save_source(session, call, original_key=None, who="A", batch="s", today=TODAY) is None
        )
        figure = FactRecord(
            key="call-figure",
            label="Free lab space",
            value=400,
            unit="square metres",
            source=call.key,
        )
        save_fact(session, figure, original_key=None, who="A", batch="f", today=TODAY)
    with database.session() as session:
        fact = next(f for f in catalogue.list_facts(session) if f.key == "call-figure")
    assert fact.source.title == "Phone call with the site owner"
    with pytest.raises(ValueError, match="future"), database.transaction() as session:
        save_source(
            session,
            replace(call, key="x", accessed_on="2027-01-01"),
            original_key=None,
            who="A",
            batch="s",
            today=TODAY,
        )


def test_cited_sources_cannot_be_deleted(database: Database) -> None:
    from desktop.core.upkeep.sources import SourceRecord, delete_source, list_sources, save_source

    with database.session() as session:
        ((profile, cited),) = list_sources(session)
    assert profile.key == "cluster-profile" and cited > 100
    with pytest.raises(ValueError, match="cited by"), database.transaction() as session:
        delete_source(session, "cluster-profile", who="A", batch="d")
    with database.transaction() as session:
        save_source(
            session,
            SourceRecord("unused", "Unused note"),
            original_key=None,
            who="A",
            batch="s",
            today=TODAY,
        )
        assert delete_source(session, "unused", who="A", batch="d").title == "Unused note"
