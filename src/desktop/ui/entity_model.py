"""The results table: one row per search hit, sortable through a proxy."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from desktop.core import taxonomy
from desktop.core.snippets import highlight_segments

if TYPE_CHECKING:
    from desktop.core.search import SearchHit

HIT_ROLE = Qt.ItemDataRole.UserRole + 1  # the SearchHit behind a row
SLUG_ROLE = Qt.ItemDataRole.UserRole + 2
SORT_ROLE = Qt.ItemDataRole.UserRole + 3
MATCH_HTML_ROLE = Qt.ItemDataRole.UserRole + 4  # the snippet with <b> around matched words

ModelIndex = QModelIndex | QPersistentModelIndex


class EntityTableModel(QAbstractTableModel):
    NAME, KIND, SECTORS, LOCATION, VERIFIED = range(5)
    HEADERS = ("Name", "Kind", "Sectors", "Location", "Verified")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit(self, row: int) -> SearchHit:
        return self._hits[row]

    def row_of(self, slug: str) -> int | None:
        for row, hit in enumerate(self._hits):
            if hit.slug == slug:
                return row
        return None

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        column = index.column()
        if role == HIT_ROLE:
            return hit
        if role == SLUG_ROLE:
            return hit.slug
        if role == MATCH_HTML_ROLE:
            return snippet_html(hit.snippet)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(hit, column)
        if role == SORT_ROLE:
            if column == self.VERIFIED:
                return hit.verified_on or ""
            return self._display(hit, column).casefold()
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.NAME and hit.snippet:
                return "<p>" + snippet_html(hit.snippet) + "</p>"
            return self._display(hit, column)
        return None

    def _display(self, hit: SearchHit, column: int) -> str:
        if column == self.NAME:
            return hit.name + (f" ({hit.short_name})" if hit.short_name else "")
        if column == self.KIND:
            return taxonomy.KINDS[hit.kind].en if hit.kind in taxonomy.KINDS else hit.kind
        if column == self.SECTORS:
            return ", ".join(
                taxonomy.SECTORS[code].en for code in hit.sectors if code in taxonomy.SECTORS
            )
        if column == self.LOCATION:
            return hit.location or ""
        if column == self.VERIFIED:
            return hit.verified_on or "never"
        return ""


def snippet_html(snippet: str) -> str:
    """The snippet as escaped HTML with the matched words in bold."""
    return "".join(
        f"<b>{html.escape(text)}</b>" if matched else html.escape(text)
        for text, matched in highlight_segments(snippet)
    )


def make_entity_proxy(model: EntityTableModel) -> QSortFilterProxyModel:
    """Sorting happens here; unsorted, the proxy keeps the search ranking."""
    proxy = QSortFilterProxyModel(model.parent())
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return proxy
