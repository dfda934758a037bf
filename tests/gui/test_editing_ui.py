"""Editing in the window: save, undo, redo, delete and undo the delete, verify, journal."""

from __future__ import annotations

from dataclasses import replace

import pytest
from pytestqt.qtbot import QtBot

from desktop.app.changes import Topic
from desktop.ui.base import dialogs
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.upkeep import entity_dialog


def test_entity_form_checks_fields_and_warns_of_duplicates(qtbot: QtBot) -> None:
    from desktop.ui.upkeep.entity_dialog import EntityDialog

    dialog = EntityDialog(None, None, {"kuehne-nagel": "Kühne+Nagel"}, {"gmp": "GMP"})
    qtbot.addWidget(dialog)
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    assert not save.isEnabled()
    qtbot.keyClicks(dialog.name, "Kuehne + Nagel")
    assert dialog.slug.text() == "kuehne-nagel"
    assert "already used" in dialog.messages["slug"].text() and not save.isEnabled()
    assert "Possible duplicate of: Kühne+Nagel" in dialog.duplicate.text()
    dialog.slug.setText("kuehne-nagel-pharma")
    qtbot.keyClicks(dialog.website, "www")
    assert "https://" in dialog.messages["website"].text() and not save.isEnabled()
    dialog.website.setText("https://example.org")
    assert save.isEnabled()


def test_edit_undo_redo(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    def edit(_parent, record, _names, _tags):
        return replace(record, location="Leipzig-Probstheida")

    monkeypatch.setattr(entity_dialog, "edit_entity", edit)
    window.show_entity("co-don")
    qtbot.waitUntil(lambda: "CO.DON" in window.detail.toPlainText(), timeout=10_000)
    with qtbot.waitSignal(window.executor.data_changed, timeout=10_000):
        window.edits.edit_entity("co-don")
    qtbot.waitUntil(lambda: "Leipzig-Probstheida" in window.detail.toPlainText(), timeout=10_000)
    with qtbot.waitSignal(window.executor.data_changed, timeout=10_000):
        window.edits.stack.undo()
    qtbot.waitUntil(
        lambda: "Leipzig-Probstheida" not in window.detail.toPlainText(), timeout=10_000
    )
    with qtbot.waitSignal(window.executor.data_changed, timeout=10_000):
        window.edits.stack.redo()
    qtbot.waitUntil(lambda: "Leipzig-Probstheida" in window.detail.toPlainText(), timeout=10_000)


def test_delete_asks_then_undo_brings_it_back(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = []
    monkeypatch.setattr(dialogs, "confirm", lambda _p, _t, message: asked.append(message) or True)
    with qtbot.waitSignal(window.executor.data_changed, timeout=10_000):
        window.edits.delete_entity("biocube-leipzig")
    assert "5 space offers" in asked[0] and "1 figure," in asked[0]
    qtbot.waitUntil(lambda: window.results.model.row_of("biocube-leipzig") is None, timeout=10_000)
    with qtbot.waitSignal(window.executor.data_changed, timeout=10_000):
        window.edits.stack.undo()
    qtbot.waitUntil(lambda: "S2 laboratory" in window.detail.toPlainText(), timeout=10_000)
    qtbot.waitUntil(
        lambda: window.results.model.row_of("biocube-leipzig") is not None, timeout=10_000
    )


def test_verify_and_journal(qtbot: QtBot, window: MainWindow) -> None:
    from desktop.ui.upkeep.journal_dialogs import AuditDialog, NeedsCheckingDialog

    checking = NeedsCheckingDialog(window.executor, window)
    qtbot.addWidget(checking)
    qtbot.waitUntil(lambda: checking.model.rowCount() > 50, timeout=10_000)
    before = checking.model.rowCount()
    with qtbot.waitSignal(window.executor.data_changed, timeout=10_000):
        window.edits.verify("entity", "fraunhofer-izi")
    checking.load()
    qtbot.waitUntil(lambda: checking.model.rowCount() == before - 1, timeout=10_000)
    journal = AuditDialog(window.executor, window, "fraunhofer-izi")
    qtbot.addWidget(journal)
    qtbot.waitUntil(lambda: journal.model.rowCount() == 1, timeout=10_000)
    assert journal.model.record(0).action == "verify"
    qtbot.waitUntil(lambda: "Verified" in window.detail.toPlainText(), timeout=10_000)


def test_space_offer_added_from_the_detail_pane_and_undone(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QUrl

    from desktop.ui.widgets import record_form

    monkeypatch.setattr(
        record_form,
        "ask",
        lambda _p, _t, _s: {
            "space_type": "cleanroom",
            "availability": "planned",
            "since": "2027",
            "note": None,
        },
    )
    window.show_entity("biocube-leipzig")
    qtbot.waitUntil(lambda: "S2 laboratory" in window.detail.toPlainText(), timeout=10_000)
    with qtbot.waitSignal(window.executor.data_changed, timeout=10_000) as announced:
        window.detail.anchorClicked.emit(QUrl("do:set-space/"))
    change = announced.args[0]
    assert change.slug == "biocube-leipzig" and change.touches(Topic.ENTITIES)
    qtbot.waitUntil(lambda: "Cleanroom" in window.detail.toPlainText(), timeout=10_000)
    with qtbot.waitSignal(window.executor.data_changed, timeout=10_000):
        window.edits.stack.undo()
    qtbot.waitUntil(lambda: "Cleanroom" not in window.detail.toPlainText(), timeout=10_000)


def test_an_open_list_reloads_on_the_change_announced(qtbot: QtBot, window: MainWindow) -> None:
    """Needs checking listens to the executor's data_changed: nobody has to call load()."""
    from desktop.ui.upkeep.journal_dialogs import NeedsCheckingDialog

    checking = NeedsCheckingDialog(window.executor, window)
    qtbot.addWidget(checking)
    qtbot.waitUntil(lambda: checking.model.rowCount() > 50, timeout=10_000)
    before = checking.model.rowCount()
    with qtbot.waitSignal(window.executor.data_changed, timeout=10_000) as announced:
        window.edits.verify("entity", "fraunhofer-izi")
    assert announced.args[0].slug == "fraunhofer-izi"
    qtbot.waitUntil(lambda: checking.model.rowCount() == before - 1, timeout=10_000)


def test_detail_pane_offers_edit_links(qtbot: QtBot, window: MainWindow) -> None:
    window.show_entity("biocube-leipzig")
    qtbot.waitUntil(lambda: "S2 laboratory" in window.detail.toPlainText(), timeout=10_000)
    html = window.detail.toHtml()
    assert "do:set-space/" in html and "do:edit-fact/biocube-storeys" in html
    assert "do:remove-relation/out:located-at:biocity-campus" in html


def test_sources_dialog_lists_and_adds(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.ui.upkeep.journal_dialogs import SourcesDialog
    from desktop.ui.widgets import record_form

    dialog = SourcesDialog(window.executor, window.edits.records, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
    monkeypatch.setattr(
        record_form,
        "ask",
        lambda _p, _t, _s: {
            "title": "Site visit notes",
            "publisher": "BioCube",
            "published": None,
            "accessed_on": "2026-11-20",
            "url": None,
            "file_name": None,
        },
    )
    window.edits.records.sources.edit(None)  # the dialog reloads on the change announced
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=10_000)
