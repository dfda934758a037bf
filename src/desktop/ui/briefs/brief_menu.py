"""The right-click menu of the brief editor's tree: include/exclude, move, note, open.

The menu remembers what it was opened on by id, not by model index: the brief may be
reloaded (a save coming back) while the menu is open, and an old index would then point at
a row that no longer exists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QMenu

from desktop.ui.briefs.brief_model import ID_ROLE, ITEM_ROLE, KIND_ROLE

if TYPE_CHECKING:
    from desktop.ui.briefs.brief_editor import BriefEditor


def item_menu(editor: BriefEditor, index: QModelIndex) -> QMenu:
    menu = QMenu(editor)
    menu.setObjectName("briefItemMenu")
    wanted, kind = index.data(ID_ROLE), index.data(KIND_ROLE)
    item = index.data(ITEM_ROLE)

    def find() -> QModelIndex:
        return editor.model.index_of(wanted, kind)

    def add(text: str, name: str, run: Any, enabled: bool = True) -> None:
        action = menu.addAction(text)
        action.setObjectName(name)
        action.setEnabled(enabled)
        action.triggered.connect(run)

    if item is not None:
        included = editor.model.itemFromIndex(index).checkState() == Qt.CheckState.Checked
        add(
            "Exclude from the dossier" if included else "Include in the dossier",
            "toggleIncluded",
            lambda: _set_included(editor, find(), not included),
        )
    add("Move up", "menuMoveUp", lambda: _move(editor, find(), -1), index.row() > 0)
    last = editor.model.rowCount(index.parent()) - 1
    add("Move down", "menuMoveDown", lambda: _move(editor, find(), 1), index.row() < last)
    if item is not None:
        menu.addSeparator()
        add("Edit note", "editNote", lambda: _edit_note(editor, find()))
        if item.slug:
            add("Open the entity", "openEntity", lambda: editor.open_entity.emit(item.slug))
    return menu


def _set_included(editor: BriefEditor, index: QModelIndex, included: bool) -> None:
    if index.isValid():
        state = Qt.CheckState.Checked if included else Qt.CheckState.Unchecked
        editor.model.itemFromIndex(index).setCheckState(state)  # itemChanged saves it


def _move(editor: BriefEditor, index: QModelIndex, step: int) -> None:
    if index.isValid():
        editor.model.move(index, step)  # the model's `moved` selects the row again


def _edit_note(editor: BriefEditor, index: QModelIndex) -> None:
    if index.isValid():
        editor.tree.setCurrentIndex(index)
        editor.note.setFocus(Qt.FocusReason.OtherFocusReason)
        editor.note.selectAll()
