"""The brief editor: safe drag and drop, notes that are never lost, menus, Esc, plain reasons."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.briefs import curation as briefs
from desktop.core.briefs.curation import ProspectInput
from desktop.core.storage.database import Database
from desktop.ui.base.executor import DatabaseExecutor
from desktop.ui.briefs.brief_editor import BriefEditor
from desktop.ui.briefs.brief_model import ID_ROLE, ITEM_ROLE, KIND_ROLE, MIME_TYPE, BriefTreeModel
from tests.gui.brief_helpers import stored_brief

PROSPECT = ProspectInput(
    company_name="Acme Cell Therapeutics Inc.",
    sectors=("cell-gene-therapy",),
    activities=("manufacturing", "rd"),
    requirements=("gmp-manufacturing", "cold-chain-logistics", "production-space"),
    keywords=("CAR-T",),
)
MOVE = Qt.DropAction.MoveAction


@pytest.fixture
def brief_id(database: Database) -> int:
    return stored_brief(database, PROSPECT)


def stored(database: Database, brief_id: int) -> briefs.BriefView:
    with database.session() as session:
        return briefs.brief_view(session, brief_id)


def stored_layout(database: Database, brief_id: int) -> list[tuple[str, list[int]]]:
    return [(key, [i.item_id for i in items]) for key, items in stored(database, brief_id).sections]


def item_note(database: Database, brief_id: int, item_id: int) -> str | None:
    return next(i.note for i in stored(database, brief_id).items() if i.item_id == item_id)


@pytest.fixture
def editor(
    qtbot: QtBot, executor: DatabaseExecutor, brief_id: int, shown_dialogs: list
) -> Iterator[BriefEditor]:
    window = BriefEditor(executor, brief_id)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.view is not None and window.model.rowCount() > 0)
    yield window
    assert shown_dialogs == []
    window.close()


def busy_section(model: BriefTreeModel, kind: str = "entity", at_least: int = 3) -> QModelIndex:
    for row in range(model.rowCount()):
        section = model.index(row, 0)
        if (
            model.rowCount(section) >= at_least
            and model.index(0, 0, section).data(KIND_ROLE) == kind
        ):
            return section
    raise AssertionError(f"no section with {at_least} {kind} items")


def ids(model: BriefTreeModel, section: QModelIndex) -> list[int]:
    return [model.index(r, 0, section).data(ID_ROLE) for r in range(model.rowCount(section))]


def saved_after(qtbot: QtBot, editor: BriefEditor, database: Database) -> None:
    """Wait until what the model shows is what the database holds."""
    qtbot.waitUntil(
        lambda: stored_layout(database, editor.brief_id) == editor.model.current_layout()
    )


# --- drag and drop through the model ---------------------------------------------------------


@pytest.fixture
def model(database: Database, brief_id: int) -> BriefTreeModel:
    loaded = BriefTreeModel()
    loaded.load(stored(database, brief_id))
    return loaded


def test_drop_reorders_within_a_section_and_reports_one_layout(
    model: BriefTreeModel, qtmodeltester
) -> None:
    layouts: list = []
    model.layout_edited.connect(layouts.append)
    section = busy_section(model)
    before = ids(model, section)
    data = model.mimeData([model.index(0, 0, section)])
    assert model.canDropMimeData(data, MOVE, 3, 0, section)
    assert model.dropMimeData(data, MOVE, 3, 0, section)
    assert ids(model, section) == [*before[1:3], before[0], *before[3:]]
    assert layouts == [model.current_layout()]
    qtmodeltester.check(model, force_py=True)


def test_drop_between_entity_sections_and_of_sections(model: BriefTreeModel) -> None:
    sections = [model.index(r, 0) for r in range(model.rowCount())]
    entity_sections = [s for s in sections if s.data(ID_ROLE) != "figures"]
    assert len(entity_sections) >= 2
    source, target = entity_sections[0], entity_sections[1]
    moving = model.index(0, 0, source).data(ID_ROLE)
    data = model.mimeData([model.index(0, 0, source)])
    assert model.dropMimeData(data, MOVE, 0, 0, target)
    assert ids(model, target)[0] == moving and moving not in ids(model, source)
    keys = [model.index(r, 0).data(ID_ROLE) for r in range(model.rowCount())]
    assert model.dropMimeData(model.mimeData([model.index(0, 0)]), MOVE, -1, 0, QModelIndex())
    assert [model.index(r, 0).data(ID_ROLE) for r in range(model.rowCount())] == [
        *keys[1:],
        keys[0],
    ]


def test_refused_drops_change_nothing(model: BriefTreeModel, qtmodeltester) -> None:
    layouts: list = []
    model.layout_edited.connect(layouts.append)
    before = model.current_layout()
    section = busy_section(model)
    first = model.index(0, 0, section)
    figures = next(
        model.index(r, 0)
        for r in range(model.rowCount())
        if model.index(r, 0).data(ID_ROLE) == "figures"
    )
    entity = model.mimeData([first])
    section_data = model.mimeData([section])
    refused = [
        (entity, 0, section),  # onto itself: where it already is
        (entity, 1, section),  # just below itself: the same place
        (entity, -1, first),  # onto itself as a parent: lands on its own place
        (entity, 0, QModelIndex()),  # onto the root: items live in sections
        (entity, 0, figures),  # entities stay out of the key figures
        (section_data, 0, section),  # a section into itself
        (section_data, 0, first),  # a section into its own child
        (model.mimeData([model.index(0, 0, figures)]), 0, section),  # a figure among entities
    ]
    for data, row, parent in refused:
        assert not model.dropMimeData(data, MOVE, row, 0, parent), (row, parent.data())
    garbage = QMimeData()
    garbage.setData(MIME_TYPE, QByteArray(b"\x00\xff not json"))
    foreign = BriefTreeModel().mimeData([])  # another brief's window
    wrong_shape = QMimeData()
    wrong_shape.setData(MIME_TYPE, QByteArray(b'{"rows": 5}'))
    gone = QMimeData()
    gone.setData(MIME_TYPE, QByteArray(b'{"model": "x", "rows": [["entity", 999999]]}'))
    for data in (garbage, foreign, wrong_shape, gone, QMimeData()):
        assert not model.canDropMimeData(data, MOVE, 0, 0, section)
        assert not model.dropMimeData(data, MOVE, 0, 0, section)
    assert not model.dropMimeData(entity, Qt.DropAction.CopyAction, 3, 0, section)
    assert model.current_layout() == before and layouts == []
    qtmodeltester.check(model, force_py=True)


def test_drop_past_the_end_appends(model: BriefTreeModel) -> None:
    section = busy_section(model)
    before = ids(model, section)
    assert model.dropMimeData(model.mimeData([model.index(0, 0, section)]), MOVE, 999, 0, section)
    assert ids(model, section) == [*before[1:], before[0]]


def test_move_rows_checks_its_arguments(model: BriefTreeModel, qtmodeltester) -> None:
    section = busy_section(model)
    before = ids(model, section)
    assert model.moveRows(section, 0, 1, section, 2)
    assert ids(model, section) == [before[1], before[0], *before[2:]]
    assert model.moveRows(section, 0, 2, section, len(before))
    assert ids(model, section)[-2:] == [before[1], before[0]]
    assert not model.moveRows(section, 0, 0, section, 2)  # nothing to move
    assert not model.moveRows(section, len(before), 1, section, 0)  # no such row
    assert not model.moveRows(section, 1, 1, section, 1)  # onto itself
    assert not model.moveRows(section, 0, 1, QModelIndex(), 0)  # an item among sections
    assert not model.moveRows(QModelIndex(), 0, 1, section, 0)  # a section into a section
    qtmodeltester.check(model, force_py=True)


# --- drag and drop through the window ----------------------------------------------------------


def drop_on(tree, data: QMimeData, point: QPoint) -> QDropEvent:
    """What a drag over the tree delivers: enter, move to ``point``, drop there."""
    here, buttons = QPointF(point), Qt.MouseButton.LeftButton
    modifiers = Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(tree.viewport(), QDragEnterEvent(here, MOVE, data, buttons, modifiers))
    move = QDragMoveEvent(here, MOVE, data, buttons, modifiers)
    QApplication.sendEvent(tree.viewport(), move)
    row, parent = tree.drop_target(point)
    assert move.isAccepted() == tree.model().canDropMimeData(data, MOVE, row, 0, parent)
    event = QDropEvent(here, MOVE, data, buttons, modifiers)
    QApplication.sendEvent(tree.viewport(), event)
    return event


def test_a_drop_in_the_view_is_saved_and_nothing_is_removed(
    qtbot: QtBot, editor: BriefEditor, database: Database
) -> None:
    model, tree = editor.model, editor.tree
    section = busy_section(model, at_least=4)
    before = ids(model, section)
    total = len(editor.view.items())
    source = model.index(0, 0, section)
    tree.setCurrentIndex(source)
    data = model.mimeData([source])
    target = tree.visualRect(model.index(3, 0, section))
    event = drop_on(tree, data, QPoint(target.center().x(), target.bottom() - 1))
    assert event.isAccepted()
    assert ids(model, section) == [*before[1:4], before[0], *before[4:]]
    saved_after(qtbot, editor, database)
    assert len(stored(database, editor.brief_id).items()) == total
    assert tree.currentIndex().data(ID_ROLE) == before[0]  # the dragged row stays selected


def test_start_drag_never_removes_rows(
    qtbot: QtBot, editor: BriefEditor, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A whole drag: the drop happens inside QDrag.exec, and nothing is removed after it."""
    from PySide6.QtGui import QDrag

    model, tree = editor.model, editor.tree
    section = busy_section(model)
    before = ids(model, section)
    tree.setCurrentIndex(model.index(1, 0, section))

    def exec_(drag: QDrag, *_args: object) -> Qt.DropAction:
        rect = tree.visualRect(model.index(0, 0, section))
        assert drop_on(
            tree, drag.mimeData(), QPoint(rect.center().x(), rect.top() + 1)
        ).isAccepted()
        return MOVE

    monkeypatch.setattr(QDrag, "exec", exec_)
    tree.startDrag(MOVE)
    assert ids(model, section) == [before[1], before[0], *before[2:]]
    saved_after(qtbot, editor, database)


# --- notes ---------------------------------------------------------------------------------------


def test_a_note_is_saved_for_its_item_when_the_next_is_clicked_at_once(
    qtbot: QtBot, editor: BriefEditor, database: Database
) -> None:
    section = busy_section(editor.model)
    first, second = editor.model.index(0, 0, section), editor.model.index(1, 0, section)
    first_id, second_id = first.data(ID_ROLE), second.data(ID_ROLE)
    qtbot.mouseClick(
        editor.tree.viewport(),
        Qt.MouseButton.LeftButton,
        pos=editor.tree.visualRect(first).center(),
    )
    editor.note.setFocus()
    qtbot.keyClicks(editor.note, "Visit in May")
    qtbot.mouseClick(
        editor.tree.viewport(),
        Qt.MouseButton.LeftButton,
        pos=editor.tree.visualRect(second).center(),
    )
    assert editor.tree.currentIndex().data(ID_ROLE) == second_id
    assert editor.note.toPlainText() == ""
    editor.tree.setCurrentIndex(editor.model.index_of(first_id))  # back before the save is
    assert editor.note.toPlainText() == "Visit in May"
    qtbot.waitUntil(lambda: item_note(database, editor.brief_id, first_id) == "Visit in May")
    assert item_note(database, editor.brief_id, second_id) is None
    qtbot.waitUntil(lambda: editor.model.index_of(first_id).data(ITEM_ROLE).note == "Visit in May")
    assert editor.note.toPlainText() == "Visit in May"


def test_typing_goes_on_while_a_save_comes_back(
    qtbot: QtBot, editor: BriefEditor, database: Database
) -> None:
    section = busy_section(editor.model)
    item_id = editor.model.index(0, 0, section).data(ID_ROLE)
    editor.tree.setCurrentIndex(editor.model.index(0, 0, section))
    qtbot.keyClicks(editor.note, "First part")
    with qtbot.waitSignal(editor.brief_changed):
        editor._save_note()  # as on focus-out
        qtbot.keyClicks(editor.note, ", second part")  # typed before the save came back
    assert editor.note.toPlainText() == "First part, second part"
    editor.tree.setCurrentIndex(editor.model.index(1, 0, busy_section(editor.model)))
    qtbot.waitUntil(
        lambda: item_note(database, editor.brief_id, item_id) == "First part, second part"
    )


def test_a_note_and_a_title_typed_just_before_closing_are_saved(
    qtbot: QtBot, editor: BriefEditor, database: Database
) -> None:
    section = busy_section(editor.model)
    item_id = editor.model.index(2, 0, section).data(ID_ROLE)
    editor.tree.setCurrentIndex(editor.model.index(2, 0, section))
    qtbot.keyClicks(editor.note, "Closing now")
    editor.title.selectAll()
    qtbot.keyClicks(editor.title, "Aurora brief")
    editor.close()
    qtbot.waitUntil(lambda: item_note(database, editor.brief_id, item_id) == "Closing now")
    qtbot.waitUntil(lambda: stored(database, editor.brief_id).title == "Aurora brief")


def test_focus_out_saves_the_note_and_tab_moves_on(
    qtbot: QtBot, editor: BriefEditor, database: Database
) -> None:
    section = busy_section(editor.model)
    item_id = editor.model.index(0, 0, section).data(ID_ROLE)
    editor.tree.setCurrentIndex(editor.model.index(0, 0, section))
    editor.activateWindow()
    editor.note.setFocus()
    qtbot.waitUntil(editor.note.hasFocus)
    qtbot.keyClicks(editor.note, "Tabbed")
    qtbot.keyClick(editor.note, Qt.Key.Key_Tab)
    assert not editor.note.hasFocus() and editor.note.toPlainText() == "Tabbed"
    qtbot.waitUntil(lambda: item_note(database, editor.brief_id, item_id) == "Tabbed")


# --- context menu, Esc, reasons ---------------------------------------------------------------


def action(menu, name: str):
    found = next((a for a in menu.actions() if a.objectName() == name), None)
    assert found is not None, [a.objectName() for a in menu.actions()]
    return found


def test_context_menu_includes_moves_opens_and_edits(
    qtbot: QtBot, editor: BriefEditor, database: Database
) -> None:
    model = editor.model
    section = busy_section(model)
    first = model.index(0, 0, section)
    item = first.data(ITEM_ROLE)
    menu = editor.item_menu(first)
    assert not action(menu, "menuMoveUp").isEnabled()
    toggle = action(menu, "toggleIncluded")
    assert toggle.text() == (
        "Exclude from the dossier" if item.included else "Include in the dossier"
    )
    toggle.trigger()
    qtbot.waitUntil(
        lambda: (
            next(
                i for i in stored(database, editor.brief_id).items() if i.item_id == item.item_id
            ).included
            is not item.included
        )
    )
    before = ids(model, busy_section(model))
    action(editor.item_menu(model.index_of(item.item_id)), "menuMoveDown").trigger()
    assert ids(model, busy_section(model))[:2] == [before[1], before[0]]
    saved_after(qtbot, editor, database)
    with qtbot.waitSignal(editor.open_entity) as opened:
        action(editor.item_menu(model.index_of(item.item_id)), "openEntity").trigger()
    assert opened.args == [item.slug]
    action(editor.item_menu(model.index_of(item.item_id)), "editNote").trigger()
    assert editor.tree.currentIndex().data(ID_ROLE) == item.item_id and editor.note.isEnabled()
    section_menu = editor.item_menu(busy_section(model))
    assert [a.objectName() for a in section_menu.actions()] == ["menuMoveUp", "menuMoveDown"]


def test_a_menu_opened_before_a_reload_acts_on_the_reloaded_row(
    qtbot: QtBot, editor: BriefEditor, database: Database
) -> None:
    model = editor.model
    section = busy_section(model)
    first_id, second_id = ids(model, section)[:2]
    menu = editor.item_menu(model.index(0, 0, section))
    editor._show(stored(database, editor.brief_id))  # a save comes back while the menu is open
    action(menu, "menuMoveDown").trigger()
    assert ids(model, busy_section(model))[:2] == [second_id, first_id]
    saved_after(qtbot, editor, database)


def test_escape_closes_the_brief_window(qtbot: QtBot, editor: BriefEditor) -> None:
    editor.activateWindow()
    editor.tree.setFocus()
    qtbot.waitUntil(editor.isActiveWindow)
    qtbot.keyClick(editor.tree, Qt.Key.Key_Escape)
    assert not editor.isVisible()


def test_reasons_with_an_ampersand_read_as_typed(
    qtbot: QtBot, executor: DatabaseExecutor, database: Database, brief_id: int
) -> None:
    from sqlmodel import select

    from desktop.core.kb.models import BriefItem

    with database.transaction() as session:
        row = session.exec(select(BriefItem).where(BriefItem.brief_id == brief_id)).first()
        row.reason = "Serves R&D <b>labs</b> · for research & development"
        session.add(row)
        item_id = row.id
    window = BriefEditor(executor, brief_id)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.model.index_of(item_id).isValid())
    window.tree.setCurrentIndex(window.model.index_of(item_id))
    label = window.panel.item_reason
    assert label.text() == "Serves R&D <b>labs</b> · for research & development"
    assert label.textFormat() == Qt.TextFormat.PlainText
    tooltip = window.model.index_of(item_id).data(Qt.ItemDataRole.ToolTipRole)
    assert "&amp;amp;" not in tooltip and "&lt;b&gt;" in tooltip  # escaped once, for rich text
    window.close()


def test_the_prospects_tab_shows_labels_not_codes(
    qtbot: QtBot, executor: DatabaseExecutor, database: Database, brief_id: int
) -> None:
    from desktop.ui.briefs.prospects_view import ProspectsView

    with database.transaction() as session:
        prospect = briefs.list_prospects(session)[0]
        prospect.country = "DE"
        session.add(prospect)
    view = ProspectsView(executor)
    qtbot.addWidget(view)
    view.refresh()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    view.table.setCurrentIndex(view.proxy.index(0, 0))
    qtbot.waitUntil(lambda: view.brief_model.rowCount() == 1)
    row = [view.proxy.index(0, c).data() for c in range(view.proxy.columnCount())]
    assert "Germany" in row and "DE" not in row and "Lead" in row
    brief = [view.brief_model.index(0, c).data() for c in range(view.brief_model.columnCount())]
    assert brief[1:3] == ["Full dossier", "English"], brief
    assert "Country: Germany" in view.summary.text()
    view.text_filter.setText("deutschland")
    assert view.proxy.rowCount() == 1
