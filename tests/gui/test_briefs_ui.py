"""Prospect to dossier in the window: create, brief, curate, preview, export."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.briefs.curation import ProspectInput
from desktop.ui.base import dialogs
from desktop.ui.briefs import prospect_dialog
from desktop.ui.briefs.brief_editor import BriefEditor
from desktop.ui.briefs.brief_model import ITEM_ROLE, KIND_ROLE
from desktop.ui.dossier import export_check
from desktop.ui.shell.main_window import MainWindow

PROSPECT = ProspectInput(
    company_name="Acme Cell Therapeutics Inc.",
    code_name="Project Aurora",
    use_code_name=True,
    country="US",
    sectors=("cell-gene-therapy",),
    activities=("manufacturing",),
    requirements=("gmp-manufacturing", "cold-chain-logistics", "production-space"),
    keywords=("CAR-T",),
    internal_notes="Budget is tight.",
)


def test_prospect_dialog_validates_as_you_type(qtbot: QtBot) -> None:
    from desktop.ui.briefs.prospect_dialog import ProspectDialog

    dialog = ProspectDialog()
    qtbot.addWidget(dialog)
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    assert not save.isEnabled() and "company name" in dialog.problems.text()
    qtbot.keyClicks(dialog.company, "Acme")
    dialog.sectors.set_codes(("medtech",))
    dialog.use_code_name.setChecked(True)
    assert not save.isEnabled() and "code name" in dialog.problems.text()
    qtbot.keyClicks(dialog.code_name, "Heron")
    assert save.isEnabled(), dialog.problems.text()
    assert dialog.data().code_name == "Heron" and dialog.data().sectors == ("medtech",)


@pytest.fixture
def editor(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> BriefEditor:
    """A brief for a new prospect, created through the Prospects tab."""
    monkeypatch.setattr(prospect_dialog, "edit_prospect", lambda _parent, _data=None: PROSPECT)
    window.tabs.setCurrentIndex(2)
    view = window.prospects
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10_000)
    qtbot.waitUntil(lambda: view.new_brief_button.isEnabled(), timeout=10_000)
    with qtbot.waitSignal(view.open_brief, timeout=10_000) as opened:
        qtbot.mouseClick(view.new_brief_button, Qt.MouseButton.LeftButton)
    editor = window.desk.editors[opened.args[0]]
    qtbot.waitUntil(lambda: editor.current is not None, timeout=10_000)
    return editor


def entity_rows(editor: BriefEditor) -> list:
    rows = []
    for s in range(editor.model.rowCount()):
        section = editor.model.index(s, 0)
        for r in range(editor.model.rowCount(section)):
            index = editor.model.index(r, 0, section)
            if index.data(KIND_ROLE) == "entity":
                rows.append(index)
    return rows


def test_create_brief_exclude_preview_and_export(
    qtbot: QtBot,
    window: MainWindow,
    editor: BriefEditor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shown_dialogs: list,
) -> None:
    first = entity_rows(editor)[0]
    name = first.data(ITEM_ROLE).title
    with qtbot.waitSignal(editor.assembled, timeout=10_000):
        editor.model.itemFromIndex(first).setCheckState(Qt.CheckState.Unchecked)
    printed = [e.name for s in editor.current.data.sections for e in s.entities]
    assert name not in printed

    with qtbot.waitSignal(editor.preview_ready, timeout=30_000) as ready:
        qtbot.mouseClick(editor.preview_button, Qt.MouseButton.LeftButton)
    assert ready.args[0] >= 3 and editor.document.pageCount() == ready.args[0]

    target = tmp_path / "aurora.pdf"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda _p, _name: target)
    monkeypatch.setattr(
        export_check, "pre_export_check", lambda _p, _f: export_check.ExportChoice(None)
    )
    with qtbot.waitSignal(editor.exported, timeout=30_000):
        qtbot.mouseClick(editor.export_button, Qt.MouseButton.LeftButton)
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Project Aurora" in text and "Acme" not in text and "Budget" not in text
    assert name not in text
    view = window.prospects
    qtbot.waitUntil(lambda: view.sent_model.rowCount() == 1, timeout=10_000)
    assert view.sent_model.record(0).file_name == "aurora.pdf"
    assert shown_dialogs == []


def test_cancelled_save_dialog_writes_nothing(
    qtbot: QtBot, editor: BriefEditor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dialogs, "ask_save_path", lambda _p, _name: None)
    editor.export()
    assert list(tmp_path.glob("*.pdf")) == []


def test_notes_and_order_are_saved(qtbot: QtBot, editor: BriefEditor) -> None:
    rows = entity_rows(editor)
    start = next(i for i, row in enumerate(rows[:-1]) if rows[i + 1].parent() == row.parent())
    first = rows[start].data(ITEM_ROLE)
    editor.tree.setCurrentIndex(rows[start])
    with qtbot.waitSignal(editor.brief_changed, timeout=10_000):
        editor.note.setPlainText("We can arrange a visit.")
    editor.tree.setCurrentIndex(entity_rows(editor)[start])
    qtbot.mouseClick(editor.down_button, Qt.MouseButton.LeftButton)

    def moved() -> object:
        items = [index.data(ITEM_ROLE) for index in entity_rows(editor)]
        return next(item for item in items if item.item_id == first.item_id)

    qtbot.waitUntil(lambda: moved().position == first.position + 1, timeout=10_000)
    assert moved().note == "We can arrange a visit."


def test_brief_models_pass_the_model_tester(qtmodeltester, database) -> None:
    from desktop.core.briefs import curation as briefs
    from desktop.ui.briefs.brief_model import BriefTreeModel

    with database.transaction() as session:
        prospect = briefs.save_prospect(session, PROSPECT)
        brief_id = briefs.create_brief(session, prospect_id=prospect.id)
    with database.session() as session:
        view = briefs.brief_view(session, brief_id)
    model = BriefTreeModel()
    model.load(view)
    assert model.rowCount() >= 3
    qtmodeltester.check(model, force_py=True)


def test_prospect_filters_combine(qtbot: QtBot, window: MainWindow) -> None:
    from dataclasses import replace

    from desktop.core.briefs import curation as core_briefs
    from desktop.core.storage.database import Database
    from desktop.ui.widgets.record_model import RECORD_ROLE

    database = Database.open(window.db_path)
    with database.transaction() as session:
        core_briefs.save_prospect(session, PROSPECT)
        core_briefs.save_prospect(
            session,
            replace(
                PROSPECT,
                company_name="Beta Labs",
                code_name=None,
                use_code_name=False,
                status="won",
            ),
        )
        core_briefs.save_prospect(
            session,
            replace(
                PROSPECT,
                company_name="Acme Europe",
                code_name=None,
                use_code_name=False,
                status="won",
            ),
        )
    database.close()
    window.tabs.setCurrentIndex(2)
    view = window.prospects
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=10_000)
    view.status_filter.setCurrentIndex(view.status_filter.findData("won"))
    assert view.proxy.rowCount() == 2
    view.text_filter.setText("acme")
    assert view.proxy.rowCount() == 1
    assert view.proxy.index(0, 0).data(RECORD_ROLE).company_name == "Acme Europe"
