"""The brief editor keeps what was typed and exports what it says: the title however the
consultant finishes typing it, one assembly per export, open briefs that follow the data."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.app.changes import Topic, change
from desktop.core.briefs import curation as briefs
from desktop.core.briefs import sent_register
from desktop.core.briefs.curation import ProspectInput
from desktop.core.storage.database import Database
from desktop.ui.base import dialogs
from desktop.ui.base.executor import DatabaseExecutor
from desktop.ui.briefs.brief_editor import BriefEditor
from desktop.ui.briefs.brief_model import ID_ROLE, ITEM_ROLE, KIND_ROLE
from desktop.ui.briefs.briefs_desk import BriefsDesk
from desktop.ui.dossier import export_check
from desktop.ui.shell.main_window import MainWindow
from tests.gui.brief_helpers import stored_brief

from .brief_helpers import open_new_brief

PROSPECT = ProspectInput(
    company_name="Acme Cell Therapeutics Inc.",
    sectors=("cell-gene-therapy",),
    activities=("manufacturing",),
    requirements=("gmp-manufacturing", "cold-chain-logistics"),
)


@pytest.fixture
def brief_id(database: Database) -> int:
    return stored_brief(database, PROSPECT)


@pytest.fixture
def editor(
    qtbot: QtBot, executor: DatabaseExecutor, brief_id: int, shown_dialogs: list
) -> Iterator[BriefEditor]:
    window = BriefEditor(executor, brief_id)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.current is not None)
    yield window
    assert shown_dialogs == []
    window.close()


def stored_title(db_path: Path, brief_id: int) -> str:
    database = Database.open(db_path, create=False)
    try:
        with database.session() as session:
            return briefs.brief_view(session, brief_id).title
    finally:
        database.close()


def type_title(qtbot: QtBot, editor: BriefEditor, text: str) -> None:
    editor.activateWindow()
    editor.title.setFocus()
    qtbot.waitUntil(editor.title.hasFocus)
    editor.title.selectAll()
    qtbot.keyClicks(editor.title, text)


# --- the title ---------------------------------------------------------------------------------


@pytest.mark.parametrize("finish", ["enter", "tab", "click into the tree", "close the window"])
def test_a_typed_title_is_saved_however_typing_ends(
    qtbot: QtBot, editor: BriefEditor, db_path: Path, finish: str
) -> None:
    """The issue said `_save_title` was never connected; it is (editingFinished, closeEvent):
    this pins every way a consultant ends typing a title."""
    type_title(qtbot, editor, "Aurora, second meeting")
    if finish == "enter":
        qtbot.keyClick(editor.title, Qt.Key.Key_Return)
    elif finish == "tab":
        qtbot.keyClick(editor.title, Qt.Key.Key_Tab)
        assert not editor.title.hasFocus()
    elif finish == "click into the tree":
        editor.tree.setFocus(Qt.FocusReason.MouseFocusReason)
        assert not editor.title.hasFocus()
    else:
        editor.close()
    qtbot.waitUntil(lambda: stored_title(db_path, editor.brief_id) == "Aurora, second meeting")
    if finish != "close the window":
        qtbot.waitUntil(lambda: editor.windowTitle() == "Brief — Aurora, second meeting")


def test_quitting_right_after_typing_keeps_the_title_and_the_note_while_the_database_is_busy(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    """Quitting cancels the jobs still queued behind a running one (the executor's shutdown),
    so the saves a brief window makes on closing were lost whenever the database was busy."""
    editor = open_new_brief(qtbot, window, monkeypatch)
    section = next(
        editor.model.index(r, 0)
        for r in range(editor.model.rowCount())
        if editor.model.index(0, 0, editor.model.index(r, 0)).data(KIND_ROLE) == "entity"
    )
    item_id = editor.model.index(0, 0, section).data(ID_ROLE)
    editor.tree.setCurrentIndex(editor.model.index(0, 0, section))
    qtbot.keyClicks(editor.note, "Typed last")
    type_title(qtbot, editor, "Quit right after")
    busy = threading.Event()
    window.executor.submit(lambda _store: busy.wait(1.0))  # e.g. a slow assembly, running
    shutdown = window.executor.shutdown
    monkeypatch.setattr(window.executor, "shutdown", lambda: (busy.set(), shutdown()))
    window.close()
    assert stored_title(db_path, editor.brief_id) == "Quit right after"
    database = Database.open(db_path, create=False)
    with database.session() as session:
        notes = {i.item_id: i.note for i in briefs.brief_view(session, editor.brief_id).items()}
    database.close()
    assert notes[item_id] == "Typed last"


# --- one assembly per export -------------------------------------------------------------------


def test_the_pdf_and_its_record_come_from_the_assembly_the_export_started_with(
    qtbot: QtBot,
    editor: BriefEditor,
    database: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A save that comes back while the save dialog is open assembles the brief again; the
    file name, the findings, the PDF and the sent register's snapshot stay with the first."""
    before = editor.current
    assert before is not None
    section = next(
        editor.model.index(r, 0)
        for r in range(editor.model.rowCount())
        if editor.model.index(0, 0, editor.model.index(r, 0)).data(KIND_ROLE) == "entity"
    )
    included = editor.model.index(0, 0, section)
    leaving = included.data(ITEM_ROLE)
    assert leaving.included and leaving.slug in before.snapshot["entities"]
    target = tmp_path / "aurora.pdf"
    asked: list[str] = []
    reviewed: list[list[str]] = []

    def ask_save_path(_parent: object, suggested: str) -> Path:
        asked.append(suggested)
        # while the dialog is open, the consultant's untick (or any reload) lands
        editor.model.itemFromIndex(included).setCheckState(Qt.CheckState.Unchecked)
        qtbot.waitUntil(lambda: editor.current is not before, timeout=10_000)
        assert leaving.slug not in editor.current.snapshot["entities"]
        return target

    monkeypatch.setattr(dialogs, "ask_save_path", ask_save_path)
    monkeypatch.setattr(
        export_check,
        "pre_export_check",
        lambda _p, findings: reviewed.append(findings) or export_check.ExportChoice(None),
    )
    with qtbot.waitSignal(editor.exported, timeout=30_000):
        editor.export()
    with database.session() as session:
        prospect_id = briefs.brief_view(session, editor.brief_id).prospect_id
        (entry,) = sent_register.sent_to(session, prospect_id)
    recorded = json.loads(entry.snapshot)
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert recorded == before.snapshot != editor.current.snapshot
    assert leaving.slug in recorded["entities"] and leaving.title in text
    assert entry.file_name == "aurora.pdf" and asked[0].endswith(".pdf")
    # the empty contact page was agreed to in its own question (see conftest): not repeated
    assert reviewed == [[f.message for f in before.findings if f.kind != "no-contact"]]


# --- open briefs follow the data ---------------------------------------------------------------


def test_the_desk_reloads_open_briefs_when_the_data_they_show_changes(
    qtbot: QtBot, executor: DatabaseExecutor, brief_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Entities side announces its edits on ``data_changed``; every open brief shows what
    is stored then, without wiring in the main window. A brief changed in its own window is
    not reloaded again; a closed one reloads when it is opened again."""
    from PySide6.QtCore import QObject

    owner = QObject()
    desk = BriefsDesk(executor, owner)
    editor = desk.open_brief(brief_id)
    qtbot.addWidget(editor)
    qtbot.waitUntil(lambda: editor.view is not None)
    reloads: list[object] = []
    monkeypatch.setattr(editor, "reload", lambda then=None: reloads.append(then))
    executor.data_changed.emit(change(Topic.BRIEFS, brief_id=brief_id + 1))  # another brief
    executor.data_changed.emit(replace(change(Topic.BRIEFS, brief_id=brief_id), origin=editor))
    assert reloads == []
    executor.data_changed.emit(change(Topic.ENTITIES, slug="fraunhofer-izi"))
    executor.data_changed.emit(change(Topic.BRIEFS, brief_id=brief_id))  # deleted elsewhere
    assert reloads == [None, None]
    editor.close()
    executor.data_changed.emit(change(Topic.PROSPECTS))
    assert len(reloads) == 2
    assert desk.open_brief(brief_id) is editor and len(reloads) == 3
    desk.close_all()


def test_the_prospects_tab_follows_a_brief_saved_in_its_window(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = open_new_brief(qtbot, window, monkeypatch)
    view = window.prospects
    qtbot.waitUntil(lambda: view.brief_model.rowCount() == 1, timeout=10_000)
    type_title(qtbot, editor, "Renamed in its window")
    qtbot.keyClick(editor.title, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: view.brief_model.record(0).title == "Renamed in its window", timeout=10_000
    )
