"""Start-up timing for ``bench/startup.py``: when the window is painted, populated, searchable.

Active only when ``DOSSIER_DESK_STARTUP_PROBE`` is set. It prints ``<event> <unix time>`` lines
and quits once a probe search has been answered, so the benchmark can time a real start.
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
        self._populated_generation: int | None = None
        window.installEventFilter(self)
        window.results_shown.connect(self._on_results)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._painted and watched is self._window and event.type() == QEvent.Type.Paint:
            self._painted = True
            _say("visible")
        return False

    def _on_results(self, generation: int) -> None:
        if self._populated_generation is None:
            if self._window.results.model.rowCount() == 0:
                return
            self._populated_generation = generation
            _say("populated")
            self._window.search_field.setText(PROBE_QUERY)
            self._window.run_search()
        elif generation > self._populated_generation:
            _say("searchable")
            QTimer.singleShot(0, self._app.quit)


def _say(event: str) -> None:
    sys.stdout.write(f"{event} {time.time():.6f}\n")
    sys.stdout.flush()
