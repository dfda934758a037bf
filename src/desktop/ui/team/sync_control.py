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
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QObject, QTime, QTimer, Signal
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
    translate = QCoreApplication.translate
    if not state.joined:
        return translate("TeamSync", "Join a team…")
    if syncing:
        return translate("TeamSync", "Syncing…")
    waiting = changes_waiting(state.waiting)
    if offline:
        return translate("TeamSync", "Offline — {waiting}").format(waiting=waiting)
    parts = []
    if state.last_sync_at is not None:
        synced = local_time(state.last_sync_at, with_date=False)
        parts.append(translate("TeamSync", "Synced {time}").format(time=synced))
    else:
        parts.append(translate("TeamSync", "Not synced yet"))
    if state.waiting:
        parts.append(waiting)
    if state.open_conflicts:
        count = state.open_conflicts
        parts.append(
            translate("TeamSync", "%Ln conflict", "", count)
            if count == 1  # English has no plural rules without a translator: choose here
            else translate("TeamSync", "%Ln conflicts", "", count)
        )
    return " · ".join(parts)


def changes_waiting(count: int) -> str:
    """``1 change waiting``, ``12 changes waiting`` in the window's language."""
    if count == 1:
        return QCoreApplication.translate("TeamSync", "%Ln change waiting", "", count)
    return QCoreApplication.translate("TeamSync", "%Ln changes waiting", "", count)


def local_time(moment: datetime, *, with_date: bool = True) -> str:
    """A moment on the consultant's clock, written as the window's locale writes it
    (``26/11/2026 10:42``, ``26.11.2026 10:42``; the year in full)."""
    local = moment.astimezone()
    locale = QLocale()
    time = locale.toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
    if not with_date:
        return time
    pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in pattern:
        pattern = pattern.replace("yy", "yyyy")
    day = locale.toString(QDate(local.year, local.month, local.day), pattern)
    return f"{day} {time}"


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
        self.button.setAccessibleName(self.tr("Team sync"))
        self.button.setToolTip(self.tr("Sync with the team now"))
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
                report_error(self.window, self.tr("Team sync"), error)
        self.refresh()

    def _ask_password(self) -> None:
        text, accepted = QInputDialog.getText(
            self.window,
            self.tr("Team sync"),
            self.tr(
                "The team server asks for your password (it is kept in the system keyring if "
                "there is one):"
            ),
            QLineEdit.EchoMode.Password,
        )
        if accepted and text:
            self.sync(password=text)

    def shutdown(self) -> None:
        self.timer.stop()
        self.executor.shutdown()
