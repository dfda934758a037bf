"""The import dialog with texts in other languages and in the German window: the mapping step
pairs "Beschreibung [de]" with the German description, and the dry run's problems read German,
with the row and column they name."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QLabel
from pytestqt.qtbot import QtBot

from desktop.ui.shell.main_window import MainWindow
from desktop.ui.upkeep.import_dialog import ImportDialog


def test_language_columns_map_and_problems_read_german(
    german: None, qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    source = tmp_path / "firmen.csv"
    source.write_text(
        "Name;Art;Beschreibung;Beschreibung [de]\n"
        "Zyxo Bio GmbH;company;Peptide synthesis;Peptidsynthese\n"
        "Broken Row;spaceship;Nothing;Nichts\n",
        "utf-8",
    )
    dialog = ImportDialog(window.executor, window)
    qtbot.addWidget(dialog)
    dialog.open_file(source)
    qtbot.waitUntil(
        lambda: dialog.table is not None and dialog.mapping.rowCount() == 4, timeout=10_000
    )
    header = dialog.mapping.cellWidget(3, 0)
    combo = dialog.mapping.cellWidget(3, 1)
    assert isinstance(header, QLabel) and header.text() == "Beschreibung [de]"
    assert isinstance(combo, QComboBox) and combo.currentData() == "description [de]"
    assert "[de]" in combo.currentText()
    assert dialog.current_mapping()["Beschreibung [de]"] == "description [de]"
    dialog.preview()
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)
    shown = [
        dialog.rows.data(dialog.rows.index(number, 3)) for number in range(dialog.rows.rowCount())
    ]
    problem = next(text for text in shown if "spaceship" in text)
    assert problem.startswith("firmen.csv, Zeile 3, Spalte B 'Art': kind: Art 'spaceship' ist")
    assert "unknown" not in problem
    assert "firmen.csv: Zeichenkodierung utf-8: UTF-8" in dialog.summary.text()
