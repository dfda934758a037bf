"""The results table: one row per search hit, sortable through a proxy.

A search hands over up to 500 hits, but a screen shows a few dozen: the model shows the first
page and the view asks for more as it scrolls (``canFetchMore``/``fetchMore``), so a new search
costs the view what it shows. Sorting by a column shows every hit first: it orders them all.
Excerpts may come later than the hits (only rows on screen get them): :meth:`wanting` says which
rows still lack one, :meth:`set_snippets` fills them in.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QSortFilterProxyModel, Qt

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
PAGE_ROWS = 100  # rows shown at once; the next page when the view scrolls to the end


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
        self._hits: list[SearchHit] = []  # every hit; the rows shown are its first ones
        self._asked: set[int] = set()  # entity ids whose excerpt is known or asked for
        self.words = False  # the search had words: its hits have excerpts to show

    def set_hits(
        self, hits: list[SearchHit], *, words: bool = False, shown: int = PAGE_ROWS
    ) -> None:
        """Show the first ``shown`` of ``hits`` (a search ``words`` excerpts go with)."""
        self._hits, self.words = list(hits), words
        self._asked = {hit.entity_id for hit in hits if hit.snippet}
        self._replace_rows(self._hits[: max(shown, 0)])

    def hit(self, row: int) -> SearchHit:
        return self._hits[row]

    def hit_count(self) -> int:
        """Every hit, shown or not yet (``rowCount`` counts the shown ones)."""
        return len(self._hits)

    def row_of(self, slug: str) -> int | None:
        """The row of ``slug`` among every hit, shown yet or not (see :meth:`show_through`)."""
        for row, hit in enumerate(self._hits):
            if hit.slug == slug:
                return row
        return None

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < len(self._hits)

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008
        if not parent.isValid():
            self.show_through(len(self._rows) + PAGE_ROWS - 1)

    def show_through(self, row: int) -> None:
        """Show every hit up to ``row`` (to select a hit beyond the pages shown)."""
        start, end = len(self._rows), min(row + 1, len(self._hits))
        if end > start:
            self.beginInsertRows(QModelIndex(), start, end - 1)
            self._rows.extend(self._hits[start:end])
            self.endInsertRows()

    def show_all(self) -> None:
        self.show_through(len(self._hits) - 1)

    def wanting(self, rows: Iterable[int]) -> list[int]:
        """The entity ids of ``rows`` whose excerpt is still to be asked for; asked from now."""
        if not self.words:
            return []
        wanted = [
            self._rows[row].entity_id
            for row in rows
            if 0 <= row < len(self._rows) and self._rows[row].entity_id not in self._asked
        ]
        self._asked.update(wanted)
        return wanted

    def set_snippets(self, snippets: dict[int, str]) -> None:
        """Put in the excerpts that came for rows after their hits (entity id → excerpt)."""
        changed = []
        for row, hit in enumerate(self._hits):
            snippet = snippets.get(hit.entity_id)
            if snippet and snippet != hit.snippet:
                self._hits[row] = dataclasses.replace(hit, snippet=snippet)
                if row < len(self._rows):
                    self._rows[row] = self._hits[row]
                    changed.append(row)
        for row in changed:
            index = self.index(row, self.NAME)
            self.dataChanged.emit(index, index, [MATCH_HTML_ROLE, Qt.ItemDataRole.ToolTipRole])

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


class EntityProxy(CollatedProxy):
    """Sorting by a column orders every hit, not only the pages shown so far."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if column >= 0 and isinstance(source, EntityTableModel):
            source.show_all()
        super().sort(column, order)


def make_entity_proxy(model: EntityTableModel) -> QSortFilterProxyModel:
    """Sorting happens here, as the window's language sorts names; unsorted, the proxy keeps
    the search ranking."""
    proxy = EntityProxy(model.parent())
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return proxy
