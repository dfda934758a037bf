"""The main window: search field, the Entities and Key figures tabs, history and state.

The window holds no database code: every read is an application function (:mod:`desktop.app`)
run by the :class:`DatabaseExecutor`, whose results come back on the UI thread. Searching as
the consultant types is :class:`~desktop.ui.browse.searching.SearchRunner`'s job.

Start-up is staged (:mod:`desktop.ui.shell.staging`): the frame (toolbar, search field, menu
titles) is painted first; the database, the panels and the first list follow right after, the
services and the menus' entries once that list and its counts are on screen, and the ORM loads
on a side thread when the window is idle.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from desktop import APP_NAME
from desktop.ui.shell import window_state
from desktop.ui.shell.frame import build_frame
from desktop.ui.shell.history import NavigationHistory
from desktop.ui.shell.lazy_tabs import LazyTabs
from desktop.ui.shell.staging import StagedStart

if TYPE_CHECKING:  # the services' modules load after the first paint (see staging)
    from desktop.app.browse import Overview
    from desktop.app.changes import DataChange
    from desktop.app.store import Store
    from desktop.core.kb.catalogue import EntityDetail, FactView
    from desktop.core.search.facets import Facets
    from desktop.core.search.service import SearchResult
    from desktop.ui.base.executor import DatabaseExecutor
    from desktop.ui.briefs.brief_editor import BriefEditor
    from desktop.ui.briefs.briefs_desk import BriefsDesk
    from desktop.ui.browse.browse_view import BrowseView
    from desktop.ui.browse.figures_view import FiguresView
    from desktop.ui.browse.searching import SearchRunner
    from desktop.ui.team.sync_control import TeamSync
    from desktop.ui.upkeep.edit_controller import EditController
    from desktop.ui.upkeep.maintenance import Maintenance


class MainWindow(StagedStart, LazyTabs, QMainWindow):
    first_painted = Signal()  # once: the frame is on screen
    first_screen_shown = Signal()  # once: the first list and its counts are (logging then)
    results_shown = Signal(int)  # search generation, after the table shows its result
    counts_shown = Signal(int)  # search generation, after the navigator shows its counts
    detail_shown = Signal(str)  # slug, after the detail pane shows it
    database_failed = Signal(str)  # the message shown to the user
    _orm_ready = Signal()  # the ORM layer has been imported off the UI thread

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._started = self._painted = self.closing = False
        self.db_path = db_path
        self.setObjectName("mainWindow")
        self.setWindowTitle(f"{APP_NAME} — {db_path.name}")
        self.resize(1360, 820)
        self.history = NavigationHistory()
        self.shown_generation = 0
        self.counted = 0  # the search generation whose counts the navigator shows
        self.database_ok = False
        self._open_error_reported = False
        self._selected_slug: str | None = None
        self._figures: FiguresView | None = None
        self._facts: list[FactView] = []
        self._orm_thread: threading.Thread | None = None
        # built right after the first paint (staging) ...
        self.executor: DatabaseExecutor
        self.desk: BriefsDesk
        # ... and once the first screen is complete, with the menus' entries
        self.edits: EditController
        self.maintenance: Maintenance
        self.team: TeamSync
        self.search: SearchRunner
        self.last_editor: BriefEditor | None = None  # the brief editor used last (File ▸ Export)
        self._build_frame()
        window_state.restore_frame(self, self.search_field)
        self.placeholder = QLabel(self.tr("Opening the knowledge base…"), self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(self.placeholder)
        self.status_label.setText(self.placeholder.text())
        QTimer.singleShot(300, self._start)  # for a window that is never exposed

    # --- the frame, painted first -------------------------------------------------------------

    def _build_frame(self) -> None:
        """Menu titles, toolbar with history buttons and the search field, the status line."""
        frame = build_frame(self)
        self.search_field, self.status_label = frame.search_field, frame.status_label
        self.back_button, self.forward_button = frame.back_button, frame.forward_button
        self.menus, self.sync_slot = frame.menus, frame.sync_slot
        self.search_field.textChanged.connect(self._on_text_changed)
        self.search_field.returnPressed.connect(self._focus_results)

    # --- the database and panels, built after the first paint ---------------------------------

    def _start(self) -> None:
        if self._started or self.closing:
            return
        self._started = True
        from desktop.ui.browse.searching import SearchRunner

        self._wait_for_the_first_screen()
        self._open_database()
        self.search = SearchRunner(
            self.executor,
            due=self.run_search,
            on_results=self._on_results,
            on_facets=self._on_facets,
            on_error=self._on_database_error,
            parent=self,
        )
        asked = self._search_before_the_panels()
        from desktop.ui.briefs.briefs_desk import BriefsDesk
        from desktop.ui.browse.browse_view import BrowseView

        self.desk = BriefsDesk(self.executor, self)  # the Prospects tab's, there from the start
        self.desk.entity_requested.connect(self.show_entity_in_front)
        self.browse: BrowseView = BrowseView(self)
        self.browse.filters_changed.connect(self.run_search)
        self.browse.clear_requested.connect(self.clear_search_and_filters)
        self.browse.row_chosen.connect(self._on_row_chosen)
        self.browse.entity_requested.connect(self.show_entity)
        results = self.browse.results
        results.open_requested.connect(self.show_entity)
        results.name_copied.connect(
            lambda name: self.statusBar().showMessage(
                self.tr("Copied “{name}”.").format(name=name), 4000
            )
        )
        self.navigator, self.detail = self.browse.navigator, self.browse.detail
        self.results = results
        self.search.show_in(results)  # excerpts for the rows on screen
        self.table = self.browse.table
        self._build_tabs(self.browse)  # shown with the first rows (staging)
        self._restore_state()
        if self._first_search_fits(asked):
            self.browse.show_active_filters()
        else:
            self.run_search()

    def _reload_everything(self) -> None:
        """The file was replaced (a restore): every view asks the database again."""
        self._open_error_reported = False
        self.run_search()
        self._request_overview()
        if self._selected_slug:
            self.show_entity(self._selected_slug, record=False)

    def _request_overview(self) -> None:
        def overview(store: Store) -> Overview:
            from desktop.app import browse

            return browse.overview(store)

        self.executor.submit(overview, self._on_overview, self._on_database_error)

    def _on_overview(self, overview: Overview) -> None:
        self.database_ok = True
        self.navigator.set_tags(overview.tag_labels)
        self.detail.tag_labels = overview.tag_labels
        if self.detail.detail is not None:  # shown before the labels came: show it with them
            self.detail.show_detail(self.detail.detail)
        self.browse.show_active_filters()
        self._facts = overview.facts
        if self._figures is not None:
            self._figures.set_facts(self._facts)
        if self._selected_slug and self.history.current is None:
            self.show_entity(self._selected_slug)

    def new_prospect(self) -> None:
        if self._started:
            self.show_tab(2)
            self.prospects.edit_prospect(new=True)

    def show_tab(self, index: int) -> None:
        if self._started:
            self.tabs.setCurrentIndex(index)

    # --- searching ----------------------------------------------------------------------------

    def _on_text_changed(self, _text: str) -> None:
        self.show_tab(0)
        if self._started:  # before, the first search takes the field's text as it is
            self.search.typed()

    @property
    def generation(self) -> int:
        """The number of the newest search; results carry it in ``results_shown``."""
        return self.search.generation

    def run_search(self) -> None:
        """Search now with the field's text and the navigator's filters."""
        if not self._started:
            return  # the first search starts with the panels
        self.browse.show_active_filters()
        self.search.run(self.search_field.text(), self.browse.search_filters())

    def _on_results(self, query: str, result: SearchResult) -> None:
        generation = self.search.generation
        self.status_label.setText(self.browse.show_result(result, query, self._selected_slug))
        if self._selected_slug is not None:
            self.detail.set_listed(self.results.model.may_list(self._selected_slug))
        first = self.shown_generation == 0
        self.shown_generation = generation
        self.results_shown.emit(generation)
        if first:
            QTimer.singleShot(0, self._after_first_results)

    def _on_facets(self, facets: Facets) -> None:
        self.navigator.set_counts(sum(facets.kinds.values()), facets.kinds, facets.sectors)
        self.counted = self.search.generation
        self.counts_shown.emit(self.counted)

    def clear_search_and_filters(self) -> None:
        self.browse.set_filter_choice(None, None, ())
        self.search_field.blockSignals(True)
        self.search_field.clear()
        self.search_field.blockSignals(False)
        self.run_search()

    # --- detail and history -------------------------------------------------------------------

    def _on_row_chosen(self, slug: str) -> None:
        if slug != self.history.current:
            self.show_entity(slug)

    def show_entity(self, slug: str, *, record: bool = True) -> None:
        """Show ``slug`` in the detail pane (and select it in the table if listed)."""
        if record:
            self.history.visit(slug)
        self._selected_slug = slug
        self._update_history_actions()
        self.browse.select_slug(slug)

        def detail(store: Store) -> EntityDetail:
            from desktop.app import browse

            return browse.entity_detail(store, slug=slug)

        self.executor.submit(
            detail, lambda shown: self._on_detail(slug, shown), self._on_detail_error
        )

    def _on_detail(self, slug: str, detail: EntityDetail) -> None:
        if slug == self._selected_slug:
            listed = self.results.model.may_list(slug)
            self.detail.show_detail(detail, listed=listed)
            self.detail_shown.emit(slug)

    def _on_detail_error(self, error: BaseException) -> None:
        from desktop.core.errors import NotFoundError

        if isinstance(error, NotFoundError):  # e.g. a restore replaced the data meanwhile
            self._selected_slug = None
        if not self.detail.show_problem(error):
            self._on_unexpected(error)

    @property
    def selected_slug(self) -> str | None:
        return self._selected_slug

    def _on_data_changed(self, change: DataChange) -> None:
        """Something was written: show it (the briefs desk listens for itself)."""
        from desktop.app.changes import Topic

        if Topic.EVERYTHING in change.topics:
            self._reload_everything()
        elif change.touches(Topic.ENTITIES, Topic.FIGURES, Topic.SOURCES):
            self._after_edit(change.slug or "")

    def _after_edit(self, slug: str) -> None:
        """Show the edited entity, or show the current one again as it now is (an import, a
        figure, a source changed), and refresh the list."""
        if slug:
            self._selected_slug = slug
            self.show_entity(slug)
        elif self._selected_slug:
            self.show_entity(self._selected_slug, record=False)
        self.run_search()

    def _after_removal(self, message: str) -> None:
        """An entity went away through an edit in this window (``message`` says how back)."""
        self._selected_slug = None
        from html import escape

        self.detail.show_message(f"<p>{escape(message)}</p>")

    def go_back(self) -> None:
        if slug := self.history.back():
            self.show_entity(slug, record=False)

    def go_forward(self) -> None:
        if slug := self.history.forward():
            self.show_entity(slug, record=False)

    def show_entity_in_front(self, slug: str) -> None:
        """Show ``slug`` on the Entities tab with this window in front (asked from a brief)."""
        self.show_tab(0)
        self.show_entity(slug)
        self.raise_()
        self.activateWindow()

    def _update_history_actions(self) -> None:
        if not self._services_built:  # the actions come with the menus' entries (staging)
            return
        self.back_action.setEnabled(self.history.can_go_back())
        self.forward_action.setEnabled(self.history.can_go_forward())

    # --- keyboard -----------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.show_tab(0)
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def _focus_results(self) -> None:
        if self._started:
            self.run_search()
            self.browse.focus_results()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.search_field.hasFocus() and event.key() == Qt.Key.Key_Down:
            self._focus_results()
            return
        super().keyPressEvent(event)

    # --- errors -------------------------------------------------------------------------------

    def _on_database_error(self, error: BaseException) -> None:
        from desktop.core.errors import DatabaseUnreadableError, DossierError
        from desktop.ui.base import dialogs, formats
        from desktop.ui.base.wording import for_window
        from desktop.ui.upkeep.maintenance import offer_latest_backup

        if not isinstance(error, DossierError):
            self._on_unexpected(error)
            return
        self.database_ok = False
        if self._open_error_reported:
            return  # every queued job fails the same way; say it once
        self._open_error_reported = True
        message = for_window(formats.said(error))
        self.status_label.setText(self.tr("Cannot open the knowledge base — see the message"))
        self.browse.show_failure(self.tr("The knowledge base could not be opened"), message)
        self.database_failed.emit(message)
        dialogs.show_error(self, self.tr("Cannot open the knowledge base"), message)
        if isinstance(error, DatabaseUnreadableError):
            self._build_services()  # the backups are the maintenance's
            offer_latest_backup(self.maintenance, message)

    def _on_unexpected(self, error: BaseException) -> None:
        from desktop.ui.base import dialogs

        dialogs.report_unexpected(self, error)

    # --- state --------------------------------------------------------------------------------

    def _restore_state(self) -> None:
        self._selected_slug = window_state.restore(self.browse)

    def save_state(self) -> None:
        if self._started:  # nothing was shown, nothing to remember
            window_state.save(self, self.browse, self.search_field, self._selected_slug)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing = True
        if not self._started:  # closed before its first paint: nothing runs, nor will
            super().closeEvent(event)
            return
        self._first_screen_complete()  # closed before it: nothing more to announce
        from desktop.ui.upkeep.maintenance import shutdown as maintenance_shutdown

        self.save_state()
        self.search.cancel()  # queued searches skip, running ones stop
        self.desk.close_all()
        if self._services_built:
            maintenance_shutdown(self.maintenance)
        if self._orm_thread is not None:
            self._orm_thread.join(timeout=10)  # never tear down Python mid-import
        if self._services_built:
            self.team.shutdown()
        self.executor.shutdown()
        super().closeEvent(event)
