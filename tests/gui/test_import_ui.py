"""Import in the window: map columns, dry run, apply, see the new entity."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.ui.shell.main_window import MainWindow
from desktop.ui.upkeep.import_dialog import ImportDialog


def test_dry_run_then_apply(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, shown_dialogs: list
) -> None:
    source = tmp_path / "new-companies.csv"
    source.write_text(
        "Name;Art;Branchen;Ort;Beschreibung\n"
        "Zyxo Bio GmbH;company;biotech-pharma;Leipzig;Peptide synthesis services\n"
        "Broken Row;spaceship;biotech-pharma;Leipzig;Nothing\n",
        "utf-8",
    )
    dialog = ImportDialog(window.executor, window)
    qtbot.addWidget(dialog)
    dialog.open_file(source)
    qtbot.waitUntil(
        lambda: dialog.table is not None and dialog.mapping.rowCount() == 5, timeout=10_000
    )
    assert dialog.current_mapping()["Name"] == "name"
    dialog.preview()
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)
    actions = [row.action for row in dialog.plan.rows]
    assert "reject" in actions and not dialog.apply_button.isEnabled()
    assert "spaceship" in dialog.summary.text() or any(
        "spaceship" in str(p) for row in dialog.plan.rows for p in row.problems
    )
    dialog.skip_rejected.setChecked(True)
    assert dialog.apply_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=20_000) as done:
        dialog.apply_button.click()
    assert done.args[0].added == 1
    window.search_field.setText("Zyxo")
    qtbot.waitUntil(lambda: window.results.model.rowCount() == 1, timeout=10_000)
    assert shown_dialogs == []
