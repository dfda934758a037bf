"""The sync button: what the team state is, a sync on click and every few minutes.

The button reads like a status line — "Synced 10:42 · 3 changes waiting · 1 conflict",
"Offline — 12 changes waiting", "Syncing…" — and a click syncs now. Syncs run on their own
executor (their own connection to the file), so the window's searches and edits never queue
behind one. A server that cannot be reached is a state, not an error: the button says so and
the next automatic sync tries again. What a person must act on (a refused password, a server
on a newer version) is said once, and automatic syncs pause until the next manual one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QInputDialog, QLineEdit, QToolButton, QWidget

from desktop.app.changes import Topic, change
from desktop.ui.base.executor import DatabaseExecutor
from desktop.ui.base.operation import DatabaseOp, report_error

if TYPE_CHECKING:
    from desktop.app.store import Store
    from desktop.app.team import SyncReport, TeamState

T = TypeVar("T")
AUTO_SYNC_MINUTES = 5
SYNCED = change(Topic.ENTITIES, Topic.FIGURES, Topic.SOURCES, Topic.PROSPECTS, Topic.BRIEFS)


def describe(state: TeamState, *, offline: bool = False, syncing: bool = False) -> str:
    """The button's text for a team state."""
    if not state.joined:
        return "Join a team…"
    if syncing:
        return "Syncing…"
    waiting = _count(state.waiting, "change", "changes") + " waiting"
    if offline:
        return f"Offline — {waiting}"
    parts = []
    if state.last_sync_at is not None:
        parts.append(f"Synced {state.last_sync_at.astimezone().strftime('%H:%M')}")
    else:
        parts.append("Not synced yet")
    if state.waiting:
        parts.append(waiting)
    if state.open_conflicts:
        parts.append(_count(state.open_conflicts, "conflict", "conflicts"))
    return " · ".join(parts)


def on_file(work: Callable[[Store], T]) -> Callable[[Path], T]:
    """``work`` as a job of the sync executor: the file is opened for it and closed after."""

    def job(path: Path) -> T:
        from desktop.app.store import Store

        store = Store(path, searching=False)  # team work never searches
        try:
            return work(store)
        finally:
            store.close()

    return job


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


class TeamSync(QObject):
    """Owns the sync button, the sync executor and the automatic sync."""

    state_changed = Signal(object)  # TeamState
    conflicts_requested = Signal()
    join_requested = Signal()

    def __init__(self, main_executor: DatabaseExecutor, db_path: Path, parent: QWidget) -> None:
        super().__init__(parent)
        self.main_executor = main_executor
        # Each job opens the file and closes it again: a restore must find nobody holding it.
        self.executor = DatabaseExecutor(lambda: db_path, self)
        self.window = parent
        self.state: TeamState | None = None
        self.offline = False
        self.syncing = False
        self.paused = False  # after a refused password: only a click tries again
        self.button = QToolButton(parent)
        self.button.setObjectName("syncButton")
        self.button.setAccessibleName("Team sync")
        self.button.setToolTip("Sync with the team now")
        self.button.clicked.connect(self._clicked)
        self.timer = QTimer(self)
        self.timer.setInterval(AUTO_SYNC_MINUTES * 60_000)
        self.timer.timeout.connect(lambda: self.sync(automatic=True))
        main_executor.data_changed.connect(lambda _change: self.refresh())

    # --- state -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the team state again (after any change: the waiting count moves)."""
        from desktop.app import team

        DatabaseOp(self.window, on_file(team.team_state)).success(self._show).failure(
            lambda _error: None  # the window reports a database it cannot open itself
        ).run(self.executor)

    def _show(self, state: TeamState) -> None:
        self.state = state
        self.button.setText(describe(state, offline=self.offline, syncing=self.syncing))
        if state.joined and not self.timer.isActive():
            self.timer.start()
        if not state.joined:
            self.timer.stop()
        self.state_changed.emit(state)

    def _clicked(self) -> None:
        if self.state is not None and not self.state.joined:
            self.join_requested.emit()
            return
        if self.state is not None and self.state.open_conflicts and not self.state.waiting:
            self.sync(then=self.conflicts_requested.emit)
            return
        self.sync()

    # --- syncing ---------------------------------------------------------------------------

    def sync(
        self,
        *,
        automatic: bool = False,
        password: str | None = None,
        then: Callable[[], object] | None = None,
    ) -> None:
        """Push and pull, off the UI thread; ``automatic`` syncs stay quiet about everything."""
        from desktop.app import team

        if self.syncing or (automatic and self.paused) or not (self.state and self.state.joined):
            return
        self.syncing = True
        if self.state is not None:
            self._show(self.state)

        @on_file
        def work(store: Store) -> SyncReport:
            return team.sync_team(store, password=password)

        def done(report: SyncReport) -> None:
            self.syncing, self.offline, self.paused = False, False, False
            if report.received or report.new_conflicts:
                self.main_executor.data_changed.emit(SYNCED)  # every view refreshes, this too
            else:
                self.refresh()
            if then is not None:
                then()

        DatabaseOp(self.window, work).success(done).failure(
            lambda error: self._failed(error, automatic=automatic)
        ).run(self.executor)

    def _failed(self, error: BaseException, *, automatic: bool) -> None:
        from desktop.core.errors import ServerPasswordError, ServerUnreachableError

        self.syncing = False
        if isinstance(error, ServerUnreachableError):
            self.offline = True  # a state, not a message: the next sync tries again
        elif isinstance(error, ServerPasswordError) and error.missing and not automatic:
            self._ask_password()
        elif isinstance(error, ServerPasswordError) and error.missing:
            self.paused = True  # nobody to ask: wait for a click
        else:
            self.paused = True
            if not automatic or not isinstance(error, ServerPasswordError):
                report_error(self.window, "Team sync", error)
        self.refresh()

    def _ask_password(self) -> None:
        text, accepted = QInputDialog.getText(
            self.window,
            "Team sync",
            "The team server asks for your password (it is kept in the system keyring if "
            "there is one):",
            QLineEdit.EchoMode.Password,
        )
        if accepted and text:
            self.sync(password=text)

    def shutdown(self) -> None:
        self.timer.stop()
        self.executor.shutdown()
