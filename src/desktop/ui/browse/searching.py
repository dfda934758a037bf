"""Searching as the consultant types: a short pause, then one search and its facet counts.

Each search gets a generation number. Typing restarts the pause; a job for an outdated
generation is skipped in the worker and a late result is dropped here, so fast typing never
shows stale rows and never queues a backlog. Results and counts come back through callbacks
on the UI thread; the window decides what to show.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from desktop.app.store import Store
    from desktop.core.search.service import Facets, SearchFilters, SearchResult
    from desktop.ui.base.executor import DatabaseExecutor

TYPING_PAUSE_MS = 150


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
        self._on_results, self._on_facets, self._on_error = on_results, on_facets, on_error
        self.pause = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self.pause.timeout.connect(due)

    def typed(self) -> None:
        """A key was pressed: search once the typing pauses."""
        self.pause.start()

    def stop(self) -> None:
        self.pause.stop()

    def run(self, query: str, filters: SearchFilters) -> int:
        """Search now; returns the generation the results will carry."""
        self.pause.stop()
        self.generation += 1
        generation = self.generation

        def current() -> bool:  # read in the worker: skip a search already outdated
            return generation == self.generation

        def search(store: Store) -> SearchResult | None:
            from desktop.app import browse

            return browse.search(store, query=query, filters=filters) if current() else None

        def facets(store: Store) -> Facets | None:
            from desktop.app import browse

            return browse.facets(store, query=query, filters=filters) if current() else None

        self.executor.submit(
            search,
            lambda result: current() and result is not None and self._on_results(query, result),
            self._on_error,
        )
        self.executor.submit(
            facets,
            lambda counts: current() and counts is not None and self._on_facets(counts),
            lambda _error: None,  # the search reports the same problem once
        )
        return generation
