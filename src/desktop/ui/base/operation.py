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
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from desktop.app.changes import DataChange
    from desktop.app.store import Store
    from desktop.ui.base.executor import DatabaseExecutor

T = TypeVar("T")


class DatabaseOp(Generic[T]):
    def __init__(self, owner: QObject, work: Callable[[Store], T], *, title: str = "") -> None:
        self._owner = owner
        self._work = work
        self._title = title or _window_title(owner)
        self._on_success: Callable[[T], Any] | None = None
        self._on_failure: Callable[[BaseException], Any] | None = None
        self._change: Callable[[T], DataChange | None] | None = None

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
        def succeeded(result: T) -> None:
            if not _alive(self._owner):
                return
            if self._change is not None and (change := self._change(result)) is not None:
                executor.data_changed.emit(_from(change, self._owner))
            if self._on_success is not None:
                self._on_success(result)

        def failed(error: BaseException) -> None:
            if not _alive(self._owner):
                return
            if self._on_failure is not None:
                self._on_failure(error)
            else:
                report_error(self._owner, self._title, error)

        executor.submit(self._work, succeeded, failed)


def report_error(owner: QObject | None, title: str, error: BaseException) -> None:
    """The one place a failed operation becomes a message a person can act on."""
    from desktop.core.errors import DossierError
    from desktop.ui.base import dialogs

    parent = owner if isinstance(owner, QWidget) else None
    if isinstance(error, DossierError):
        dialogs.show_error(parent, title or "Error", str(error))
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
