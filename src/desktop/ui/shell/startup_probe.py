"""Start-up timing for ``bench/startup.py``: when the window is painted, populated, searchable.

Active only when ``DOSSIER_DESK_STARTUP_PROBE`` is set. It prints ``<event> <unix time>`` lines
— ``visible`` (the first paint), ``listed`` (the first rows painted), ``populated`` (their
counts painted in the navigator: the first screen complete), ``searchable`` (a query typed
then has its rows painted) — and quits, so the benchmark can time a real start. The query is
typed only once the counts are in: a consultant's first query comes after the first screen,
and typing earlier would let the window skip the first list's counts, the slowest part of its
first screen. It is typed without the typing pause (``bench/keypress.py`` times that), and
taken out of the field again before quitting, so the next start begins as this one did.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

PROBE_ENV_VAR = "DOSSIER_DESK_STARTUP_PROBE"
PROBE_QUERY = "GMP"


class StartupProbe(QObject):
    """Says each event when it reaches the screen: at the paint that follows the window's
    signal (rows and counts are set before they are painted), as the bare window it is
    compared with says ``visible`` at its first paint. The first list's counts may come before
    its rows: ``populated`` is said at the paint of whichever came last."""

    def __init__(self, window, app: QApplication) -> None:
        super().__init__(window)
        self._window = window
        self._app = app
        self._first: int | None = None  # the generation of the first rows shown
        self._listed = False  # the first rows were painted
        self._counts_coming: int | None = None  # the generation of counts set, to be painted
        self._counts_painted: int | None = None  # the generation of the counts painted
        self._populated = False
        self._probe: int | None = None  # the generation of the typed query
        self._found_in_the_field = ""
        # widget → what to do at its next paint
        self._awaited: dict[QObject, Callable[[], None]] = {}
        self._when_painted(window, lambda: _say("visible"))
        window.results_shown.connect(self._on_results)
        window.counts_shown.connect(self._on_counts)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched in self._awaited:
            painted = self._awaited.pop(watched)
            watched.removeEventFilter(self)
            painted()
        return False

    def _when_painted(self, widget: QObject, painted: Callable[[], None]) -> None:
        self._awaited[widget] = painted
        widget.installEventFilter(self)

    def _on_results(self, generation: int) -> None:
        rows = self._window.results.table.viewport()
        if self._first is None and self._window.results.model.rowCount() > 0:
            self._first = generation
            self._when_painted(rows, self._rows_painted)
        elif self._probe is not None and generation >= self._probe:
            self._when_painted(rows, self._searchable)

    def _rows_painted(self) -> None:
        _say("listed")
        self._listed = True
        self._when_populated()

    def _on_counts(self, generation: int) -> None:
        if not self._populated:  # the query is typed once the first list's counts are painted
            self._counts_coming = generation
            self._when_painted(self._window.navigator.tree.viewport(), self._counts_shown)

    def _counts_shown(self) -> None:
        self._counts_painted = self._counts_coming
        self._when_populated()

    def _when_populated(self) -> None:
        if self._listed and not self._populated and self._counts_painted == self._first:
            self._populated = True
            _say("populated")
            QTimer.singleShot(0, self._type)

    def _searchable(self) -> None:
        _say("searchable")
        QTimer.singleShot(0, self._quit)

    def _type(self) -> None:
        self._found_in_the_field = self._window.search_field.text()
        self._window.search_field.setText(PROBE_QUERY)
        self._window.run_search()  # at once: the typing pause is bench/keypress.py's to time
        self._probe = self._window.generation

    def _quit(self) -> None:
        """Quit, with the field as the probe found it: the window saves (and the next start
        restores) the state it started with, not the probe's query."""
        field = self._window.search_field
        field.blockSignals(True)
        field.setText(self._found_in_the_field)
        field.blockSignals(False)
        self._app.quit()


def _say(event: str) -> None:
    sys.stdout.write(f"{event} {time.time():.6f}\n")
    sys.stdout.flush()
