"""The brief editor's tree view: drag and drop that the model carries out, and nothing else.

Qt's stock item views finish a move drag by removing the dragged rows from the source once
the drop is done, and work out the drop place in private code. Here the view only says
where a drop lands (:meth:`drop_target`) and hands the payload to the model, which moves the
rows itself or refuses; the drag never removes anything afterwards. A drop from anywhere
else is refused by the model (it carries no rows of this brief).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QDrag, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from desktop.ui.briefs.brief_model import KIND_ROLE, MIME_TYPE


class BriefTree(QTreeView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("briefTree")
        self.setAccessibleName(self.tr("Sections and items; tick to include, drag to reorder"))
        self.setHeaderHidden(True)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def drop_target(self, point: QPoint) -> tuple[int, QModelIndex]:
        """(row, parent) for a drop at ``point`` in the viewport, as ``dropMimeData`` takes it:
        the upper half of a row drops before it, the lower half after it; onto a section's
        own line means into that section (or, for a dragged section, to its place)."""
        index = self.indexAt(point)
        if not index.isValid():
            return -1, QModelIndex()  # below the last row: the end of the list of sections
        rect = self.visualRect(index)
        after = point.y() > rect.center().y()
        if index.data(KIND_ROLE) == "section":
            if after and self.isExpanded(index) and self.model().rowCount(index):
                return 0, index  # just under an open section's title: its first place
            return -1, index
        return index.row() + int(after), index.parent()

    def _payload_fits(self, event: QDragMoveEvent | QDropEvent) -> bool:
        model = self.model()
        row, parent = self.drop_target(event.position().toPoint())
        return model is not None and model.canDropMimeData(
            event.mimeData(), Qt.DropAction.MoveAction, row, 0, parent
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        # Accept any payload of ours on entering, wherever the pointer is: Qt delivers the
        # later move and drop events only to a widget that accepted the enter event.
        if event.mimeData().hasFormat(MIME_TYPE):
            self.setState(QAbstractItemView.State.DraggingState)
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        super().dragMoveEvent(event)  # auto-scroll and the drop indicator
        if self._payload_fits(event):
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        model = self.model()
        row, parent = self.drop_target(event.position().toPoint())
        moved = model is not None and model.dropMimeData(
            event.mimeData(), Qt.DropAction.MoveAction, row, 0, parent
        )
        self.setState(QAbstractItemView.State.NoState)
        self.viewport().update()
        if moved:
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
        else:
            event.ignore()

    def startDrag(self, supportedActions: Qt.DropAction) -> None:
        indexes = [
            index
            for index in self.selectedIndexes()
            if index.flags() & Qt.ItemFlag.ItemIsDragEnabled
        ]
        if not indexes or self.model() is None:
            return
        drag = QDrag(self)
        drag.setMimeData(self.model().mimeData(indexes))
        rect = self.visualRect(indexes[0])
        if rect.isValid():
            drag.setPixmap(self.viewport().grab(rect))
            drag.setHotSpot(QPoint(12, rect.height() // 2))
        drag.exec(Qt.DropAction.MoveAction, Qt.DropAction.MoveAction)  # the drop moved the rows
