"""The right-click menu of the brief editor's tree: include/exclude, move, note, open.

The menu remembers what it was opened on by id, not by model index: the brief may be
reloaded (a save coming back) while the menu is open, and an old index would then point at
a row that no longer exists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QMenu, QPlainTextEdit, QWidget

from desktop.ui.briefs.brief_model import ID_ROLE, ITEM_ROLE, KIND_ROLE, BriefTreeModel


def item_menu(
    parent: QWidget,
    model: BriefTreeModel,
    tree: QAbstractItemView,
    note: QPlainTextEdit,
    open_entity: Callable[[str], Any],
    index: QModelIndex,
) -> QMenu:
    """The menu for ``index`` of ``model`` shown in ``tree``; "Edit note" focuses ``note``."""
    menu = QMenu(parent)
    menu.setObjectName("briefItemMenu")
    wanted, kind = index.data(ID_ROLE), index.data(KIND_ROLE)
    item = index.data(ITEM_ROLE)

    def find() -> QModelIndex:
        return model.index_of(wanted, kind)

    def add(text: str, name: str, run: Any, enabled: bool = True) -> None:
        action = menu.addAction(text)
        action.setObjectName(name)
        action.setEnabled(enabled)
        action.triggered.connect(run)

    if item is not None:
        included = model.itemFromIndex(index).checkState() == Qt.CheckState.Checked
        add(
            QCoreApplication.translate("BriefMenu", "Exclude from the dossier")
            if included
            else QCoreApplication.translate("BriefMenu", "Include in the dossier"),
            "toggleIncluded",
            lambda: _set_included(model, find(), not included),
        )
    add(
        QCoreApplication.translate("BriefMenu", "Move up"),
        "menuMoveUp",
        lambda: _move(model, find(), -1),
        index.row() > 0,
    )
    last = model.rowCount(index.parent()) - 1
    add(
        QCoreApplication.translate("BriefMenu", "Move down"),
        "menuMoveDown",
        lambda: _move(model, find(), 1),
        index.row() < last,
    )
    if item is not None:
        menu.addSeparator()
        add(
            QCoreApplication.translate("BriefMenu", "Edit note"),
            "editNote",
            lambda: _edit_note(tree, note, find()),
        )
        if item.slug:
            add(
                QCoreApplication.translate("BriefMenu", "Open the entity"),
                "openEntity",
                lambda: open_entity(item.slug),
            )
    return menu


def _set_included(model: BriefTreeModel, index: QModelIndex, included: bool) -> None:
    if index.isValid():
        state = Qt.CheckState.Checked if included else Qt.CheckState.Unchecked
        model.itemFromIndex(index).setCheckState(state)  # itemChanged saves it


def _move(model: BriefTreeModel, index: QModelIndex, step: int) -> None:
    if index.isValid():
        model.move(index, step)  # the model's `moved` selects the row again


def _edit_note(tree: QAbstractItemView, note: QPlainTextEdit, index: QModelIndex) -> None:
    if index.isValid():
        tree.setCurrentIndex(index)
        note.setFocus(Qt.FocusReason.OtherFocusReason)
        note.selectAll()
