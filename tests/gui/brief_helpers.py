"""Open a brief for a new prospect through the Prospects tab, as a consultant would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.briefs import curation as briefs
from desktop.core.briefs.curation import ProspectInput
from desktop.core.storage.database import Database
from desktop.ui.briefs import prospect_dialog
from desktop.ui.briefs.brief_editor import BriefEditor
from desktop.ui.shell.main_window import MainWindow

PROSPECT = ProspectInput(
    company_name="Acme Cell Therapeutics Inc.",
    code_name="Project Aurora",
    use_code_name=True,
    country="US",
    sectors=("cell-gene-therapy",),
    activities=("manufacturing",),
    requirements=("gmp-manufacturing", "cold-chain-logistics", "production-space"),
)


def open_new_brief(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> BriefEditor:
    monkeypatch.setattr(prospect_dialog, "edit_prospect", lambda _parent, _data=None: PROSPECT)
    window.tabs.setCurrentIndex(2)
    view = window.prospects
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.new_brief_button.isEnabled(), timeout=10_000)
    with qtbot.waitSignal(view.open_brief, timeout=10_000) as opened:
        qtbot.mouseClick(view.new_brief_button, Qt.MouseButton.LeftButton)
    editor = window.desk.editors[opened.args[0]]
    qtbot.waitUntil(lambda: editor.current is not None, timeout=10_000)
    return editor


def stored_brief(database: Database, prospect: ProspectInput = PROSPECT) -> int:
    """A new brief for ``prospect``, written straight to the database (no window involved)."""
    with database.transaction() as session:
        saved = briefs.save_prospect(session, prospect)
        return briefs.create_brief(session, prospect_id=saved.id)
