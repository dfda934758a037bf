"""What the window soak found, each pinned by a small test of its own."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
import shiboken6
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.briefs.curation import ProspectInput
from desktop.core.storage.database import Database
from desktop.dossier.content import checks
from desktop.ui.base import dialogs
from desktop.ui.base.executor import DatabaseExecutor
from desktop.ui.base.wording import entity_gone
from desktop.ui.briefs.brief_editor import BriefEditor
from desktop.ui.briefs.brief_model import ID_ROLE, ITEM_ROLE, KIND_ROLE
from desktop.ui.dossier import export_check
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.upkeep import entity_dialog
from tests.gui.brief_helpers import stored_brief

from .brief_helpers import open_new_brief

PROSPECT = ProspectInput(
    company_name="Acme Cell Therapeutics Inc.",
    sectors=("cell-gene-therapy",),
    activities=("manufacturing",),
    requirements=("gmp-manufacturing",),
)


@pytest.fixture
def brief_id(database: Database) -> int:
    return stored_brief(database, PROSPECT)


@pytest.fixture
def editor(
    qtbot: QtBot, executor: DatabaseExecutor, brief_id: int, shown_dialogs: list
) -> Iterator[BriefEditor]:
    window = BriefEditor(executor, brief_id)  # not qtbot.addWidget: one test deletes it
    window.show()
    qtbot.waitUntil(lambda: window.current is not None)
    yield window
    if shiboken6.isValid(window):
        window.close()
        window.deleteLater()
    qtbot.wait(0)


def assembled(entities: int, figures: int, found: list | None = None) -> SimpleNamespace:
    section = SimpleNamespace(entities=[object()] * entities)
    data = SimpleNamespace(evidence=[], sections=[section], key_facts=[object()] * figures)
    return SimpleNamespace(data=data, findings=found or [])


# --- wording --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entities", "figures", "expected"),
    [
        (1, 1, "1 entity and 1 key figure will be printed."),
        (2, 0, "2 entities and 0 key figures will be printed."),
        (0, 5, "0 entities and 5 key figures will be printed."),
    ],
)
def test_the_count_of_what_is_printed_is_good_english(
    editor: BriefEditor, entities: int, figures: int, expected: str
) -> None:
    editor._on_assembled(assembled(entities, figures))
    assert editor.findings.text() == expected


def test_a_real_brief_counts_in_good_english(editor: BriefEditor) -> None:
    first = editor.findings.text().splitlines()[0]
    assert "(s)" not in editor.findings.text()
    assert first.endswith("will be printed.") and "1 entities" not in first


@pytest.mark.parametrize(
    ("undated", "expected"),
    [
        (1, "1 figure is undated in its source."),
        (5, "5 figures are undated in their source."),
    ],
)
def test_undated_figures_are_counted_in_good_english(undated: int, expected: str) -> None:
    card = SimpleNamespace(name="Ada", role="Consultant", phone="+49 1", email="ada@example.org")
    data = SimpleNamespace(consultant=card, evidence=[], language="en")
    facts = [
        SimpleNamespace(as_of=None, label=f"figure {n}", unit="companies") for n in range(undated)
    ]
    found = checks.findings(data, [], facts, date(2026, 12, 1), 24)
    assert [f.message for f in found if f.kind == "undated-facts"] == [expected]


# --- an entity deleted while its row is still listed ---------------------------------------


def test_editing_an_entity_deleted_meanwhile_says_so(
    qtbot: QtBot,
    window: MainWindow,
    shown_dialogs: list,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The soak clicked Edit on a row whose delete was still on its way: an unexpected error."""
    unexpected: list[BaseException] = []
    monkeypatch.setattr(dialogs, "report_unexpected", lambda _p, error: unexpected.append(error))
    window.executor.failed.connect(unexpected.append)
    monkeypatch.setattr(dialogs, "confirm", lambda *_args: True)
    with qtbot.waitSignal(window.executor.data_changed, timeout=10_000):
        window.edits.delete_entity("biocube-leipzig")
    window.edits.edit_entity("biocube-leipzig")  # the row was still listed
    window.edits.delete_entity("biocube-leipzig")
    qtbot.waitUntil(lambda: len(shown_dialogs) == 2, timeout=10_000)
    assert unexpected == []
    assert shown_dialogs == [("The change was not saved", entity_gone())] * 2


# --- a brief deleted while its window is open ----------------------------------------------


def idle(qtbot: QtBot, executor: DatabaseExecutor) -> None:
    """Every job queued so far has come back (jobs run and answer in order)."""
    done: list[object] = []
    executor.submit(lambda _store: None, done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)


def test_a_brief_deleted_while_open_says_so_once_and_closes(
    qtbot: QtBot, editor: BriefEditor, executor: DatabaseExecutor, shown_dialogs: list
) -> None:
    """The soak deleted a prospect whose brief was open: each failed save reloaded, each
    reload failed and reloaded again — thousands of messages a second, a hung window."""
    from desktop.app import briefs as brief_jobs

    executor.submit(lambda store: brief_jobs.delete_brief(store, brief_id=editor.brief_id))
    section = editor.model.index(0, 0)
    item = editor.model.itemFromIndex(editor.model.index(0, 0, section))
    item.setCheckState(Qt.CheckState.Unchecked)  # saved at once: fails, the brief is gone
    qtbot.waitUntil(lambda: not shiboken6.isValid(editor), timeout=10_000)  # closed, deleted
    for _ in range(3):
        idle(qtbot, executor)
    assert len(shown_dialogs) == 1
    assert "no longer in the database" in shown_dialogs[0][1]


def test_an_entity_deleted_in_the_window_leaves_the_open_brief(
    qtbot: QtBot,
    window: MainWindow,
    shown_dialogs: list,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The soak deleted an entity listed in an open brief: the brief kept showing it, and the
    next move was refused with "the new layout does not list every item"."""
    editor = open_new_brief(qtbot, window, monkeypatch)
    section = next(
        editor.model.index(r, 0)
        for r in range(editor.model.rowCount())
        if editor.model.rowCount(editor.model.index(r, 0)) >= 3
        and editor.model.index(0, 0, editor.model.index(r, 0)).data(KIND_ROLE) == "entity"
    )
    victim, section_key = editor.model.index(0, 0, section).data(ITEM_ROLE), section.data(ID_ROLE)
    monkeypatch.setattr(dialogs, "confirm", lambda *_args: True)
    with qtbot.waitSignal(window.executor.data_changed, timeout=10_000):
        window.edits.delete_entity(victim.slug)
    qtbot.waitUntil(lambda: not editor.model.index_of(victim.item_id, "entity").isValid())
    section = editor.model.index_of(section_key, "section")  # the tree was rebuilt
    editor.tree.setCurrentIndex(editor.model.index(0, 0, section))
    with qtbot.waitSignal(editor.brief_changed, timeout=10_000):
        editor.down_button.click()
    idle(qtbot, window.executor)
    assert shown_dialogs == []


# --- the Prospects tab: a second click on Delete, a row deleted meanwhile ------------------


def test_deleting_a_prospect_twice_quickly_is_no_error(
    qtbot: QtBot,
    window: MainWindow,
    shown_dialogs: list,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The soak clicked Delete again before the list came back: "Unexpected error" twice
    (the second delete and the detail of the row still listed), and the briefs of the
    deleted prospect stayed on screen."""
    unexpected: list[BaseException] = []
    monkeypatch.setattr(dialogs, "report_unexpected", lambda _p, error: unexpected.append(error))
    window.executor.failed.connect(unexpected.append)
    editor = open_new_brief(qtbot, window, monkeypatch)
    editor.close()
    view = window.prospects
    qtbot.waitUntil(lambda: view.brief_model.rowCount() == 1, timeout=10_000)
    monkeypatch.setattr(dialogs, "confirm", lambda *_args: True)
    view.delete_button.click()
    view.delete_button.click()  # before the first delete is back
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=10_000)
    idle(qtbot, window.executor)
    idle(qtbot, window.executor)
    assert unexpected == [] and shown_dialogs == []
    assert view.brief_model.rowCount() == 0 and view.summary.text() == "Select a prospect."
    assert not view.new_brief_button.isEnabled()


# --- undo after a refused step --------------------------------------------------------------


def test_a_second_delete_of_one_entity_leaves_no_broken_undo_step(
    qtbot: QtBot,
    window: MainWindow,
    shown_dialogs: list,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The soak deleted an entity twice before the first answer came: the second delete was
    refused but stayed on the undo stack, and undoing it raised AttributeError."""
    unexpected: list[BaseException] = []
    monkeypatch.setattr(dialogs, "report_unexpected", lambda _p, error: unexpected.append(error))
    window.executor.failed.connect(unexpected.append)
    monkeypatch.setattr(dialogs, "confirm", lambda *_args: True)
    window.edits.delete_entity("biocube-leipzig")
    window.edits.delete_entity("biocube-leipzig")  # a second click, at once
    qtbot.waitUntil(lambda: window.edits.stack.count() == 2, timeout=10_000)
    idle(qtbot, window.executor)
    assert shown_dialogs == [("The change was not saved", entity_gone())]
    window.undo_action.trigger()  # the refused delete: dropped, nothing to put back
    window.undo_action.trigger()  # the real one, pressed before any answer
    idle(qtbot, window.executor)
    qtbot.waitUntil(
        lambda: window.results.model.row_of("biocube-leipzig") is not None, timeout=10_000
    )
    assert unexpected == [] and len(shown_dialogs) == 1
    assert not window.edits.stack.canUndo()


def test_a_move_made_before_the_reload_keeps_its_order(
    qtbot: QtBot, editor: BriefEditor, executor: DatabaseExecutor, shown_dialogs: list
) -> None:
    """The soak dragged an item while the window still listed one whose entity had just been
    deleted: "the new layout does not list every item of the brief exactly once"."""
    from desktop.app import edits as edit_jobs

    model = editor.model
    section = next(
        model.index(r, 0)
        for r in range(model.rowCount())
        if model.rowCount(model.index(r, 0)) >= 3
        and model.index(0, 0, model.index(r, 0)).data(KIND_ROLE) == "entity"
    )
    key = section.data(ID_ROLE)
    gone, first, second = (model.index(r, 0, section).data(ITEM_ROLE) for r in range(3))
    executor.submit(lambda store: edit_jobs.delete_entity(store, slug=gone.slug, who="test"))
    editor.tree.setCurrentIndex(model.index(1, 0, section))
    with qtbot.waitSignal(editor.brief_changed, timeout=10_000):
        editor.down_button.click()  # the editor still lists the deleted entity's item
    section = model.index_of(key, "section")
    shown = [model.index(r, 0, section).data(ID_ROLE) for r in range(model.rowCount(section))]
    assert gone.item_id not in shown
    assert shown.index(second.item_id) < shown.index(first.item_id)  # the move was kept
    assert shown_dialogs == []


def test_the_edit_form_shows_what_an_undo_pressed_while_it_loaded_left(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The soak pressed Undo while the edit form was loading: the form showed the undone
    value, saving it wrote the value back, and undoing everything left it in the database."""
    from dataclasses import replace

    monkeypatch.setattr(
        entity_dialog, "edit_entity", lambda _p, record, _n, _t: replace(record, location="First")
    )
    with qtbot.waitSignal(window.executor.data_changed, timeout=10_000):
        window.edits.edit_entity("co-don")
    seen: list[str | None] = []

    def second_edit(_parent: object, record, _names: object, _tags: object):
        seen.append(record.location)
        return replace(record, description=record.description + " Second.")

    monkeypatch.setattr(entity_dialog, "edit_entity", second_edit)
    window.edits.edit_entity("co-don")  # the form's data is asked for ...
    window.undo_action.trigger()  # ... and Undo pressed before it comes
    qtbot.waitUntil(lambda: bool(seen) and window.edits.stack.canUndo(), timeout=10_000)
    assert seen == [seen[0]] and seen[0] != "First"  # the form shows the entity as the undo left it
    window.undo_action.trigger()
    record = entity_record(qtbot, window, "co-don")
    assert record.location != "First" and not record.description.endswith("Second.")


def entity_record(qtbot: QtBot, window: MainWindow, slug: str):
    """The entity as stored, read by a job behind every job queued so far."""
    from desktop.core.upkeep import editing

    found: list[object] = []

    def read(store):
        with store.database.session() as session:
            return editing.entity_record(session, slug)

    window.executor.submit(read, found.append)
    qtbot.waitUntil(lambda: bool(found), timeout=10_000)
    return found[0]


def test_a_new_brief_for_a_prospect_deleted_meanwhile_says_why(
    qtbot: QtBot,
    window: MainWindow,
    shown_dialogs: list,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The soak clicked New brief on a prospect whose delete was on its way: the message
    was "no prospect with id 1"."""
    from desktop.ui.briefs.prospects_view import GONE_PROSPECT

    editor = open_new_brief(qtbot, window, monkeypatch)
    editor.close()
    view = window.prospects
    monkeypatch.setattr(dialogs, "confirm", lambda *_args: True)
    view.delete_button.click()
    view.new_brief_button.click()  # the row is still listed
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=10_000)
    idle(qtbot, window.executor)
    assert shown_dialogs == [("Cannot create the brief", GONE_PROSPECT)]


# --- an export is never given up for other work ---------------------------------------------


def test_preview_or_close_right_after_export_still_writes_the_file(
    qtbot: QtBot, editor: BriefEditor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The soak pressed Preview (and, in another run, closed the window) while a dossier was
    being written: the export was cancelled without a word and no file appeared."""
    from pypdf import PdfReader

    targets = iter([tmp_path / "first.pdf", tmp_path / "second.pdf"])
    monkeypatch.setattr(dialogs, "ask_save_path", lambda _p, _name, *_a: next(targets))
    monkeypatch.setattr(
        export_check, "pre_export_check", lambda _p, _f: export_check.ExportChoice(None)
    )
    with qtbot.waitSignals([editor.exported, editor.preview_ready], timeout=60_000):
        editor.export_button.click()
        editor.preview_button.click()  # while the file is being written
    assert len(PdfReader(tmp_path / "first.pdf").pages) >= 3
    with qtbot.waitSignal(editor.exported, timeout=60_000):
        editor.export_button.click()
        editor.close()  # Esc right after Export
    assert len(PdfReader(tmp_path / "second.pdf").pages) >= 3
