"""The brief as a tree: sections, each with its entities or figures, checkable and draggable.

Drag and drop carries only what it moves — section keys and brief item ids, as JSON under
our own MIME type — never the items' data (the stock encoding serialises every role, and a
Python object in one of them decodes to garbage: the drop then crashed or ate memory). The
model moves the rows itself, in one place (:meth:`moveRows`), for drops and for the Move
buttons alike: sections move among sections, entities between entity sections, figures stay
in the key-figures section, nothing is ever dropped into itself. After a move the model
reports the whole new layout once, and the brief is rewritten to match.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any
from uuid import uuid4

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel

from desktop.core.suggestions.matching import SECTIONS
from desktop.ui.base.translation import current_language

if TYPE_CHECKING:
    from desktop.core.briefs.brief_views import BriefItemView, BriefView

KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # "section", "entity" or "fact"
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # section key or brief item id
ITEM_ROLE = Qt.ItemDataRole.UserRole + 3  # the BriefItemView
FIGURES = "figures"
MIME_TYPE = "application/x-dossier-desk-brief-rows"
MAX_PAYLOAD = 64 * 1024  # bytes; a real drag of this model's rows is far smaller
ModelIndex = QModelIndex | QPersistentModelIndex


class BriefTreeModel(QStandardItemModel):
    layout_edited = Signal(list)  # [(section key, [item ids])] after a drop or a move
    include_toggled = Signal(int, bool)  # item id, included
    moved = Signal(object)  # the id of the first moved row (section key or item id)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._loading = False
        self._token = uuid4().hex  # a drag from another brief's window is not ours to drop
        self.itemChanged.connect(self._on_item_changed)

    def load(self, view: BriefView) -> None:
        self._loading = True
        try:
            self.clear()
            root = self.invisibleRootItem()
            language = current_language()  # the window's; the dossier prints the brief's
            for key, items in view.sections:
                section = QStandardItem(SECTIONS[key].label(language) if key in SECTIONS else key)
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
        finally:
            self._loading = False

    def _row(self, item: BriefItemView) -> QStandardItem:
        row = QStandardItem(item.title)
        row.setData(item.kind, KIND_ROLE)
        row.setData(item.item_id, ID_ROLE)
        row.setData(item, ITEM_ROLE)
        row.setToolTip(f"<p>{_escape(item.reason)}</p>")  # rich text, so '&' shows as '&'
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

    def index_of(self, wanted: Any, kind: str | None = None) -> QModelIndex:
        """The index of a section key or an item id (invalid when it is not in the brief)."""
        for section_row in range(self.rowCount()):
            section = self.index(section_row, 0)
            if section.data(ID_ROLE) == wanted and kind in (None, "section"):
                return section
            for row in range(self.rowCount(section)):
                child = self.index(row, 0, section)
                if child.data(ID_ROLE) == wanted and kind in (None, child.data(KIND_ROLE)):
                    return child
        return QModelIndex()

    def move(self, index: QModelIndex, step: int) -> QModelIndex:
        """Move a section or an item up (-1) or down (+1) within its parent (keyboard reorder)."""
        if not index.isValid():
            return index
        parent, row = index.parent(), index.row()
        target = row + step if step < 0 else row + step + 1  # moveRows counts before the move
        wanted, kind = index.data(ID_ROLE), index.data(KIND_ROLE)
        if not self.moveRows(parent, row, 1, parent, target):
            return index
        return self.index_of(wanted, kind)

    # --- moving rows: the one path for drops and buttons ----------------------------------------

    def moveRows(
        self,
        sourceParent: ModelIndex,
        sourceRow: int,
        count: int,
        destinationParent: ModelIndex,
        destinationChild: int,
    ) -> bool:
        """Move ``count`` rows; ``destinationChild`` is the row they go before, counted as the
        rows stand before the move (Qt's convention). Refuses what the brief cannot hold."""
        if count < 1 or sourceRow < 0 or sourceRow + count > self.rowCount(sourceParent):
            return False
        if sourceParent.isValid() and sourceParent.column() != 0:
            return False
        items = [self._item(self.index(sourceRow + r, 0, sourceParent)) for r in range(count)]
        container = self._container(items, destinationParent)
        if container is None:
            return False
        return self._move_items(items, container, destinationChild)

    def _item(self, index: ModelIndex) -> QStandardItem:
        return self.itemFromIndex(index) if index.isValid() else self.invisibleRootItem()

    def _container(self, items: list[QStandardItem], parent: ModelIndex) -> QStandardItem | None:
        """Where ``items`` may go under ``parent``, or None: sections under the root, entities in
        an entity section, figures in the key-figures section — never into one of the items."""
        kinds = {item.data(KIND_ROLE) for item in items}
        if not items or len(kinds) != 1 or None in kinds:
            return None
        if kinds == {"section"}:
            return self.invisibleRootItem() if not parent.isValid() else None
        if not parent.isValid() or parent.data(KIND_ROLE) != "section":
            return None
        if (kinds == {"fact"}) != (parent.data(ID_ROLE) == FIGURES):
            return None
        return self.itemFromIndex(parent)

    def _move_items(self, items: list[QStandardItem], container: QStandardItem, row: int) -> bool:
        children = [container.child(r) for r in range(container.rowCount())]
        row = len(children) if row < 0 else min(row, len(children))
        before = [(item.parent() or self.invisibleRootItem(), item.row()) for item in items]
        shift = sum(1 for parent, r in before if _same(parent, container) and r < row)
        target = row - shift
        moved_ids = [item.data(ID_ROLE) for item in items]
        staying = [c.data(ID_ROLE) for c in children if c.data(ID_ROLE) not in moved_ids]
        new_order = staying[:target] + moved_ids + staying[target:]
        if all(_same(parent, container) for parent, _ in before) and new_order == [
            c.data(ID_ROLE) for c in children
        ]:
            return False  # dropped where it already was: nothing to save
        self._loading = True
        try:
            taken = []
            for item in items:
                parent = item.parent() or self.invisibleRootItem()
                taken.append(parent.takeRow(item.row()))
            for offset, columns in enumerate(taken):
                container.insertRow(target + offset, columns)
        finally:
            self._loading = False
        self.layout_edited.emit(self.current_layout())
        self.moved.emit(moved_ids[0])
        return True

    # --- drag and drop -------------------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        rows: list[list[Any]] = []
        for index in indexes:
            if index.isValid() and index.column() == 0:
                ref = [index.data(KIND_ROLE), index.data(ID_ROLE)]
                if ref not in rows:
                    rows.append(ref)
        data = QMimeData()
        payload = json.dumps({"model": self._token, "rows": rows}).encode()
        data.setData(MIME_TYPE, QByteArray(payload))
        return data

    def _decode(self, data: QMimeData | None) -> list[QStandardItem] | None:
        """The rows a payload names, in the order they stand, or None if it is not ours."""
        if data is None or not data.hasFormat(MIME_TYPE):
            return None
        raw = bytes(data.data(MIME_TYPE).data())
        if len(raw) > MAX_PAYLOAD:
            return None
        try:
            payload = json.loads(raw)
            refs = {(str(kind), ref) for kind, ref in payload["rows"]}
            ours = payload["model"] == self._token
        except (ValueError, TypeError, KeyError):
            return None
        if not ours or not refs:
            return None
        found: list[QStandardItem] = []
        root = self.invisibleRootItem()
        for section_row in range(root.rowCount()):
            section = root.child(section_row)
            if ("section", section.data(ID_ROLE)) in refs:
                found.append(section)
            for row in range(section.rowCount()):
                child = section.child(row)
                if (child.data(KIND_ROLE), child.data(ID_ROLE)) in refs:
                    found.append(child)
        return found if len(found) == len(refs) else None  # gone since the drag began

    def _drop_target(
        self, items: list[QStandardItem], row: int, parent: ModelIndex
    ) -> tuple[QStandardItem, int] | None:
        """Where a drop lands: onto an item means to that item's place in its section; a
        section dropped onto a section's title (no row) takes that section's place."""
        onto_item = parent.isValid() and parent.data(KIND_ROLE) != "section"
        dragging_sections = bool(items) and items[0].data(KIND_ROLE) == "section"
        if onto_item or (parent.isValid() and row < 0 and dragging_sections):
            row, parent = parent.row(), parent.parent()
        container = self._container(items, parent)
        return None if container is None else (container, row)

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: ModelIndex
    ) -> bool:
        if action != Qt.DropAction.MoveAction:
            return False
        items = self._decode(data)
        return items is not None and self._drop_target(items, row, parent) is not None

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: ModelIndex
    ) -> bool:
        if action != Qt.DropAction.MoveAction:
            return False
        items = self._decode(data)
        target = None if items is None else self._drop_target(items, row, parent)
        if items is None or target is None:
            return False
        return self._move_items(items, *target)

    def _on_item_changed(self, item: QStandardItem) -> None:
        if self._loading or item.data(KIND_ROLE) == "section" or item.data(ID_ROLE) is None:
            return
        self.include_toggled.emit(item.data(ID_ROLE), item.checkState() == Qt.CheckState.Checked)


def _same(a: QStandardItem, b: QStandardItem) -> bool:
    return a is b or a.index() == b.index()  # the invisible root's index is the invalid one


def _escape(text: str) -> str:
    import html

    return html.escape(text)
