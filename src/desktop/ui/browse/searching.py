"""Searching as the consultant types: a short pause, then one search, then its facet counts.

Each search gets a generation number. Typing restarts the pause; a job for an outdated
generation is skipped in the worker and a late result is dropped here, so fast typing never
shows stale rows and never queues a backlog. Results and counts come back through callbacks
on the UI thread; the window decides what to show.

The search runs on the executor's main lane and brings the first page of hits (every hit it
lists when the table is sorted by a column), with excerpts only for the rows on screen. Its
facet counts (a tenth of a second or more on a large knowledge base) start once its rows are
painted, on the executor's reading lane, so they never stand in front of the next search nor
slow down the paint (the window's first list has its counts asked for right behind it, to be
painted with it); counts for a search already outdated are skipped. The table asks for the
next pages as it scrolls, on the reading lane too; a page that comes for an outdated search is
dropped. Rows scrolled into view later get their excerpts then.

A search or count still running when a newer search starts is interrupted (its reader stops
its statement), so neither lane spends a core on an answer nobody will see.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from desktop.app.store import Store
    from desktop.core.search.facets import Facets
    from desktop.core.search.service import SearchFilters, SearchResult
    from desktop.ui.base.executor import DatabaseExecutor
    from desktop.ui.browse.results_panel import ResultsPanel

T = TypeVar("T")
TYPING_PAUSE_MS = 100  # long enough to skip the words being typed, short enough to feel instant
PAINT_WAIT_MS = 250  # the counts start after the rows are painted, or after this at the latest
# the window's first rows wait this long at most for their counts, asked for right behind them,
# to be painted in one go with them (a few ms at the cluster's size; a large database's take
# longer, and its rows do not wait for them)
COUNTS_AWAITED_MS = 10


class SearchRunner(QObject):
    def __init__(
        self,
        executor: DatabaseExecutor,
        *,
        due: Callable[[], None],
        on_results: Callable[[str, SearchResult], None],
        on_facets: Callable[[Facets], None],
        on_error: Callable[[BaseException], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.executor = executor
        self.generation = 0
        self.shown = 0  # the generation whose rows are on screen
        self._shown_query = ""
        self._shown_filters: SearchFilters | None = None
        self._shown_partial = False
        self._panel: ResultsPanel | None = None
        self._on_results, self._on_facets, self._on_error = on_results, on_facets, on_error
        self._running: dict[int, tuple[int, Store]] = {}  # worker thread → generation, store
        self._running_lock = threading.Lock()
        self.pause = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self.pause.timeout.connect(due)
        self._then: Callable[[], None] | None = None  # to do once the rows are painted
        self._paint_wait = QTimer(self, singleShot=True, interval=PAINT_WAIT_MS)
        self._paint_wait.timeout.connect(self._painted)
        self._held: Callable[[], None] | None = None  # shows the first rows, awaiting counts
        self._hold = QTimer(self, singleShot=True, interval=COUNTS_AWAITED_MS)
        self._hold.timeout.connect(self._show_held)

    def show_in(self, panel: ResultsPanel) -> None:
        """Bring excerpts for the rows ``panel`` has on screen, now and as it scrolls, and count
        once it has painted a search's rows."""
        self._panel = panel
        panel.snippets_wanted.connect(self._fill_snippets)
        panel.model.more_wanted.connect(self._fetch_page)
        panel.painted.connect(self._painted)

    def _after_paint(self, then: Callable[[], None]) -> None:
        """``then()`` once the rows just shown are painted (work beside the paint slows it
        down), or after :data:`PAINT_WAIT_MS` should nothing paint (a hidden window); only the
        newest search's is kept."""
        self._then = then
        if self._panel is None:
            self._painted()
        else:
            self._paint_wait.start()

    def _painted(self) -> None:
        self._paint_wait.stop()
        then, self._then = self._then, None
        if then is not None:
            then()

    def typed(self) -> None:
        """A key was pressed: search once the typing pauses."""
        self.pause.start()

    def stop(self) -> None:
        self.pause.stop()

    def cancel(self) -> None:
        """No more searching (the window closes): queued jobs skip, running ones stop."""
        self.pause.stop()
        self.generation += 1
        self._interrupt_outdated()

    def run(self, query: str, filters: SearchFilters, *, count_at_once: bool = False) -> int:
        """Search now; returns the generation the results will carry.

        ``count_at_once``: the counts follow the search on the main lane at once, not once its
        rows are painted on the reading lane, and the rows wait up to
        :data:`COUNTS_AWAITED_MS` for them — for the window's first list, asked for before the
        reading lane's connection is open, whose rows and counts are then painted in one go
        with the panels. A search typed later must never wait for counts (a newer search
        interrupts these as outdated)."""
        self.pause.stop()
        self.generation += 1
        self._interrupt_outdated()
        generation = self.generation
        snippet_rows = self._panel.rows_on_screen() if self._panel is not None else None
        every = self._panel is not None and self._panel.sorted_by_column()

        def current() -> bool:  # read in the worker: skip a search already outdated
            return generation == self.generation

        def search(store: Store) -> SearchResult | None:
            from desktop.app import browse

            limit = browse.DISPLAY_LIMIT if every else browse.FIRST_PAGE
            return self._unless_outdated(
                generation,
                store,
                lambda: browse.search(
                    store, query=query, filters=filters, limit=limit, snippet_rows=snippet_rows
                ),
            )

        def found(result: SearchResult | None) -> None:
            if not current() or result is None:
                return

            def show() -> None:
                if not current():
                    return  # outdated while it awaited its counts
                self.shown, self._shown_query, self._shown_filters = generation, query, filters
                self._shown_partial = result.partial
                self._on_results(query, result)

            if count_at_once:
                self._held = show
                self._hold.start()
            else:
                show()
                self._after_paint(lambda: self._count(query, filters, generation))

        self.executor.submit(search, found, self._on_error)
        if count_at_once:
            self._count(query, filters, generation, beside=False)
        return generation

    def _count(
        self, query: str, filters: SearchFilters, generation: int, *, beside: bool = True
    ) -> None:
        """The facet counts of a search whose rows are in, beside the next searches (or, not
        ``beside``, right behind its search, see :meth:`run`)."""

        def current() -> bool:
            return generation == self.generation

        if not current():
            return

        def facets(store: Store) -> Facets | None:
            from desktop.app import browse

            return self._unless_outdated(
                generation, store, lambda: browse.facets(store, query=query, filters=filters)
            )

        def counted(counts: Facets | None) -> None:
            self._show_held()  # the rows first, if they awaited these
            if current() and counts is not None:
                self._on_facets(counts)

        submit = self.executor.submit_reading if beside else self.executor.submit
        # a failed count: the search reports the same problem
        submit(facets, counted, lambda _error: self._show_held())

    def _show_held(self) -> None:
        """Show the first rows held for their counts (now that they came, or are late)."""
        self._hold.stop()
        held, self._held = self._held, None
        if held is not None:
            held()

    def _fetch_page(self, serial: int, offset: int, count: int) -> None:
        """The next ``count`` hits from ``offset`` of the search on screen, for its table (model
        ``serial``); on the reading lane, so a page never waits behind the next search."""
        panel, filters = self._panel, self._shown_filters
        if panel is None or filters is None or self.shown != self.generation:
            return  # a newer search is on its way: its rows replace these
        generation, query, partial = self.shown, self._shown_query, self._shown_partial

        def page(store: Store) -> SearchResult | None:
            from desktop.app import browse

            return self._unless_outdated(
                generation,
                store,
                lambda: browse.search(
                    store,
                    query=query,
                    filters=filters,
                    limit=count,
                    offset=offset,
                    snippet_rows=0,  # those on screen are asked for as they come into view
                    count_total=False,
                ),
            )

        def arrived(result: SearchResult | None) -> None:
            if generation != self.generation:
                return  # outdated: the table shows another search by now, or soon will
            # a page ranked otherwise (by every word, not some) does not continue the list
            same = result is not None and result.partial == partial
            panel.model.add_hits(serial, offset, result.hits if result and same else None)

        def failed(_error: BaseException) -> None:  # the next search reports the problem
            if generation == self.generation:
                panel.model.add_hits(serial, offset, None)

        self.executor.submit_reading(page, arrived, failed)

    def _fill_snippets(self, entity_ids: list[int]) -> None:
        """Excerpts for rows that came on screen, if their search is still the newest."""
        if self._panel is None or self.shown != self.generation:
            return  # a newer search is on its way with excerpts of its own
        generation, query, panel = self.shown, self._shown_query, self._panel

        def snippets(store: Store) -> dict[int, str] | None:
            from desktop.app import browse

            return self._unless_outdated(
                generation,
                store,
                lambda: browse.snippets(store, query=query, entity_ids=entity_ids),
            )

        def fill(found: dict[int, str] | None) -> None:
            if generation == self.generation and found:
                panel.model.set_snippets(found)

        # a problem with the database shows with the next search
        self.executor.submit(snippets, fill, lambda _error: None)

    def _unless_outdated(self, generation: int, store: Store, call: Callable[[], T]) -> T | None:
        """In a worker: ``call()`` for a search of ``generation``, which a newer search may
        interrupt; None when outdated, before it starts or because it was stopped."""
        worker = threading.get_ident()
        with self._running_lock:
            if generation != self.generation:
                return None
            self._running[worker] = (generation, store)
        try:
            return call()
        except Exception:
            if generation == self.generation:
                raise
            return None  # interrupted, or failed when it no longer mattered
        finally:
            with self._running_lock:
                del self._running[worker]

    def _interrupt_outdated(self) -> None:
        """Stop the jobs of older searches still running (their statements raise)."""
        with self._running_lock:
            for generation, store in self._running.values():
                if generation != self.generation:
                    store.interrupt()
