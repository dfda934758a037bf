"""A read-only table of records, its columns described by (header, text-of-record) pairs.

Prospects, briefs and the sent register are each a short list of plain records; one small,
model-tested class serves them all instead of a hand-written model per list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCollator, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop.ui.widgets.list_model import ListTableModel, ModelIndex

T = TypeVar("T")
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


class Column(Generic[T]):
    def __init__(
        self, header: str, text: Callable[[T], str], sort: Callable[[T], Any] | None = None
    ) -> None:
        self.header = header
        self.text = text
        self.sort = sort or (lambda record: text(record).casefold())


class RecordTableModel(ListTableModel[T]):
    def __init__(self, columns: Sequence[Column[T]], parent: Any = None) -> None:
        super().__init__([column.header for column in columns], parent)
        self._columns = list(columns)

    def set_records(self, records: Sequence[T]) -> None:
        self._replace_rows(records)

    def record(self, row: int) -> T:
        return self._rows[row]

    def records(self) -> list[T]:
        return list(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        record = self._row_at(index)
        if record is None:
            return None
        column = self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(record)
        if role == RECORD_ROLE:
            return record
        if role == SORT_ROLE:
            return column.sort(record)
        return None


class RecordFilterProxy(QSortFilterProxyModel):
    """Sorts by role and keeps rows that pass every filter set with :meth:`set_filter`.

    Each filter is a predicate on the record, so several (a status and a text) combine. Texts
    sort as the window's language does (QCollator: "Ärzteverband" with A, not after Z).
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._filters: dict[str, Any] = {}
        self._collator = QCollator()  # QLocale's default: the window's language

    def lessThan(self, left: ModelIndex, right: ModelIndex) -> bool:
        first, second = left.data(self.sortRole()), right.data(self.sortRole())
        if isinstance(first, str) and isinstance(second, str):
            return self._collator.compare(first, second) < 0
        return super().lessThan(left, right)

    def set_filter(self, name: str, predicate: Any) -> None:
        """Set (or, with None or an empty value, drop) the filter ``name``."""
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later
            self.beginFilterChange()
        self._filters.pop(name, None)
        if predicate:
            self._filters[name] = predicate
        if hasattr(self, "endFilterChange"):
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: ModelIndex) -> bool:
        if not self._filters:
            return super().filterAcceptsRow(row, parent)
        record = self.sourceModel().index(row, 0, parent).data(RECORD_ROLE)
        return all(predicate(record) for predicate in self._filters.values())


def sorted_proxy(model: RecordTableModel[Any]) -> RecordFilterProxy:
    proxy = RecordFilterProxy(model.parent())
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return proxy


def record_table(
    name: str, accessible: str, model: RecordTableModel[Any], parent: QWidget
) -> QTableView:
    """A read-only, sortable, single-selection table view over ``model``."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setAccessibleName(accessible)
    proxy = sorted_proxy(model)
    table.setModel(proxy)
    table.setSortingEnabled(True)
    table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the model's own order until clicked
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table
