"""Sorting the browse tables as the window's language sorts names (Ä with A): text through the
window's collator, everything else as Qt does. Counts and dates are
:mod:`desktop.ui.base.formats`'.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
)

from desktop.ui.base.formats import collator

ModelIndex = QModelIndex | QPersistentModelIndex


class CollatedProxy(QSortFilterProxyModel):
    """A sort proxy that orders text with :func:`collator` and everything else as Qt does."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._collator = collator()

    def lessThan(self, left: ModelIndex, right: ModelIndex) -> bool:
        first, second = left.data(self.sortRole()), right.data(self.sortRole())
        if isinstance(first, str) and isinstance(second, str):
            return self._collator.compare(first, second) < 0
        return super().lessThan(left, right)
