"""The results table: one row per search hit, sortable through a proxy.

A search may list 500 hits, but a screen shows a few dozen: the search brings its first page
and the view asks for the next as it scrolls (``canFetchMore``/``fetchMore``); the model says so
with ``more_wanted`` and whoever runs the searches answers with :meth:`add_hits`, later, so a new
search costs what the view shows and scrolling never waits on the database. Sorting by a column
orders every hit the search lists: it asks for all of them at once. Excerpts may come later than
the hits (only rows on screen get them): :meth:`wanting` says which rows still lack one,
:meth:`set_snippets` fills them in.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QSortFilterProxyModel, Qt, Signal

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
PAGE_ROWS = 100  # rows asked for when the view scrolls to the end
# the roles a cell answers; a paint asks every cell for seven more (font, colours, alignment…)
ANSWERED = frozenset(
    int(role)
    for role in (
        HIT_ROLE,
        SLUG_ROLE,
        SORT_ROLE,
        MATCH_HTML_ROLE,
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.ToolTipRole,
    )
)


class EntityTableModel(ListTableModel["SearchHit"]):
    NAME, KIND, SECTORS, LOCATION, VERIFIED = range(5)
    # the search shown (its serial), the offset and the number of hits the view wants next
    more_wanted = Signal(int, int, int)

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
        self._asked: set[int] = set()  # entity ids whose excerpt is known or asked for
        self.words = False  # the search had words: its hits have excerpts to show
        self.serial = 0  # the search shown: a page asked for an earlier one is dropped
        self._listed = 0  # hits the search lists: the rows held and those still to come
        self._waiting = 0  # hits asked for and on their way (never two pages at once)
        self._every = False  # sorted by a column: every hit listed, in one page
        # what a cell shows, worked out once per search: each paint and sort asks again
        self._texts: dict[tuple[int, int], str] = {}  # (entity id, column) → text
        self._html: dict[int, tuple[str, str]] = {}  # entity id → (excerpt, its HTML)

    def set_hits(
        self, hits: Sequence[SearchHit], *, words: bool = False, listed: int | None = None
    ) -> None:
        """Show ``hits``, the first of the ``listed`` a search lists (the others come page by
        page as the view scrolls; None: these are all); a search with ``words`` has excerpts."""
        self.serial += 1
        self.words, self._waiting, self._every = words, 0, False
        self._listed = max(len(hits), listed or 0)
        self._asked = {hit.entity_id for hit in hits if hit.snippet}
        self._texts, self._html = {}, {}
        self._replace_rows(hits)

    def hit(self, row: int) -> SearchHit:
        return self._rows[row]

    def hit_count(self) -> int:
        """The hits held (``listed_count`` counts those still to come too)."""
        return len(self._rows)

    def listed_count(self) -> int:
        return self._listed

    def row_of(self, slug: str) -> int | None:
        for row, hit in enumerate(self._rows):
            if hit.slug == slug:
                return row
        return None

    def may_list(self, slug: str) -> bool:
        """Whether ``slug`` is among the rows held, or may be among the pages still to come."""
        return len(self._rows) < self._listed or self.row_of(slug) is not None

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._waiting and len(self._rows) < self._listed

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008
        if not parent.isValid():
            self._ask(PAGE_ROWS)

    def fetch_all(self) -> None:
        """Ask for every hit still to come, at once (after the page on its way, if one is)."""
        self._every = True
        self._ask(self._listed)

    def _ask(self, count: int) -> None:
        count = min(count, self._listed - len(self._rows))
        if count > 0 and not self._waiting:
            self._waiting = count
            self.more_wanted.emit(self.serial, len(self._rows), count)

    def add_hits(self, serial: int, offset: int, hits: Sequence[SearchHit] | None) -> None:
        """The hits ``more_wanted`` asked for, appended (None: they could not come). A page for
        another search or offset is dropped; a short one ends the list there."""
        if serial != self.serial or offset != len(self._rows) or not self._waiting:
            return
        asked, self._waiting = self._waiting, 0
        hits = list(hits or ())
        if len(hits) < asked:
            self._listed = len(self._rows) + len(hits)
        if hits:
            self._asked.update(hit.entity_id for hit in hits if hit.snippet)
            self.beginInsertRows(QModelIndex(), offset, offset + len(hits) - 1)
            self._rows.extend(hits)
            self.endInsertRows()
        if self._every:
            self._ask(self._listed)

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
        for row, hit in enumerate(self._rows):
            snippet = snippets.get(hit.entity_id)
            if snippet and snippet != hit.snippet:
                self._rows[row] = dataclasses.replace(hit, snippet=snippet)
                changed.append(row)
        for row in changed:
            index = self.index(row, self.NAME)
            self.dataChanged.emit(index, index, [MATCH_HTML_ROLE, Qt.ItemDataRole.ToolTipRole])

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in ANSWERED:
            return None
        hit = self._row_at(index)
        if hit is None:
            return None
        column = index.column()
        if role == HIT_ROLE:
            return hit
        if role == SLUG_ROLE:
            return hit.slug
        if role == MATCH_HTML_ROLE:
            return self._snippet_html(hit)
        if role == SORT_ROLE and column == self.VERIFIED:
            return hit.verified_on or ""
        if role == Qt.ItemDataRole.ToolTipRole and column == self.NAME and hit.snippet:
            return "<p>" + self._snippet_html(hit) + "</p>"
        key = (hit.entity_id, column)
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = self._display(hit, column)
        return text

    def _snippet_html(self, hit: SearchHit) -> str:
        known = self._html.get(hit.entity_id)
        if known is None or known[0] != hit.snippet:
            known = self._html[hit.entity_id] = (hit.snippet, snippet_html(hit.snippet))
        return known[1]

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
    """Sorting by a column orders every hit the search lists, not only the pages held: it asks
    for the others, which take their places as they come."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if column >= 0 and isinstance(source, EntityTableModel):
            source.fetch_all()
        super().sort(column, order)


def make_entity_proxy(model: EntityTableModel) -> QSortFilterProxyModel:
    """Sorting happens here, as the window's language sorts names; unsorted, the proxy keeps
    the search ranking."""
    proxy = EntityProxy(model.parent())
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return proxy
