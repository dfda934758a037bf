"""One user action, run on the database executor and answered on the UI thread.

The pattern (after Anki's ``CollectionOp``)::

    DatabaseOp(self, lambda store: briefs.update_brief(store, brief_id=7, title=title))
        .success(self._show)
        .announces(change(Topic.BRIEFS, brief_id=7))
        .run(self.executor)

``work`` is an application-layer function (:mod:`desktop.app`): typed, keyword-only, no Qt.
The callbacks run on the UI thread and are dropped when ``owner`` was closed and deleted while
the work ran. An operation without a failure callback reports its error in the one place that
turns errors into messages: a :class:`~desktop.core.errors.DossierError` as its own sentence, and
anything else as the unexpected-error dialog that names the log file. After a success, the
change it announces goes out on :attr:`DatabaseExecutor.data_changed`, so every view that shows
that data refreshes itself; nobody has to know who is listening.

Work that may take seconds (an import, a data export) asks for ``.with_progress(text)``: a
progress dialog appears only when the work outlasts half a second, and the work may report
how far it is with :meth:`DatabaseOp.report` (from the worker thread; the dialog follows on the
UI thread). Without reports the dialog shows that something is going on, not how much.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.ui.base.formats import said

if TYPE_CHECKING:
    from desktop.app.changes import DataChange
    from desktop.app.store import Store
    from desktop.ui.base.executor import DatabaseExecutor

T = TypeVar("T")
SHOW_PROGRESS_AFTER_MS = 500


class _ProgressRelay(QObject):
    """Carries reports from the worker thread to the dialog on the UI thread (queued)."""

    moved = Signal(int, int, str)  # done, total, what


class DatabaseOp(Generic[T]):
    def __init__(self, owner: QObject, work: Callable[[Store], T], *, title: str = "") -> None:
        self._owner = owner
        self._work = work
        self._title = title or _window_title(owner)
        self._on_success: Callable[[T], Any] | None = None
        self._on_failure: Callable[[BaseException], Any] | None = None
        self._change: Callable[[T], DataChange | None] | None = None
        self._progress_text: str | None = None
        self._relay: _ProgressRelay | None = None  # made by with_progress, on the UI thread

    def with_progress(self, text: str) -> DatabaseOp[T]:
        """Show ``text`` in a progress dialog while the work runs (after half a second)."""
        self._progress_text = text
        self._relay = _ProgressRelay()
        return self

    def report(self, done: int, total: int, text: str = "") -> None:
        """How far the work is; safe to call from the worker thread (ignored without progress)."""
        if self._relay is not None:
            self._relay.moved.emit(done, total, text)

    def success(self, callback: Callable[[T], Any]) -> DatabaseOp[T]:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], Any]) -> DatabaseOp[T]:
        self._on_failure = callback
        return self

    def announces(self, change: DataChange | Callable[[T], DataChange | None]) -> DatabaseOp[T]:
        """After a success, announce ``change`` (or what it computes from the result)."""
        self._change = change if callable(change) else (lambda _result: change)
        return self

    def run(self, executor: DatabaseExecutor) -> None:
        dialog = self._progress_dialog()

        def finished() -> None:
            if dialog is not None and shiboken6.isValid(dialog):
                dialog.reset()
                dialog.deleteLater()

        def succeeded(result: T) -> None:
            finished()
            if not _alive(self._owner):
                return
            if self._change is not None and (change := self._change(result)) is not None:
                executor.data_changed.emit(_from(change, self._owner))
            if self._on_success is not None:
                self._on_success(result)

        def failed(error: BaseException) -> None:
            finished()
            if not _alive(self._owner):
                return
            if self._on_failure is not None:
                self._on_failure(error)
            else:
                report_error(self._owner, self._title, error)

        executor.submit(self._work, succeeded, failed)

    def _progress_dialog(self) -> QProgressDialog | None:
        relay, text = self._relay, self._progress_text
        if relay is None or text is None or not isinstance(self._owner, QWidget):
            return None
        dialog = QProgressDialog(text, "", 0, 0, self._owner)
        dialog.setObjectName("operationProgress")
        dialog.setCancelButton(None)  # the work is one transaction: it finishes or rolls back
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)

        def moved(done: int, total: int, text: str) -> None:
            if shiboken6.isValid(dialog):
                dialog.setRange(0, max(total, 0))
                dialog.setValue(min(done, total) if total > 0 else 0)
                if text:
                    dialog.setLabelText(said(text))

        relay.moved.connect(moved, Qt.ConnectionType.QueuedConnection)
        dialog.setValue(0)  # starts the minimum-duration clock
        return dialog


def report_error(owner: QObject | None, title: str, error: BaseException) -> None:
    """The one place a failed operation becomes a message a person can act on."""
    from desktop.core.errors import DossierError
    from desktop.ui.base import dialogs

    parent = owner if isinstance(owner, QWidget) else None
    if isinstance(error, DossierError):
        dialogs.show_error(
            parent, title or QCoreApplication.translate("Operation", "Error"), said(error)
        )
    else:
        dialogs.report_unexpected(parent, error)


def _from(change: DataChange, owner: QObject) -> DataChange:
    from dataclasses import replace

    return change if change.origin is not None else replace(change, origin=owner)


def _alive(owner: QObject) -> bool:
    return shiboken6.isValid(owner)


def _window_title(owner: QObject) -> str:
    if isinstance(owner, QWidget) and shiboken6.isValid(owner):
        return owner.window().windowTitle().split(" — ")[0]
    return ""
