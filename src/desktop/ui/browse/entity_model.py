"""The results table: one row per search hit, sortable through a proxy."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt

from desktop.core.kb import taxonomy
from desktop.core.search.snippets import highlight_segments
from desktop.ui.base.formats import shown_iso_date as shown_date
from desktop.ui.base.translation import current_language
from desktop.ui.browse.formats import CollatedProxy
from desktop.ui.widgets.list_model import ListTableModel, ModelIndex

if TYPE_CHECKING:
    from desktop.core.search.service import SearchHit

HIT_ROLE = Qt.ItemDataRole.UserRole + 1  # the SearchHit behind a row
SLUG_ROLE = Qt.ItemDataRole.UserRole + 2
SORT_ROLE = Qt.ItemDataRole.UserRole + 3
MATCH_HTML_ROLE = Qt.ItemDataRole.UserRole + 4  # the snippet with <b> around matched words


class EntityTableModel(ListTableModel["SearchHit"]):
    NAME, KIND, SECTORS, LOCATION, VERIFIED = range(5)

    def __init__(self, parent: Any = None) -> None:
        translate = QCoreApplication.translate
        headers = (
            translate("EntityTableModel", "Name"),
            translate("EntityTableModel", "Kind"),
            translate("EntityTableModel", "Sectors"),
            translate("EntityTableModel", "Location"),
            translate("EntityTableModel", "Verified"),
        )
        super().__init__(headers, parent)
        self._language = current_language()

    def set_hits(self, hits: list[SearchHit]) -> None:
        self._replace_rows(hits)

    def hit(self, row: int) -> SearchHit:
        return self._rows[row]

    def row_of(self, slug: str) -> int | None:
        for row, hit in enumerate(self._rows):
            if hit.slug == slug:
                return row
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        hit = self._row_at(index)
        if hit is None:
            return None
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
            return self._display(hit, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.NAME and hit.snippet:
                return "<p>" + snippet_html(hit.snippet) + "</p>"
            return self._display(hit, column)
        return None

    def _display(self, hit: SearchHit, column: int) -> str:
        if column == self.NAME:
            return hit.name + (f" ({hit.short_name})" if hit.short_name else "")
        if column == self.KIND:
            kind = taxonomy.KINDS.get(hit.kind)
            return kind.label(self._language) if kind else hit.kind
        if column == self.SECTORS:
            return ", ".join(
                taxonomy.SECTORS[code].label(self._language)
                for code in hit.sectors
                if code in taxonomy.SECTORS
            )
        if column == self.LOCATION:
            return hit.location or ""
        if column == self.VERIFIED:
            if hit.verified_on:
                return shown_date(hit.verified_on)
            return QCoreApplication.translate("EntityTableModel", "never")
        return ""


def snippet_html(snippet: str) -> str:
    """The snippet as escaped HTML with the matched words in bold."""
    return "".join(
        f"<b>{html.escape(text)}</b>" if matched else html.escape(text)
        for text, matched in highlight_segments(snippet)
    )


def make_entity_proxy(model: EntityTableModel) -> QSortFilterProxyModel:
    """Sorting happens here, as the window's language sorts names; unsorted, the proxy keeps
    the search ranking."""
    proxy = CollatedProxy(model.parent())
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return proxy
