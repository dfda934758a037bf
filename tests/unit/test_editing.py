"""Editing by hand: validated, audited, and a delete can be put back completely."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desktop.core.kb import catalogue, validation
from desktop.core.storage.database import Database
from desktop.core.upkeep import audit, editing, verification

TODAY = date(2026, 11, 26)


def test_field_checks() -> None:
    assert validation.url("https://example.org") is None and validation.url("example.org")
    assert validation.email("a@b.de") is None and validation.email("a@b")
    assert validation.phone("+49 341 2682 7780") is None and validation.phone("call me")
    assert validation.as_of("2026-11", today=TODAY) is None
    assert validation.as_of("2027", today=TODAY) and validation.as_of("2026-12-01", today=TODAY)
    assert validation.as_of("26.11.2026", today=TODAY)
    assert validation.number("1,500") is None and validation.number("many")
    assert validation.slug_from("Kühne+Nagel") == "kuehne-nagel"


def test_possible_duplicates_are_found() -> None:
    existing = {"kuehne-nagel": "Kühne+Nagel", "co-don": "CO.DON"}
    assert validation.similar_names("Kuehne + Nagel", existing) == ["Kühne+Nagel"]
    assert validation.similar_names("Codon", existing) == ["CO.DON"]
    assert validation.similar_names("Kühne+Nagel", existing, skip="kuehne-nagel") == []


def test_update_is_audited_field_by_field(database: Database) -> None:
    with database.transaction() as session:
        record = editing.entity_record(session, "co-don")
        changed = replace(record, location="Leipzig, Saxony", tags=(*record.tags, "cdmo"))
        editing.save_entity(
            session, changed, original_slug="co-don", who="Anna", batch="b1", today=TODAY
        )
    with database.session() as session:
        entries = audit.journal(session, record_key="co-don")
        detail = catalogue.entity_detail(session, "co-don")
    assert {(e.field, e.old_value, e.new_value) for e in entries} >= {
        ("location", "Leipzig", "Leipzig, Saxony"),
    }
    assert any(e.field == "tags" and "cdmo" in e.new_value for e in entries)
    assert all(e.who == "Anna" and e.batch == "b1" for e in entries)
    assert detail.location == "Leipzig, Saxony" and "cdmo" in detail.tags


def test_invalid_record_is_refused_and_nothing_changes(database: Database) -> None:
    from desktop.core.storage.database import content_digest

    before = content_digest(database.engine)
    with pytest.raises(ValueError, match="web address"), database.transaction() as session:
        record = replace(editing.entity_record(session, "co-don"), website="not a url")
        editing.save_entity(
            session, record, original_slug="co-don", who="Anna", batch="b", today=TODAY
        )
    assert content_digest(database.engine) == before


def test_slug_clash_is_refused(database: Database) -> None:
    with pytest.raises(ValueError, match="already used"), database.transaction() as session:
        record = replace(editing.entity_record(session, "co-don"), slug="vita-34")
        editing.save_entity(
            session, record, original_slug="co-don", who="Anna", batch="b", today=TODAY
        )


def test_delete_then_restore_puts_everything_back(database: Database) -> None:
    with database.session() as session:
        before = catalogue.entity_detail(session, "invest-region-leipzig")
        impact = editing.delete_impact(session, "biocube-leipzig")
    assert impact["space offers"] == 5 and impact["figures"] == 1
    with database.transaction() as session:
        deleted = editing.delete_entity(session, "invest-region-leipzig", who="Anna", batch="d")
    with database.session() as session:
        assert (
            catalogue.entity_detail(session, "florian-schmidtner").contact.organisation_slug is None
        )
    with database.transaction() as session:
        editing.restore_entity(session, deleted, who="Anna", batch="u", today=TODAY)
    with database.session() as session:
        after = catalogue.entity_detail(session, "invest-region-leipzig")
        person = catalogue.entity_detail(session, "florian-schmidtner")
    assert (after.name, after.description, after.sectors, after.relations) == (
        before.name,
        before.description,
        before.sectors,
        before.relations,
    )
    assert person.contact.organisation_slug == "invest-region-leipzig"


def test_verification_and_needs_checking(database: Database) -> None:
    with database.session() as session:
        everything = verification.needs_checking(session, today=TODAY)
    assert any(item.key == "fraunhofer-izi" for item in everything)
    assert not any(item.key == "florian-schmidtner" for item in everything)  # persons excluded
    with database.transaction() as session:
        verification.verify(session, "entity", "fraunhofer-izi", who="Anna", on=TODAY, batch="v")
        verification.verify(
            session, "fact", "logistics-companies", who="Anna", on=date(2025, 1, 1), batch="v"
        )
    with database.session() as session:
        later = {
            item.key
            for item in verification.needs_checking(session, today=TODAY, max_age_months=12)
        }
        detail = catalogue.entity_detail(session, "fraunhofer-izi")
    assert "fraunhofer-izi" not in later and "logistics-companies" in later
    assert detail.verified_on == TODAY.isoformat()
