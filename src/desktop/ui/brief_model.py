"""The brief as a tree: sections, each with its entities or figures, checkable and draggable.

Drag and drop is constrained where Qt asks (``canDropMimeData``): sections move among
sections, entities between entity sections, figures stay in the key-figures section. After a
drop the model reports the whole new layout once, and the brief is rewritten to match.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel

from desktop.core.matching import SECTIONS

if TYPE_CHECKING:
    from desktop.core.briefs import BriefItemView, BriefView

KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # "section", "entity" or "fact"
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # section key or brief item id
ITEM_ROLE = Qt.ItemDataRole.UserRole + 3  # the BriefItemView
FIGURES = "figures"
ModelIndex = QModelIndex | QPersistentModelIndex


class BriefTreeModel(QStandardItemModel):
    layout_edited = Signal(list)  # [(section key, [item ids])] after a drop or a move
    include_toggled = Signal(int, bool)  # item id, included

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._dragging: list[str] = []
        self._loading = False
        self._report = QTimer(self, singleShot=True, interval=0)
        self._report.timeout.connect(lambda: self.layout_edited.emit(self.current_layout()))
        self.itemChanged.connect(self._on_item_changed)
        self.rowsInserted.connect(self._after_move)

    def load(self, view: BriefView) -> None:
        self._loading = True
        self.clear()
        root = self.invisibleRootItem()
        for key, items in view.sections:
            section = QStandardItem(SECTIONS[key].en if key in SECTIONS else key)
            section.setData("section", KIND_ROLE)
            section.setData(key, ID_ROLE)
            section.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsDragEnabled
                | Qt.ItemFlag.ItemIsDropEnabled
            )
            for item in items:
                section.appendRow(self._row(item))
            root.appendRow(section)
        self._loading = False

    def _row(self, item: BriefItemView) -> QStandardItem:
        row = QStandardItem(item.title)
        row.setData(item.kind, KIND_ROLE)
        row.setData(item.item_id, ID_ROLE)
        row.setData(item, ITEM_ROLE)
        row.setToolTip(item.reason)
        row.setFlags(
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemIsUserCheckable
        )
        row.setCheckState(Qt.CheckState.Checked if item.included else Qt.CheckState.Unchecked)
        return row

    def current_layout(self) -> list[tuple[str, list[int]]]:
        root = self.invisibleRootItem()
        layout = []
        for row in range(root.rowCount()):
            section = root.child(row)
            ids = [section.child(r).data(ID_ROLE) for r in range(section.rowCount())]
            layout.append((section.data(ID_ROLE), ids))
        return layout

    def move(self, index: QModelIndex, step: int) -> QModelIndex:
        """Move a section or an item up (-1) or down (+1) within its parent (keyboard reorder)."""
        parent_item = (
            self.itemFromIndex(index.parent())
            if index.parent().isValid()
            else self.invisibleRootItem()
        )
        row, target = index.row(), index.row() + step
        if not 0 <= target < parent_item.rowCount():
            return index
        self._loading = True
        taken = parent_item.takeRow(row)
        parent_item.insertRow(target, taken)
        self._loading = False
        self.layout_edited.emit(self.current_layout())  # now: a reload must not overtake it
        return taken[0].index()

    def flush(self) -> None:
        """Report a drop that is still waiting for its timer, before the model is reloaded."""
        if self._report.isActive():
            self._report.stop()
            self.layout_edited.emit(self.current_layout())

    # --- drag and drop -------------------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        self._dragging = [index.data(KIND_ROLE) for index in indexes if index.isValid()]
        self._source_sections = {
            index.parent().data(ID_ROLE) for index in indexes if index.parent().isValid()
        }
        return super().mimeData(indexes)

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: ModelIndex
    ) -> bool:
        if not self._dragging or action != Qt.DropAction.MoveAction:
            return False
        if all(kind == "section" for kind in self._dragging):
            return not parent.isValid()
        if "section" in self._dragging or not parent.isValid():
            return False
        if parent.data(KIND_ROLE) != "section":
            return False
        into_figures = parent.data(ID_ROLE) == FIGURES
        return all((kind == "fact") == into_figures for kind in self._dragging)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: ModelIndex
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        return super().dropMimeData(data, action, row, 0, parent)

    def _after_move(self, *_args: Any) -> None:
        if not self._loading:
            self._report.start()  # once the view has removed the originals too

    def _on_item_changed(self, item: QStandardItem) -> None:
        if self._loading or item.data(KIND_ROLE) == "section" or item.data(ID_ROLE) is None:
            return
        self.include_toggled.emit(item.data(ID_ROLE), item.checkState() == Qt.CheckState.Checked)
