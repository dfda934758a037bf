"""A translation older than its English is found, so a German dossier never silently says what
the English no longer does: each translation keeps the fingerprint of the English it was written
from (by the forms, the import and the seed), a changed English makes it stale, the pre-export
check names it, and data from before the fingerprints is never flagged."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlmodel import select

from desktop.core.exchange import exporter
from desktop.core.exchange import state as import_state
from desktop.core.exchange.importer import apply, create_empty_database, plan_file
from desktop.core.kb import catalogue
from desktop.core.kb.models import Entity, Fact, Relation, SpaceOffer
from desktop.core.language import texts
from desktop.core.storage.database import Database
from desktop.core.suggestions.matching import Interest
from desktop.core.suggestions.suggest import suggest
from desktop.core.upkeep import editing
from desktop.dossier.content.assemble import assemble, default_selection
from desktop.dossier.content.checks import Finding
from desktop.dossier.content.localise import Localiser
from desktop.dossier.content.model import ContactCard

OLD = "The institute has 200 staff."
NEW = "The institute has 250 staff."
GERMAN = "Das Institut hat 200 Beschäftigte."
SLUG = "fraunhofer-izi"
PROFILE = Interest(
    sectors=("cell-gene-therapy",),
    activities=("manufacturing", "rd"),
    requirements=("gmp-manufacturing", "cleanroom"),
)
TODAY = date(2026, 12, 7)


# --- the texts themselves ----------------------------------------------------------------------


def test_a_written_translation_keeps_the_fingerprint_of_its_english() -> None:
    value = texts.with_text(None, "de", "description", GERMAN, english=OLD)
    assert texts.parse(value) == {"de": {"description": GERMAN}}  # a fingerprint is no text
    assert texts.written_from(value) == {"de": {"description": texts.fingerprint(OLD)}}
    assert texts.fingerprint("  The institute\nhas 200   staff. ") == texts.fingerprint(OLD)
    assert texts.fingerprint(NEW) != texts.fingerprint(OLD)
    assert value == texts.dump(texts.parse(value), texts.written_from(value))  # stable
    assert json.loads(value or "") == {
        "de": {"@en": {"description": texts.fingerprint(OLD)}, "description": GERMAN}
    }


def test_a_changed_english_makes_the_translation_stale_until_it_is_saved_again() -> None:
    value = texts.with_text(None, "de", "description", GERMAN, english=OLD)
    assert texts.stale_fields(value, {"description": OLD}, "de") == []
    assert texts.stale_fields(value, {"description": NEW}, "de") == ["description"]
    shown = texts.text_in(NEW, value, "description", "de")
    assert shown.text == GERMAN and shown.stale and not shown.fallback  # still printed
    confirmed = texts.with_text(value, "de", "description", GERMAN, english=NEW)
    assert texts.stale_fields(confirmed, {"description": NEW}, "de") == []
    assert not texts.same(confirmed, value)  # a confirmation is a change to save


def test_texts_from_before_the_fingerprints_are_not_known_to_be_stale() -> None:
    old = json.dumps({"de": {"description": GERMAN, "location": "Leipzig"}})
    english = {"description": NEW, "location": "Leipzig"}
    assert texts.stale_fields(old, english, "de") == []
    assert not texts.text_in(NEW, old, "description", "de").stale
    # a text changed without its English known loses its fingerprint; an unchanged one keeps it
    value = texts.with_text(None, "de", "description", GERMAN, english=OLD)
    assert texts.written_from(texts.with_text(value, "de", "description", GERMAN)) != {}
    assert texts.written_from(texts.with_text(value, "de", "description", "Neu.")) == {}
    assert texts.with_text(value, "de", "description", "") is None  # gone with its text


def test_the_seed_has_no_stale_translation(database: Database) -> None:
    tables = (
        (Entity, "entity"),
        (Fact, "fact"),
        (SpaceOffer, "space_offer"),
        (Relation, "relation"),
    )
    translated, stale = 0, []
    with database.session() as session:
        for model, table in tables:
            for record in session.exec(select(model)):
                if not record.texts:
                    continue
                translated += 1
                assert texts.written_from(record.texts), record.texts  # seeded: current
                english = {field: getattr(record, field) for field in texts.TRANSLATED[table]}
                stale += texts.stale_fields(record.texts, english, "de")
    assert translated > 50 and stale == []


# --- the German dossier and the detail pane ----------------------------------------------------


def change_english_description(database: Database, description: str) -> None:
    with database.transaction() as session:
        record = replace(editing.entity_record(session, SLUG), description=description)
        editing.save_entity(
            session, record, original_slug=SLUG, who="test", batch="b1", today=TODAY
        )


def german_findings(database: Database) -> list[Finding]:
    with database.session() as session:
        suggestions = suggest(session, PROFILE, learn=False)
        selection = default_selection(
            suggestions,
            prepared_for="P",
            template="full",
            language="de",
            consultant=ContactCard("Anna Beispiel", "Beraterin", phone="+49 341 0", email="a@b.de"),
            interest=PROFILE,
        )
        return assemble(session, selection, suggestions, today=TODAY).findings


def test_the_pre_export_check_names_a_german_text_older_than_its_english(
    database: Database,
) -> None:
    assert not [f for f in german_findings(database) if f.kind == "outdated-translation"]
    with database.session() as session:
        german = texts.parse(editing.entity_record(session, SLUG).texts)["de"]["description"]
    change_english_description(database, "The institute now has 250 staff and a new site.")
    [outdated] = [f for f in german_findings(database) if f.kind == "outdated-translation"]
    assert "Fraunhofer IZI (description)" in outdated.message
    assert outdated.message.startswith("German text written for an earlier version")
    assert outdated.text("de").startswith("Text auf Deutsch, geschrieben für eine frühere")
    assert "Fraunhofer IZI (description)" in outdated.text("de")
    with database.session() as session:  # still printed, and marked in the detail pane
        detail = Localiser("de").detail(catalogue.entity_detail(session, SLUG))
    assert detail.description == german and detail.outdated == ("description",)


def test_whitespace_in_the_english_is_no_change(database: Database) -> None:
    with database.session() as session:
        english = editing.entity_record(session, SLUG).description
    change_english_description(database, english.replace(" ", "\n", 3) + "  ")
    assert not [f for f in german_findings(database) if f.kind == "outdated-translation"]


# --- import and export -------------------------------------------------------------------------


def stored_texts(database: Database, record_type: str, key: str) -> str | None:
    with database.engine.connect() as connection:
        return import_state.load_records(connection, record_type)[key]["texts"]


def test_an_imported_german_cell_keeps_the_fingerprint_of_its_rows_english(
    database: Database, tmp_path: Path
) -> None:
    path = tmp_path / "neu.csv"
    path.write_text(
        f"slug;name;kind;description;description [de]\n"
        f"{SLUG};;;{NEW};{GERMAN}\n"  # empty cells change nothing
        f"neu-labor;Neu Labor;company;A new lab.;Ein neues Labor.\n",
        "utf-8",
    )
    planned = plan_file(database, path, record_type="entities")
    assert planned.ok, [str(p) for p in planned.all_problems()]
    apply(database, planned, who="Tester")
    izi = stored_texts(database, "entities", SLUG)
    assert texts.written_from(izi)["de"]["description"] == texts.fingerprint(NEW)
    assert texts.stale_fields(izi, {"description": NEW}, "de") == []
    new = stored_texts(database, "entities", "neu-labor")
    assert texts.written_from(new) == {"de": {"description": texts.fingerprint("A new lab.")}}


def test_an_english_changed_in_a_spreadsheet_beside_an_untouched_german_leaves_it_stale(
    database: Database, tmp_path: Path
) -> None:
    """A round trip confirms nothing: the German cell comes back as stored, so it keeps the
    stored fingerprint, and an English changed beside it leaves it stale."""
    [path] = exporter.export_data(database, tmp_path / "e.csv", record_type="entities")
    assert "@en" not in path.read_text("utf-8-sig")  # the columns hold the plain texts
    assert plan_file(database, path).counts()["update"] == 0
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["slug"] == SLUG:
            row["description"] = NEW
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    planned = plan_file(database, path)
    assert planned.counts()["update"] == 1
    apply(database, planned, who="Tester")
    stored = stored_texts(database, "entities", SLUG)
    assert texts.stale_fields(stored, {"description": NEW}, "de") == ["description"]


def test_a_json_round_trip_keeps_the_fingerprints(database: Database, tmp_path: Path) -> None:
    change_english_description(database, NEW)  # the German is now stale
    [path] = exporter.export_data(database, tmp_path / "kb.json")
    assert "@en" in path.read_text("utf-8")  # the texts as one value, fingerprints and all
    empty = create_empty_database(tmp_path / "empty.sqlite3")
    try:
        planned = plan_file(empty, path)
        assert planned.ok, [str(p) for p in planned.all_problems()][:3]
        apply(empty, planned, who="round trip")
        copied = stored_texts(empty, "entities", SLUG)
    finally:
        empty.close()
    assert texts.written_from(copied) == texts.written_from(
        stored_texts(database, "entities", SLUG)
    )
    assert texts.stale_fields(copied, {"description": NEW}, "de") == ["description"]
