"""Start-up timing for ``bench/startup.py``: when the window is painted, populated, searchable.

Active only when ``DOSSIER_DESK_STARTUP_PROBE`` is set. It prints ``<event> <unix time>`` lines
— ``visible`` (the first paint), ``listed`` (the first rows on screen), ``populated`` (those
rows and their counts in the navigator: the first screen complete), ``searchable`` (a query
typed then has its rows on screen) — and quits, so the benchmark can time a real start. The
query is typed only once the counts are in: a consultant's first query comes after the first
screen, and typing earlier would let the window skip the empty query's counts, the slowest
part of its first screen.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

PROBE_ENV_VAR = "DOSSIER_DESK_STARTUP_PROBE"
PROBE_QUERY = "GMP"


class StartupProbe(QObject):
    def __init__(self, window, app: QApplication) -> None:
        super().__init__(window)
        self._window = window
        self._app = app
        self._painted = False
        self._first: int | None = None  # the generation of the first rows shown
        self._probe: int | None = None  # the generation of the typed query
        window.installEventFilter(self)
        window.results_shown.connect(self._on_results)
        window.counts_shown.connect(self._on_counts)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._painted and watched is self._window and event.type() == QEvent.Type.Paint:
            self._painted = True
            _say("visible")
        return False

    def _on_results(self, generation: int) -> None:
        if self._first is None and self._window.results.model.rowCount() > 0:
            self._first = generation
            _say("listed")
        elif self._probe is not None and generation >= self._probe:
            _say("searchable")
            QTimer.singleShot(0, self._app.quit)

    def _on_counts(self, generation: int) -> None:
        if self._first is not None and self._probe is None and generation == self._first:
            _say("populated")
            self._window.search_field.setText(PROBE_QUERY)
            self._window.run_search()
            self._probe = self._window.generation


def _say(event: str) -> None:
    sys.stdout.write(f"{event} {time.time():.6f}\n")
    sys.stdout.flush()
