"""The window's start in stages: painted at once, searchable right after, complete a moment later.

1. Before the first paint only the frame is built (:mod:`desktop.ui.shell.frame`): menu titles,
   toolbar, search field, status line. Only Qt and a few small modules are imported by then.
2. Right after the first paint (300 ms after construction for a window never exposed): the
   services — database executor, briefs desk, edits, maintenance, team sync — and the menus'
   entries (:meth:`StagedStart._build_services`), then the panels and the first search. Their
   modules are imported here, not with the window's module.
3. Once the first list is on screen (:meth:`StagedStart._after_first_results`) and the window
   is idle — the newest search's rows and counts on screen, nothing typed for a moment — the
   ORM and the team's application code are imported on a side thread (a few hundred ms); only
   then are the Key figures tab built and the tags, key figures and team state asked for (asked
   for at once, the team state's import would hold the event loop until the side thread's
   import is done). Backups start a few seconds later.
"""

from __future__ import annotations

import contextlib
import threading
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QTimer

if TYPE_CHECKING:
    from pathlib import Path

    from desktop.app.store import Store


# The side thread's imports wait until the window has been this long without a search, its rows
# and counts on screen: while they run, a search and its counts take several times as long (each
# row the database hands over has to win the interpreter lock back from the importing thread).
IMPORT_WHEN_IDLE_MS = 300
IMPORT_AT_THE_LATEST_S = 5.0  # counts that never come (a failed count) delay them no longer


class StagedStart:
    """Mixed into the main window, whose attributes and signals it uses (see the module)."""

    db_path: Path
    _started: bool
    closing: bool
    _orm_thread: threading.Thread | None
    _idle: QTimer
    _idle_since: float
    first_painted: Any  # Signal(): emitted once, at the first paint (or at the late start)
    _orm_ready: Any  # Signal(): the side thread's imports are done

    def event(self, event: QEvent) -> bool:
        if not getattr(self, "_painted", True) and event.type() == QEvent.Type.Paint:
            self._painted = True
            QTimer.singleShot(0, self._start)  # type: ignore[attr-defined]
            self.first_painted.emit()
        return super().event(event)  # type: ignore[misc]

    def _build_services(self) -> None:
        """The window's services and its menus' entries, right after the first paint."""
        from desktop.ui.base.executor import DatabaseExecutor
        from desktop.ui.briefs.briefs_desk import BriefsDesk
        from desktop.ui.shell import editor_tracking, window_actions
        from desktop.ui.upkeep.edit_controller import EditController
        from desktop.ui.upkeep.maintenance import Maintenance

        window: Any = self
        if not window._painted:  # started by the timer, never painted: logging etc. still due
            window._painted = True
            window.first_painted.emit()
        db_path = self.db_path
        window.executor = DatabaseExecutor(lambda: _open_store(db_path), window)
        window.desk = BriefsDesk(window.executor, window)
        window.desk.entity_requested.connect(window.show_entity_in_front)
        window.edits = EditController(window.executor, window)
        window.maintenance = Maintenance(window.executor, db_path, window)
        window.maintenance.replaced_by_hand.connect(window.edits.stack.clear)
        window.edits.maintenance = window.maintenance
        window.executor.data_changed.connect(window._on_data_changed)
        window.edits.removed.connect(window._after_removal)
        window.last_editor = None  # the brief editor used last (File ▸ Export)
        editor_tracking.track_last_editor(window)
        window.executor.failed.connect(window._on_unexpected)
        window_actions.build(window)  # menus, shortcuts and the toolbar's actions
        window._update_history_actions()

    def _after_first_results(self) -> None:
        """Load what the first screen does not need, once it shows its list (see the module)."""
        window: Any = self
        if window.closing:  # closed as its first list came
            return
        window._orm_ready.connect(lambda: window.figures)  # builds the second tab
        window._orm_ready.connect(window._request_overview)
        window._orm_ready.connect(window.team.refresh)
        self._idle = QTimer(window, singleShot=True, interval=IMPORT_WHEN_IDLE_MS)
        self._idle.timeout.connect(self._import_when_idle)
        self._idle_since = time.monotonic()
        window.search_field.textChanged.connect(self._wait_for_quiet)
        window.counts_shown.connect(self._wait_for_quiet)
        self._idle.start()
        QTimer.singleShot(3000, window.maintenance.start)
        QTimer.singleShot(0, self.ask_for_card_at_first_start)

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
