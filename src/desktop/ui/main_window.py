"""The main window: navigator, search, results, detail pane and key figures.

The window holds no database code: every read goes through the :class:`DatabaseExecutor` as a
function from :mod:`desktop.ui.jobs`, and results come back on the UI thread. Each search gets a
generation number; a result that arrives after a newer search started is dropped, so fast
typing never shows stale rows.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QTabWidget,
    QToolButton,
    QWidget,
)

from desktop import APP_NAME
from desktop.core import taxonomy
from desktop.ui import dialogs
from desktop.ui.detail_view import EntityDetailView
from desktop.ui.entity_model import SLUG_ROLE
from desktop.ui.executor import DatabaseExecutor
from desktop.ui.figures_view import FiguresView
from desktop.ui.history import NavigationHistory
from desktop.ui.navigator import Navigator
from desktop.ui.results_panel import ResultsPanel
from desktop.ui.settings import app_settings, read_list

if TYPE_CHECKING:
    from desktop.core.catalogue import EntityDetail
    from desktop.core.search import Facets, SearchResult
    from desktop.ui.jobs import Overview

SEARCH_DELAY_MS = 150


def _jobs() -> Any:
    from desktop.ui import jobs

    return jobs


class MainWindow(QMainWindow):
    results_shown = Signal(int)  # search generation, after the table shows its result
    detail_shown = Signal(str)  # slug, after the detail pane shows it
    database_failed = Signal(str)  # the message shown to the user

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.setObjectName("mainWindow")
        self.setWindowTitle(f"{APP_NAME} — {db_path.name}")
        self.resize(1360, 820)
        self.history = NavigationHistory()
        self.generation = 0
        self.shown_generation = 0
        self.database_ok = False
        self._open_error_reported = False
        self._selected_slug: str | None = None
        self.executor = DatabaseExecutor(lambda: _jobs().open_database(db_path), self)
        self.executor.failed.connect(self._on_unexpected)

        self._build_widgets()
        self._build_actions()
        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.run_search)
        self._restore_state()
        self.status_label.setText("Opening the knowledge base…")
        QTimer.singleShot(0, self._load)

    # --- layout ---------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.search_field = QLineEdit(self)
        self.search_field.setObjectName("searchField")
        self.search_field.setAccessibleName("Search the knowledge base")
        self.search_field.setPlaceholderText(
            "Search institutes, companies, sites, figures…  (Ctrl+K)"
        )
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setMinimumWidth(420)
        self.search_field.textChanged.connect(self._on_text_changed)
        self.search_field.returnPressed.connect(self._focus_results)

        self.back_button = self._tool_button("backButton", "Back", "Go back (Alt+Left)")
        self.forward_button = self._tool_button(
            "forwardButton", "Forward", "Go forward (Alt+Right)"
        )
        toolbar = self.addToolBar("Navigation")
        toolbar.setObjectName("navigationToolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(self.back_button)
        toolbar.addWidget(self.forward_button)
        toolbar.addSeparator()
        toolbar.addWidget(self.search_field)

        self.navigator = Navigator(self)
        self.navigator.filters_changed.connect(self._on_filters_changed)
        self.results = ResultsPanel(self)
        self.results.clear_filters_requested.connect(self.clear_search_and_filters)
        self.results.remove_filter_requested.connect(self._remove_filter)
        self.table = self.results.table
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.detail = EntityDetailView(self)
        self.detail.entity_requested.connect(self.show_entity)
        self.figures = FiguresView(self)

        self.browse_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.browse_splitter.setObjectName("browseSplitter")
        self.browse_splitter.setChildrenCollapsible(False)
        for widget in (self.navigator, self.results, self.detail):
            self.browse_splitter.addWidget(widget)
        self.browse_splitter.setStretchFactor(1, 1)
        self.browse_splitter.setSizes([240, 760, 400])
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.browse_splitter, "Entities")
        self.tabs.addTab(self.figures, "Key figures")
        self.tabs.setContentsMargins(6, 4, 6, 0)
        self.setCentralWidget(self.tabs)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("statusLabel")
        self.statusBar().addWidget(self.status_label, 1)

    def _tool_button(self, name: str, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setAccessibleName(text)
        button.setToolTip(tip)
        button.setEnabled(False)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        return button

    def _build_actions(self) -> None:
        def action(text: str, slot: Any, *shortcuts: Any) -> QAction:
            act = QAction(text, self)
            keys = {QKeySequence(s).toString(): QKeySequence(s) for s in shortcuts}
            act.setShortcuts([key for text_, key in keys.items() if text_])
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self.back_action = action("&Back", self.go_back, "Alt+Left", QKeySequence.StandardKey.Back)
        self.forward_action = action(
            "&Forward", self.go_forward, "Alt+Right", QKeySequence.StandardKey.Forward
        )
        self.back_action.setIcon(
            self.style().standardIcon(self.style().StandardPixmap.SP_ArrowBack)
        )
        self.forward_action.setIcon(
            self.style().standardIcon(self.style().StandardPixmap.SP_ArrowForward)
        )
        self.back_button.setDefaultAction(self.back_action)
        self.forward_button.setDefaultAction(self.forward_action)
        self.find_action = action("&Find…", self.focus_search, "Ctrl+K", "Ctrl+F")
        self.clear_action = action(
            "&Clear search and filters", self.clear_search_and_filters, "Ctrl+Shift+K"
        )
        self.entities_action = action("&Entities", lambda: self.tabs.setCurrentIndex(0), "Ctrl+1")
        self.figures_action = action("&Key figures", lambda: self.tabs.setCurrentIndex(1), "Ctrl+2")
        quit_action = action("&Quit", self.close, QKeySequence.StandardKey.Quit)

        menus = self.menuBar()
        file_menu = menus.addMenu("&File")
        file_menu.addAction(quit_action)
        edit_menu = menus.addMenu("&Edit")
        edit_menu.addActions([self.find_action, self.clear_action])
        view_menu = menus.addMenu("&View")
        view_menu.addActions([self.entities_action, self.figures_action])
        go_menu = menus.addMenu("&Go")
        go_menu.addActions([self.back_action, self.forward_action])
        help_menu = menus.addMenu("&Help")
        help_menu.addAction(action("&About Dossier Desk", self._about))
        self._update_history_actions()

    # --- loading and searching ------------------------------------------------------------

    def _load(self) -> None:
        self.executor.submit(_jobs().overview, self._on_overview, self._on_database_error)
        self.run_search()

    def _on_text_changed(self, _text: str) -> None:
        self.tabs.setCurrentIndex(0)
        self._debounce.start()

    def _on_overview(self, overview: Overview) -> None:
        self.database_ok = True
        self.navigator.set_tags(overview.tag_labels)
        self.navigator.set_filters(self.navigator.kind, self.navigator.sector, self.navigator.tags)
        self.detail.tag_labels = overview.tag_labels
        self.figures.set_facts(overview.facts)
        if self._selected_slug and self.history.current is None:
            self.show_entity(self._selected_slug)

    def run_search(self) -> None:
        """Search now with the field's text and the navigator's filters."""
        from desktop.core.search import SearchFilters

        self._debounce.stop()
        self.generation += 1
        generation = self.generation
        query = self.search_field.text()
        filters = SearchFilters(
            kinds=(self.navigator.kind,) if self.navigator.kind else (),
            sectors=(self.navigator.sector,) if self.navigator.sector else (),
            tags=self.navigator.tags,
        )
        self._show_active_filters()
        jobs = _jobs()
        self.executor.submit(
            lambda db: jobs.run_search(db, query, filters),
            lambda result: self._on_results(generation, result),
            self._on_database_error,
        )
        self.executor.submit(
            lambda db: jobs.run_facets(db, query, filters),
            lambda facets: self._on_facets(generation, facets),
            lambda _error: None,
        )

    def _on_results(self, generation: int, result: SearchResult) -> None:
        if generation != self.generation:
            return  # a newer search is under way
        keep = self._selected_slug
        self.results.set_hits(result.hits)
        if not result.hits:
            self.results.show_results(self._empty_message())
        else:
            self.results.show_results(None)
        if keep is not None:
            self._select_slug(keep)
        shown = len(result.hits)
        total = f"{result.total:,}" + ("" if result.total_exact else "+")
        note = (
            " — no entity matches every word; showing those that match some"
            if result.partial
            else ""
        )
        more = (
            f" (showing the first {shown:,}; refine to narrow down)" if shown < result.total else ""
        )
        self.status_label.setText(f"{total} entities{more}{note}")
        self.shown_generation = generation
        self.results_shown.emit(generation)

    def _on_facets(self, generation: int, facets: Facets) -> None:
        if generation != self.generation:
            return
        total = sum(facets.kinds.values())
        self.navigator.set_counts(total, facets.kinds, facets.sectors)

    def _empty_message(self) -> str:
        query = self.search_field.text().strip()
        filtered = self.navigator.kind or self.navigator.sector or self.navigator.tags
        if query and filtered:
            return f"Nothing matches “{query}” with the current filters."
        if query:
            return f"Nothing matches “{query}”. Try fewer or shorter words."
        return "No entity matches the current filters."

    # --- filters ----------------------------------------------------------------------------

    def _on_filters_changed(self, _kind: Any, _sector: Any, _tags: Any) -> None:
        self.run_search()

    def _remove_filter(self, dimension: str, code: str) -> None:
        kind, sector, tags = self.navigator.kind, self.navigator.sector, self.navigator.tags
        if dimension == "kinds":
            kind = None
        elif dimension == "sectors":
            sector = None
        else:
            tags = tuple(tag for tag in tags if tag != code)
        self.navigator.set_filters(kind, sector, tags)
        self.run_search()

    def clear_search_and_filters(self) -> None:
        self.navigator.set_filters(None, None, ())
        self.search_field.blockSignals(True)
        self.search_field.clear()
        self.search_field.blockSignals(False)
        self.run_search()

    def _show_active_filters(self) -> None:
        chips = []
        if self.navigator.kind:
            chips.append(("kinds", self.navigator.kind, taxonomy.KINDS[self.navigator.kind].en))
        if self.navigator.sector:
            chips.append(
                ("sectors", self.navigator.sector, taxonomy.SECTORS[self.navigator.sector].en)
            )
        labels = self.detail.tag_labels
        chips += [("tags", tag, labels.get(tag, tag)) for tag in self.navigator.tags]
        self.results.set_active_filters(chips)

    # --- selection, detail and history ------------------------------------------------------

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        slug = current.data(SLUG_ROLE) if current.isValid() else None
        if slug and slug != self.history.current:
            self.show_entity(slug)

    def show_entity(self, slug: str, *, record: bool = True) -> None:
        """Show ``slug`` in the detail pane (and select it in the table if listed)."""
        if record:
            self.history.visit(slug)
        self._selected_slug = slug
        self._update_history_actions()
        self._select_slug(slug)
        self.executor.submit(
            lambda db: _jobs().entity_detail(db, slug),
            lambda detail: self._on_detail(slug, detail),
            lambda error: self._on_detail_error(slug, error),
        )

    def _on_detail(self, slug: str, detail: EntityDetail) -> None:
        if slug != self._selected_slug:
            return
        self.detail.show_detail(detail)
        self.detail_shown.emit(slug)

    def _on_detail_error(self, slug: str, error: BaseException) -> None:
        from desktop.core.errors import DossierError

        if isinstance(error, DossierError):
            self.detail.show_message(f"<p>{_escape(str(error))}</p>")
        else:
            self._on_unexpected(error)

    def _select_slug(self, slug: str) -> None:
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

    def go_back(self) -> None:
        slug = self.history.back()
        if slug:
            self.show_entity(slug, record=False)

    def go_forward(self) -> None:
        slug = self.history.forward()
        if slug:
            self.show_entity(slug, record=False)

    def _update_history_actions(self) -> None:
        self.back_action.setEnabled(self.history.can_go_back())
        self.forward_action.setEnabled(self.history.can_go_forward())

    # --- keyboard ---------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def _focus_results(self) -> None:
        self.run_search()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.table.currentIndex().isValid() and self.results.proxy.rowCount() > 0:
            self.table.setCurrentIndex(self.results.proxy.index(0, 0))

    def keyPressEvent(self, event: Any) -> None:
        if self.search_field.hasFocus() and event.key() == Qt.Key.Key_Down:
            self._focus_results()
            return
        super().keyPressEvent(event)

    # --- errors -----------------------------------------------------------------------------

    def _on_database_error(self, error: BaseException) -> None:
        from desktop.core.errors import DossierError

        if not isinstance(error, DossierError):
            self._on_unexpected(error)
            return
        self.database_ok = False
        if self._open_error_reported:
            return  # every queued job fails the same way; say it once
        self._open_error_reported = True
        message = str(error)
        self.status_label.setText("Cannot open the knowledge base — see the message")
        self.results.set_hits([])
        self.results.show_results(message)
        self.results.empty_title.setText("The knowledge base could not be opened")
        self.database_failed.emit(message)
        dialogs.show_error(self, "Cannot open the knowledge base", message)

    def _on_unexpected(self, error: BaseException) -> None:
        dialogs.report_unexpected(self, error)

    def _about(self) -> None:
        from desktop import __version__

        dialogs.show_info(
            self,
            "About",
            f"{APP_NAME} {__version__}\nThe investor consultants' desk for the Leipzig "
            f"life-sciences cluster.\n\nDatabase: {self.db_path}",
        )

    # --- state ------------------------------------------------------------------------------

    def _restore_state(self) -> None:
        settings = app_settings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = settings.value("window/browseSplitter")
        if isinstance(state, QByteArray):
            self.browse_splitter.restoreState(state)
        header = settings.value("window/tableHeader")
        if isinstance(header, QByteArray):
            self.table.horizontalHeader().restoreState(header)
        self.search_field.blockSignals(True)
        self.search_field.setText(str(settings.value("search/query", "") or ""))
        self.search_field.blockSignals(False)
        kind = settings.value("search/kind") or None
        sector = settings.value("search/sector") or None
        self.navigator.set_filters(kind, sector, tuple(read_list(settings, "search/tags")))
        self.tabs.setCurrentIndex(int(settings.value("window/tab", 0) or 0))
        self._selected_slug = str(settings.value("detail/slug", "") or "") or None

    def save_state(self) -> None:
        settings = app_settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/browseSplitter", self.browse_splitter.saveState())
        settings.setValue("window/tableHeader", self.table.horizontalHeader().saveState())
        settings.setValue("window/tab", self.tabs.currentIndex())
        settings.setValue("search/query", self.search_field.text())
        settings.setValue("search/kind", self.navigator.kind or "")
        settings.setValue("search/sector", self.navigator.sector or "")
        settings.setValue("search/tags", list(self.navigator.tags))
        settings.setValue("detail/slug", self._selected_slug or "")
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self._debounce.stop()
        self.executor.shutdown()
        super().closeEvent(event)


def _escape(text: str) -> str:
    import html

    return html.escape(text)
