"""The Entities tab: navigator, results and detail side by side, and the filter state.

It shows what the window hands it and reports what the consultant does; it runs no searches
and opens no database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QSplitter, QWidget

from desktop.core.kb import taxonomy
from desktop.ui.base.translation import current_language
from desktop.ui.base.wording import code_label
from desktop.ui.browse.detail_view import EntityDetailView
from desktop.ui.browse.entity_model import SLUG_ROLE
from desktop.ui.browse.navigator import Navigator
from desktop.ui.browse.results_panel import ResultsPanel

if TYPE_CHECKING:
    from desktop.core.search.service import SearchFilters, SearchResult

FilterChoice = tuple[str | None, str | None, tuple[str, ...]]  # kind, sector, tags


class BrowseView(QSplitter):
    filters_changed = Signal()
    clear_requested = Signal()
    row_chosen = Signal(str)  # slug of the row the consultant moved to
    entity_requested = Signal(str)  # slug of a related entity clicked in the detail pane

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("browseSplitter")
        self.setChildrenCollapsible(False)
        self.navigator = Navigator(self)
        self.results = ResultsPanel(self)
        self.detail = EntityDetailView(self)
        for widget in (self.navigator, self.results, self.detail):
            self.addWidget(widget)
        self.setStretchFactor(1, 1)
        self.setSizes([min(max(240, self.navigator.preferred_width()), 360), 760, 400])
        self.table = self.results.table

        self.navigator.filters_changed.connect(lambda *_: self.filters_changed.emit())
        self.results.clear_filters_requested.connect(self.clear_requested)
        self.results.remove_filter_requested.connect(self._remove_filter)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.detail.entity_requested.connect(self.entity_requested)

    # --- filters ----------------------------------------------------------------------------

    def filter_choice(self) -> FilterChoice:
        return (self.navigator.kind, self.navigator.sector, self.navigator.tags)

    def search_filters(self) -> SearchFilters:
        """The navigator's choice as the search service takes it."""
        from desktop.core.search.service import SearchFilters

        kind, sector, tags = self.filter_choice()
        return SearchFilters(
            kinds=(kind,) if kind else (), sectors=(sector,) if sector else (), tags=tuple(tags)
        )

    def has_filters(self) -> bool:
        kind, sector, tags = self.filter_choice()
        return bool(kind or sector or tags)

    def set_filter_choice(
        self, kind: str | None, sector: str | None, tags: tuple[str, ...]
    ) -> None:
        self.navigator.set_filters(kind, sector, tags)

    def show_active_filters(self) -> None:
        kind, sector, tags = self.filter_choice()
        chips = []
        language = current_language()
        if kind:
            chips.append(("kinds", kind, taxonomy.KINDS[kind].label(language)))
        if sector:
            chips.append(("sectors", sector, taxonomy.SECTORS[sector].label(language)))
        labels = self.detail.tag_labels
        chips += [("tags", tag, labels.get(tag) or code_label(tag)) for tag in tags]
        self.results.set_active_filters(chips)

    def _remove_filter(self, dimension: str, code: str) -> None:
        kind, sector, tags = self.filter_choice()
        if dimension == "kinds":
            kind = None
        elif dimension == "sectors":
            sector = None
        else:
            tags = tuple(tag for tag in tags if tag != code)
        self.navigator.set_filters(kind, sector, tags)
        self.filters_changed.emit()

    # --- results ----------------------------------------------------------------------------

    def show_result(self, result: SearchResult, query: str, keep_slug: str | None) -> str:
        """Show ``result`` (keeping ``keep_slug`` selected if listed); return a status line.

        ``result`` may be the first page of what the search lists: the table asks for the rest
        as it scrolls, and the status line counts every hit it will list.
        """
        from desktop.app.browse import DISPLAY_LIMIT  # loaded by the search that brought these

        total = result.total
        shown = max(len(result.hits), min(total, DISPLAY_LIMIT))
        self.results.set_hits(result.hits, words=bool(result.tokens), listed=shown)
        self.results.show_results(self._empty_message(query) if not result.hits else None)
        if keep_slug is not None:
            self.select_slug(keep_slug)
        if not result.total_exact:
            line = self.tr("%Ln+ entities", "", total)
        elif total == 1:  # English has no plural rules without a translator: choose here
            line = self.tr("%Ln entity", "", total)
        else:
            line = self.tr("%Ln entities", "", total)
        if shown < total:
            line += " " + self.tr("(showing the first %Ln; refine to narrow down)", "", shown)
        if result.partial:
            line += " — " + self.tr("no entity matches every word; showing those that match some")
        return line

    def show_failure(self, title: str, message: str) -> None:
        self.results.set_hits([])
        self.results.show_results(message)
        self.results.empty_title.setText(title)

    def _empty_message(self, query: str) -> str:
        query = query.strip()
        if query and self.has_filters():
            return self.tr("Nothing matches “{query}” with the current filters.").format(
                query=query
            )
        if query:
            return self.tr("Nothing matches “{query}”. Try fewer or shorter words.").format(
                query=query
            )
        return self.tr("No entity matches the current filters.")

    def select_slug(self, slug: str) -> None:
        """Select ``slug``'s row without announcing it (the caller already shows it)."""
        row = self.results.model.row_of(slug)
        selection = self.table.selectionModel()
        if row is None:
            selection.clearSelection()
            return
        index = self.results.proxy.mapFromSource(self.results.model.index(row, 0))
        selection.blockSignals(True)
        selection.setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        selection.blockSignals(False)
        self.table.scrollTo(index)
        self.table.viewport().update()

    def focus_results(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.table.currentIndex().isValid() and self.results.proxy.rowCount() > 0:
            self.table.setCurrentIndex(self.results.proxy.index(0, 0))

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        slug = current.data(SLUG_ROLE) if current.isValid() else None
        if slug:
            self.row_chosen.emit(slug)
