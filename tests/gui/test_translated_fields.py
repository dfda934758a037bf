"""Every translated field is edited in every language: a figure's label, unit and period, a
space offer's and a relation's note, an entity's location. The German goes into the record's
texts through the same undoable step as the English, and the German window shows it. Saving a
form confirms each German text against the English shown beside it, so one left behind by a
changed English (marked in the German detail pane) is current again."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlmodel import select

from desktop.core.kb.models import Entity, Fact, Relation, SpaceOffer
from desktop.core.language import texts
from desktop.core.storage.database import Database
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.widgets import record_form
from desktop.ui.widgets.record_form import FieldSpec

SLUG = "biocube-leipzig"
Offered = list[dict[str, tuple[str, object]]]  # per form shown: field → (label, value)


def type_into(monkeypatch: pytest.MonkeyPatch, typed: dict[str, object]) -> Offered:
    """The detail pane's forms are the real ones, typed into and saved: ``typed`` (field →
    text, or the value of a choice) goes into the fields; what each form offered is kept."""
    offered: Offered = []

    def ask(parent: QWidget | None, title: str, specs: list[FieldSpec]) -> dict[str, object]:
        offered.append({spec.name: (spec.label, spec.value) for spec in specs})
        dialog = record_form.FormDialog(parent, title, specs)
        try:
            for name, value in typed.items():
                widget = dialog.widgets[name]
                if isinstance(widget, QComboBox):
                    widget.setCurrentIndex(widget.findData(value))
                elif isinstance(widget, QPlainTextEdit):
                    widget.setPlainText(str(value))
                else:
                    widget.setText(str(value))  # type: ignore[attr-defined]
            return dialog.values()
        finally:
            dialog.deleteLater()

    monkeypatch.setattr(record_form, "ask", ask)
    return offered


@pytest.fixture
def german_window(german: None, open_window: object, db_path: Path, qtbot: QtBot) -> Iterator:
    """The window in German, reading the knowledge base in German, on the biocube's page."""
    from desktop.app import language

    language.use("de")
    try:
        window = open_window(db_path)  # type: ignore[operator]
        with qtbot.waitSignal(window.detail_shown, timeout=10_000):
            window.show_entity(SLUG)
        yield window
    finally:
        language.use("en")


def shown(qtbot: QtBot, window: MainWindow, text: str, *, present: bool = True) -> None:
    qtbot.waitUntil(
        lambda: (text in window.detail.toPlainText()) == present,
        timeout=10_000,
    )


def changed(qtbot: QtBot, window: MainWindow, act: object) -> None:
    """Do ``act`` (a link followed, an undo, a redo) and wait until its write is done."""
    with qtbot.waitSignal(window.executor.data_changed, timeout=10_000):
        act()  # type: ignore[operator]


def stored(database: Database, model: type, *where: object) -> str | None:
    with database.session() as session:
        return session.exec(select(model).where(*where)).one().texts  # type: ignore[attr-defined]


def test_a_figures_german_label_is_edited_shown_and_undone(
    qtbot: QtBot,
    german_window: MainWindow,
    database: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = german_window
    original = stored(database, Fact, Fact.key == "biocube-storeys")
    offered = type_into(monkeypatch, {"label_de": "Stockwerke des BioCube Leipzig"})
    shown(qtbot, window, "Geschosse des BioCube Leipzig")
    link = QUrl("do:edit-fact/biocube-storeys")
    changed(qtbot, window, lambda: window.detail.anchorClicked.emit(link))
    form = offered[0]
    assert form["label_de"] == ("Kennzahl (Deutsch)", "Geschosse des BioCube Leipzig")
    assert form["unit_de"] == ("Einheit (Deutsch)", "Geschosse")
    assert form["period_de"] == ("Zeitraum (Deutsch)", None)
    shown(qtbot, window, "Stockwerke des BioCube Leipzig")
    german = texts.parse(stored(database, Fact, Fact.key == "biocube-storeys"))["de"]
    assert german == {"label": "Stockwerke des BioCube Leipzig", "unit": "Geschosse"}
    with database.session() as session:
        assert session.exec(select(Fact).where(Fact.key == "biocube-storeys")).one().label == (
            "Storeys of the BioCube Leipzig"  # the English untouched
        )

    changed(qtbot, window, window.edits.stack.undo)
    shown(qtbot, window, "Geschosse des BioCube Leipzig")
    assert stored(database, Fact, Fact.key == "biocube-storeys") == original
    changed(qtbot, window, window.edits.stack.redo)
    shown(qtbot, window, "Stockwerke des BioCube Leipzig")


def test_an_emptied_german_label_falls_back_to_the_english_and_the_dossier_says_so(
    qtbot: QtBot,
    german_window: MainWindow,
    database: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from desktop.core.kb import catalogue
    from desktop.dossier.content.localise import Localiser

    window = german_window
    type_into(monkeypatch, {"label_de": ""})
    link = QUrl("do:edit-fact/biocube-storeys")
    changed(qtbot, window, lambda: window.detail.anchorClicked.emit(link))
    shown(qtbot, window, "Storeys of the BioCube Leipzig")
    german = texts.parse(stored(database, Fact, Fact.key == "biocube-storeys"))["de"]
    assert german == {"unit": "Geschosse"}  # no label, the unit kept
    localiser = Localiser("de")
    with database.session() as session:
        localiser.detail(catalogue.entity_detail(session, SLUG))
    assert "Storeys of the BioCube Leipzig (figure)" in localiser.missing


def test_a_space_offers_german_note_is_edited_and_undone(
    qtbot: QtBot,
    german_window: MainWindow,
    database: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = german_window
    offer = (SpaceOffer.space_type == "lab-s1",)
    original = stored(database, SpaceOffer, *offer)
    offered = type_into(monkeypatch, {"note_de": "S1-Labore, sofort beziehbar"})
    changed(qtbot, window, lambda: window.detail.anchorClicked.emit(QUrl("do:set-space/lab-s1")))
    assert offered[0]["note_de"] == ("Notiz (Deutsch)", "Laborflächen nach S1-Standard")
    shown(qtbot, window, "S1-Labore, sofort beziehbar")
    assert texts.parse(stored(database, SpaceOffer, *offer)) == {
        "de": {"note": "S1-Labore, sofort beziehbar"}
    }
    changed(qtbot, window, window.edits.stack.undo)
    shown(qtbot, window, "Laborflächen nach S1-Standard")
    shown(qtbot, window, "S1-Labore, sofort beziehbar", present=False)
    assert stored(database, SpaceOffer, *offer) == original


def test_a_relation_is_added_with_its_german_note_and_removed_with_it(
    qtbot: QtBot,
    german_window: MainWindow,
    database: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = german_window
    type_into(
        monkeypatch,
        {
            "relation_type": "partner-of",
            "object": "fraunhofer-izi",
            "note": "Joint pilot line",
            "note_de": "Gemeinsame Pilotlinie",
        },
    )
    changed(qtbot, window, lambda: window.detail.anchorClicked.emit(QUrl("do:add-relation/")))
    shown(qtbot, window, "Gemeinsame Pilotlinie")
    shown(qtbot, window, "Joint pilot line", present=False)  # the German window reads German
    added = (Relation.note == "Joint pilot line",)
    assert texts.parse(stored(database, Relation, *added)) == {
        "de": {"note": "Gemeinsame Pilotlinie"}
    }
    changed(qtbot, window, window.edits.stack.undo)
    shown(qtbot, window, "Gemeinsame Pilotlinie", present=False)


def test_removing_a_relation_is_undone_with_its_german_note(
    qtbot: QtBot,
    german_window: MainWindow,
    database: Database,
) -> None:
    window = german_window
    note = "Mieter profitieren von Synergien auf dem gesamten BioCity Campus"
    shown(qtbot, window, note)
    link = QUrl("do:remove-relation/out:located-at:biocity-campus")
    changed(qtbot, window, lambda: window.detail.anchorClicked.emit(link))
    shown(qtbot, window, note, present=False)
    changed(qtbot, window, window.edits.stack.undo)
    shown(qtbot, window, note)
    with database.session() as session:
        site = session.exec(select(Entity).where(Entity.slug == SLUG)).one()
        relation = session.exec(select(Relation).where(Relation.subject_id == site.id)).one()
    assert texts.parse(relation.texts) == {"de": {"note": note}}


def test_the_entity_forms_german_location_is_saved_beside_the_description(
    qtbot: QtBot, database: Database
) -> None:
    from desktop.core.upkeep.editing import entity_record
    from desktop.ui.upkeep.entity_dialog import EntityDialog

    with database.session() as session:
        record = entity_record(session, SLUG)
    dialog = EntityDialog(None, record, {}, {})
    qtbot.addWidget(dialog)
    location = dialog.findChild(QLineEdit, "location_de")
    assert location is not None and location.text() == "BioCity Campus, Leipzig"
    assert location.accessibleName() == "Location (German)"
    assert dialog.record().texts == record.texts  # untouched: stored as it was
    location.setText("BioCity-Campus, Leipzig")
    german = texts.parse(dialog.record().texts)["de"]
    assert german["location"] == "BioCity-Campus, Leipzig"
    assert german["description"] == texts.parse(record.texts)["de"]["description"]  # kept
    location.setText("")
    assert "location" not in texts.parse(dialog.record().texts)["de"]  # empty: no translation


def change_english(database: Database, **fields: str) -> None:
    """The English of the storeys figure changed elsewhere (another form, a colleague's sync)."""
    from desktop.core.upkeep import records

    with database.transaction() as session:
        record = replace(records.fact_record(session, "biocube-storeys"), **fields)
        records.save_fact(
            session,
            record,
            original_key=record.key,
            who="test",
            batch="b1",
            today=date.today(),
        )


def test_saving_the_figure_form_confirms_its_german_against_the_english_shown(
    qtbot: QtBot,
    german_window: MainWindow,
    database: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The German label did not change, but the form showed it beside the new English: saving
    refreshes its fingerprint, so it is no longer older than its English; undo brings it back."""
    window = german_window
    change_english(database, label="Floors of the BioCube Leipzig")
    stale = stored(database, Fact, Fact.key == "biocube-storeys")
    english = {"label": "Floors of the BioCube Leipzig", "unit": "storeys"}
    assert texts.stale_fields(stale, english, "de") == ["label"]
    offered = type_into(monkeypatch, {})  # saved as shown
    link = QUrl("do:edit-fact/biocube-storeys")
    changed(qtbot, window, lambda: window.detail.anchorClicked.emit(link))
    assert offered[0]["label_de"][1] == "Geschosse des BioCube Leipzig"
    saved = stored(database, Fact, Fact.key == "biocube-storeys")
    assert texts.parse(saved) == texts.parse(stale)  # the German text is the same
    assert texts.written_from(saved)["de"]["label"] == texts.fingerprint(english["label"])
    assert texts.stale_fields(saved, english, "de") == []
    changed(qtbot, window, window.edits.stack.undo)
    assert stored(database, Fact, Fact.key == "biocube-storeys") == stale


def test_a_german_description_older_than_its_english_is_marked_and_confirmed_in_the_form(
    qtbot: QtBot, german_window: MainWindow, database: Database
) -> None:
    from desktop.core.upkeep import editing
    from desktop.ui.upkeep.entity_dialog import EntityDialog

    window = german_window
    shown(qtbot, window, "älter als das Englische", present=False)
    with database.transaction() as session:
        record = editing.entity_record(session, SLUG)
        record = replace(record, description=record.description + " It has grown since.")
        editing.save_entity(
            session, record, original_slug=SLUG, who="test", batch="b1", today=date.today()
        )
    with qtbot.waitSignal(window.detail_shown, timeout=10_000):
        window.show_entity(SLUG)
    shown(qtbot, window, "älter als das Englische")  # the German shown, marked
    dialog = EntityDialog(None, record, {}, {})
    qtbot.addWidget(dialog)
    confirmed = dialog.record().texts  # saved beside the English it shows
    assert texts.parse(confirmed) == texts.parse(record.texts)
    english = {"description": record.description, "location": record.location}
    assert texts.stale_fields(record.texts, english, "de") == ["description"]
    assert texts.stale_fields(confirmed, english, "de") == []
