"""The entity form carries the knowledge base's other languages: German is edited beside the
English, saved with the record and journalled, and nothing else of its texts is lost."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot
from sqlmodel import select

from desktop.core.kb.models import AuditEntry, Entity
from desktop.core.language import texts
from desktop.core.storage.database import Database
from desktop.core.upkeep.editing import entity_record, save_entity
from desktop.ui.upkeep.entity_dialog import EntityDialog


def test_the_german_description_is_edited_beside_the_english(
    qtbot: QtBot, database: Database
) -> None:
    with database.session() as session:
        record = entity_record(session, "biocube-leipzig")
    dialog = EntityDialog(None, record, {}, {})
    qtbot.addWidget(dialog)
    german = dialog.findChild(QPlainTextEdit, "description_de")
    assert german is not None and "Geschossen" in german.toPlainText()
    german.setPlainText("Fünfgeschossiges Gebäude mit Laboren, Büros und Produktionsflächen.")
    edited = dialog.record()
    assert edited.description == record.description  # the English untouched
    with database.transaction() as session:
        save_entity(
            session, edited, original_slug=record.slug, who="anna", batch="b1", today=date.today()
        )
    with database.session() as session:
        entity = session.exec(select(Entity).where(Entity.slug == "biocube-leipzig")).one()
        journal = session.exec(select(AuditEntry).where(AuditEntry.field == "texts")).all()
    stored = texts.parse(entity.texts)["de"]
    assert stored["description"].startswith("Fünfgeschossiges Gebäude")
    assert stored["location"] == "BioCity Campus, Leipzig"  # the other texts kept
    assert [entry.who for entry in journal] == ["anna"]
