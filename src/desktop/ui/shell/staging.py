"""The window's start in stages: painted at once, searchable right after, complete a moment later.

1. Before the first paint only the frame is built (:mod:`desktop.ui.shell.frame`): menu titles,
   toolbar, search field, status line. Only Qt and a few small modules are imported by then.
2. Right after the first paint (300 ms after construction for a window never exposed), first
   the database executor, whose worker opens the file and loads the search code
   (:meth:`StagedStart._open_database`), and — with an empty search field — the first list with
   its counts right behind it on the same lane, then one word search to warm the search code up
   (:meth:`StagedStart._search_before_the_panels`); then, while those run, the briefs desk and
   the panels. The panels take the placeholder's place once the first rows are in (the rows wait
   a moment for their counts, see ``SearchRunner.run``), so one paint shows panels, rows and
   counts (:meth:`StagedStart._show_the_panels`).
3. Right after that paint — and after the rows of a query typed meanwhile — the services
   (edits, maintenance, team sync) and the menus' entries and shortcuts
   (:meth:`StagedStart._build_services`), the reading lane's own connection, then
   ``first_screen_shown``: logging is set up and garbage collection resumes
   (:meth:`StagedStart._announce`). Once the window is idle — the newest
   search's rows and counts on screen, nothing typed for a moment — the ORM and the team's
   application code are imported on a side thread (a few hundred ms); only then are the Key
   figures tab built and the tags, key figures and team state asked for (asked for at once, the
   team state's import would hold the event loop until the side thread's import is done).
   Backups start a few seconds later.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer

if TYPE_CHECKING:
    from pathlib import Path

    from desktop.app.store import Store
    from desktop.core.search.filters import SearchFilters


# The side thread's imports wait until the window has been this long without a search, its rows
# and counts on screen: while they run, a search and its counts take several times as long (each
# row the database hands over has to win the interpreter lock back from the importing thread).
IMPORT_WHEN_IDLE_MS = 300
IMPORT_AT_THE_LATEST_S = 5.0  # counts that never come (a failed count) delay them no longer
WARM_UP_WORD = "warm"  # see _warm_up_word_search
PANELS_AWAIT_ROWS_MS = 300  # the placeholder stays until the first rows come, this long at most
PAINT_AT_THE_LATEST_MS = 1000  # a window that does not paint (hidden) says it is complete then


class StagedStart:
    """Mixed into the main window, whose attributes and signals it uses (see the module)."""

    db_path: Path
    _started: bool
    closing: bool
    _orm_thread: threading.Thread | None
    _idle: QTimer
    _idle_since: float
    first_painted: Any  # Signal(): emitted once, at the first paint (or at the late start)
    first_screen_shown: Any  # Signal(): once, after the first list and its counts are painted
    _orm_ready: Any  # Signal(): the side thread's imports are done
    _first_screen_done: bool  # what came last of the first screen is awaited on screen
    _announced: bool  # first_screen_shown was emitted
    _services_built: bool
    _panels_shown: bool  # the panels took the placeholder's place

    def event(self, event: QEvent) -> bool:
        if not getattr(self, "_painted", True) and event.type() == QEvent.Type.Paint:
            self._painted = True
            QTimer.singleShot(0, self._start)  # type: ignore[attr-defined]
            self.first_painted.emit()
        return super().event(event)  # type: ignore[misc]

    def _wait_for_the_first_screen(self) -> None:
        """The panels shown with the first rows, and the services and ``first_screen_shown``
        once the first list and its counts are on screen (or the database failed, or a few
        seconds passed)."""
        window: Any = self
        self._first_screen_done = self._announced = self._services_built = False
        self._panels_shown = False
        QTimer.singleShot(PANELS_AWAIT_ROWS_MS, window, self._show_the_panels)
        window.results_shown.connect(self._first_rows_shown)
        window.counts_shown.connect(self._first_counts_shown)
        window.database_failed.connect(self._first_screen_failed)
        QTimer.singleShot(int(IMPORT_AT_THE_LATEST_S * 1000), window, self._first_screen_complete)

    def _show_the_panels(self) -> None:
        """The panels in the placeholder's place once the first rows are set (or the database
        failed, or :data:`PANELS_AWAIT_ROWS_MS` passed): painted once, with their rows and
        counts; shown before, they would be painted empty, then again, while the database's
        threads want the interpreter."""
        window: Any = self
        if self._panels_shown or window.closing:
            return
        self._panels_shown = True
        # the search field's height follows its focus (a wider border): laid out again now, it
        # does not change when the sync button takes its place in the toolbar
        window.search_field.updateGeometry()
        window.setCentralWidget(window.tabs)
        window.placeholder.deleteLater()
        # the lists' items laid out once shown at their size, before the paint: laid out during
        # it (as item views do), the navigator would paint a scroll bar it drops right after
        views = (window.navigator.tree, window.table)
        QTimer.singleShot(0, window, lambda: [view.doItemsLayout() for view in views])

    def _first_rows_shown(self, _generation: int) -> None:
        window: Any = self
        self._show_the_panels()
        if window.counted:  # the counts came first: complete once the rows are painted
            results = window.results
            empty = results.is_empty_state()
            self._first_screen_complete(results.empty if empty else results.table.viewport())

    def _first_counts_shown(self, _generation: int) -> None:
        window: Any = self
        if window.shown_generation:  # the rows came first, or another search's did
            self._first_screen_complete(window.navigator.tree.viewport())

    def _first_screen_failed(self, _message: str) -> None:
        self._show_the_panels()  # with the message
        self._first_screen_complete()

    def _first_screen_complete(self, painted: QObject | None = None) -> None:
        """Right after the paint of what came last of the first list and its counts: the
        services, then ``first_screen_shown`` (logging and garbage collection wait for it).
        Before, they would stand in front of that paint."""
        window: Any = self
        if self._first_screen_done:
            return
        self._first_screen_done = True
        self._show_the_panels()  # a few seconds passed (or the window closes)
        with contextlib.suppress(RuntimeError):  # already gone with a closed window
            window.results_shown.disconnect(self._first_rows_shown)
            window.counts_shown.disconnect(self._first_counts_shown)
            window.database_failed.disconnect(self._first_screen_failed)
        if not window.closing:
            AfterNextPaint(painted or window, lambda: QTimer.singleShot(0, window, self._announce))
            QTimer.singleShot(PAINT_AT_THE_LATEST_MS, window, lambda: self._announce(force=True))

    def _announce(self, *, force: bool = False) -> None:
        """The services and ``first_screen_shown``, unless a search typed since the first
        screen's paint is on its way: that one's rows are painted first (or within
        :data:`PAINT_AT_THE_LATEST_MS` in any case)."""
        window: Any = self
        if self._announced or window.closing:
            return
        failed = window._open_error_reported  # no rows are coming
        if not force and not failed and window.search.shown != window.search.generation:
            window.results.painted.connect(self._announce, Qt.ConnectionType.SingleShotConnection)
            return
        self._announced = True
        # the reading lane's own connection, for the counts of the searches to come
        window.executor.submit_reading(lambda _store: None, None, lambda _error: None)
        self._build_services()
        window.first_screen_shown.emit()
        if window.shown_generation:
            QTimer.singleShot(0, window, self.ask_for_card_at_first_start)

    def _open_database(self) -> None:
        """First thing after the first paint: the executor, whose worker opens the file and
        loads the search code while the panels are built; the first list then waits for
        neither. (The reading lane's connection opens once the first screen is complete: until
        then the first list and its counts are the only reads.)"""
        from desktop.ui.base.executor import DatabaseExecutor

        window: Any = self
        if not window._painted:  # started by the timer, never painted: say it is on screen now
            window._painted = True
            window.first_painted.emit()
        db_path = self.db_path
        executor = DatabaseExecutor(lambda: _open_store(db_path), window)
        window.executor = executor
        executor.data_changed.connect(window._on_data_changed)
        executor.failed.connect(window._on_unexpected)
        # a database that cannot be opened is reported by the first search
        executor.submit(_load_searching, None, lambda _error: None)

    def _search_before_the_panels(self) -> SearchFilters | None:
        """Ask for the list of every entity (an empty search field) before the panels are
        built, with the filters saved at the last close; returns those filters, or None when
        the field holds a query (its excerpts are cut for the rows the results panel shows,
        so its search waits for the panel).

        Its rows and counts then come while the panels are being built, and one paint shows
        panels, rows and counts.
        """
        from desktop.core.search.filters import SearchFilters
        from desktop.ui.shell import window_state

        window: Any = self
        if window.search_field.text().strip():
            return None
        kind, sector, tags = window_state.saved_filters()
        filters = SearchFilters(
            kinds=(kind,) if kind else (), sectors=(sector,) if sector else (), tags=tags
        )
        window.search.run("", filters, count_at_once=True)
        window.executor.submit(_warm_up_word_search, None, lambda _error: None)
        return filters

    def _first_search_fits(self, asked: SearchFilters | None) -> bool:
        """Whether the search asked for before the panels is the one they ask for: not if the
        field held a query, the navigator dropped a saved filter it no longer offers, or the
        table is sorted by a column (it then lists every hit, not a page)."""
        window: Any = self
        sorted_by_column = window.results.proxy.sortColumn() >= 0
        return asked == window.browse.search_filters() and not sorted_by_column

    def _build_services(self) -> None:
        """The window's services — edits, maintenance, team sync — and its menus' entries and
        shortcuts, once the first screen is complete (or sooner, when a failed database
        needs the maintenance's backups); once."""
        window: Any = self
        if self._services_built or window.closing:
            return
        self._services_built = True
        from desktop.ui.shell import editor_tracking, window_actions
        from desktop.ui.upkeep.edit_controller import EditController
        from desktop.ui.upkeep.maintenance import Maintenance

        window.edits = edits = EditController(window.executor, window)
        window.maintenance = Maintenance(window.executor, self.db_path, window)
        window.maintenance.replaced_by_hand.connect(edits.stack.clear)
        edits.maintenance = window.maintenance
        edits.removed.connect(window._after_removal)
        results = window.results
        results.edit_requested.connect(edits.edit_entity)
        results.verify_requested.connect(lambda slug: edits.verify("entity", slug))
        window.detail.action_requested.connect(
            lambda action, slug, key: edits.records.handle(action, slug, key)
        )
        editor_tracking.track_last_editor(window)
        window_actions.build(window)  # menus, shortcuts and the toolbar's actions
        window._update_history_actions()

    def _after_first_results(self) -> None:
        """Load what the first screen does not need, once it shows its list (see the module)."""
        window: Any = self
        if window.closing:  # closed as its first list came
            return
        window._orm_ready.connect(lambda: window.figures)  # builds the second tab
        window._orm_ready.connect(window._request_overview)
        window._orm_ready.connect(lambda: self._with_services(lambda: window.team.refresh()))
        self._idle = QTimer(window, singleShot=True, interval=IMPORT_WHEN_IDLE_MS)
        self._idle.timeout.connect(self._import_when_idle)
        self._idle_since = time.monotonic()
        window.search_field.textChanged.connect(self._wait_for_quiet)
        window.counts_shown.connect(self._wait_for_quiet)
        self._idle.start()
        QTimer.singleShot(
            3000, window, lambda: self._with_services(lambda: window.maintenance.start())
        )

    def _with_services(self, then: Callable[[], None]) -> None:
        """``then()`` with the services built (asked for before the first screen was complete,
        they are built now), unless the window is closing."""
        window: Any = self
        self._build_services()
        if self._services_built and not window.closing:
            then()

    def _import_when_idle(self) -> None:
        """Start the side thread's imports once the newest search has its rows and counts on
        screen and nothing was typed since (within a few seconds in any case)."""
        window: Any = self
        if window.closing:
            return
        newest = window.search.generation
        busy = window.shown_generation != newest or window.counted != newest
        if busy and time.monotonic() - self._idle_since < IMPORT_AT_THE_LATEST_S:
            self._idle.start()
            return
        window.search_field.textChanged.disconnect(self._wait_for_quiet)
        window.counts_shown.disconnect(self._wait_for_quiet)
        self._orm_thread = threading.Thread(
            target=self._import_in_background, name="import-orm", daemon=True
        )
        self._orm_thread.start()

    def _wait_for_quiet(self, *_activity: object) -> None:
        """Typing or new counts: the imports wait a moment longer."""
        self._idle.start()

    def _import_in_background(self) -> None:
        try:  # the ORM, and the team's code the sync button's state is asked of next
            import desktop.app.team
            import desktop.core.kb.catalogue  # noqa: F401
        finally:
            with contextlib.suppress(RuntimeError):  # the window is gone: nobody to tell
                self._orm_ready.emit()

    def ask_for_card_at_first_start(self) -> None:
        """The first start with an empty contact card asks for it, once (see first_start)."""
        from desktop.ui.preferences import first_start

        window: Any = self
        if window.isVisible():
            first_start.ask_once_at_start(window)


def _open_store(db_path: Path) -> Store:
    """In the worker: the window's handle on its database (imported there, off start-up)."""
    from desktop.app.store import open_store

    return open_store(db_path)


def _load_searching(_store: Store) -> None:
    """In the worker, the database open: load the search code while the first list is asked
    for."""
    import desktop.app.browse  # noqa: F401


def _warm_up_word_search(store: Store) -> None:
    """In the worker, behind the first list and its counts: one search for a word, so that the
    first query typed finds the word search's code loaded and its statements prepared (a few
    ms of the first query otherwise). What it finds does not matter."""
    from desktop.app import browse
    from desktop.core.search.filters import SearchFilters

    browse.search(
        store,
        query=WARM_UP_WORD,
        filters=SearchFilters(),
        limit=1,
        snippet_rows=0,
        count_total=False,
    )


class AfterNextPaint(QObject):
    """Calls ``then`` right after ``widget``'s next paint, or after :data:`PAINT_AT_THE_LATEST_MS`
    should none come (a hidden window). Work queued at once would run before a paint already
    asked for (Qt delivers paints after every other pending event)."""

    def __init__(self, widget: QObject, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then: Callable[[], None] | None = then
        widget.installEventFilter(self)
        QTimer.singleShot(PAINT_AT_THE_LATEST_MS, self, self._call)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._call)
        return False

    def _call(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            self.deleteLater()
            then()
