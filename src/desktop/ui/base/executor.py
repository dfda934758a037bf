"""One background thread for every database call, with results delivered on the UI thread.

The database file takes one writer at a time and the window must never wait for the disk, so all
database work goes through this serialising executor: jobs run in submission order on a single
worker thread, and their results come back through a queued Qt signal, so callbacks run on the UI
thread and may touch widgets. The database is opened by the first job, in the worker, which also
keeps the import of SQLAlchemy off the start-up path of the window.

Beside it runs a reading lane: a second thread with a connection of its own, for slow reads that
must neither wait behind the main lane nor hold it up (the navigator's counts would otherwise sit
in front of the next search; readers of the database run side by side). It opens only once the
main lane has the database open (the first open may create or upgrade the file) and closes with
it (a restore needs the file free), running its jobs on the main lane meanwhile.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)
T = TypeVar("T")
Work = Callable[[Any], T]


class DatabaseExecutor(QObject):
    """Runs ``work(database)`` jobs one at a time off the UI thread.

    ``opener`` is called once, in the worker, to open the database; if it raises, every job
    fails with that error until :meth:`reopen` is called.
    """

    _delivered = Signal(object, object, object)  # callback, value, is_error
    failed = Signal(object)  # an error no job callback handled
    # the single "data changed" signal: a DataChange after an operation that wrote something
    # (see desktop.ui.base.operation); every view that shows data listens here
    data_changed = Signal(object)

    def __init__(self, opener: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._opener = opener
        self._database: Any = None
        self._open_error: BaseException | None = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="database")
        self._delivered.connect(self._deliver)
        self._closed = threading.Event()
        self._opened = threading.Event()  # the main lane has the database open
        self._reading_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="reading")
        self._reading_gate = threading.Lock()  # held by a reading job, or to close its database
        self._reading_database: Any = None

    def submit(
        self,
        work: Work[T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
    ) -> Future[T] | None:
        """Queue ``work``; its result or error reaches the matching callback on the UI thread.

        After :meth:`shutdown` nothing more is queued (a late timer may still ask) and None
        is returned.
        """
        if self._closed.is_set():
            return None

        def run() -> T:
            return self._reporting(lambda: work(self._ensure_open()), on_success, on_failure)

        return self._pool.submit(run)

    def submit_reading(
        self,
        work: Work[T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
    ) -> Future[T | None] | None:
        """Queue ``work`` — which only reads — on the reading lane, beside the main lane.

        Reading jobs run in order among themselves, in any order relative to the main lane's.
        While the main lane has no database open (before its first job, during a restore) the
        job is queued on the main lane instead.
        """
        if self._closed.is_set():
            return None

        def run() -> T | None:
            with self._reading_gate:
                if self._opened.is_set():
                    return self._reporting(
                        lambda: work(self._ensure_reading_open()), on_success, on_failure
                    )
            with contextlib.suppress(RuntimeError):  # shut down meanwhile: nothing to deliver
                self.submit(work, on_success, on_failure)
            return None

        return self._reading_pool.submit(run)

    def submit_closed(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
    ) -> Future[T] | None:
        """Run ``work()`` with the database closed (restoring a backup replaces the file).

        The next ordinary job opens the database again, whatever ``work`` left there.
        """

        def run() -> T:
            self._close_database()
            return self._reporting(work, on_success, on_failure)

        if self._closed.is_set():
            return None
        return self._pool.submit(run)

    def reopen(self, opener: Callable[[], Any] | None = None) -> None:
        """Forget the current database (or its open error); the next job opens it again."""

        def close() -> None:
            self._close_database()
            if opener is not None:
                self._opener = opener

        self._pool.submit(close)

    def shutdown(self) -> None:
        """Finish queued jobs, close the database and stop the thread (blocks until done).

        Queued jobs still run — a note or an edit saved as the window closes must reach the
        file — but their results are no longer delivered; a search queued behind them skips
        itself, being outdated.
        """
        if self._closed.is_set():
            return  # a window closed twice (by the user, then by Qt at exit)
        self._closed.set()
        self._reading_pool.shutdown(wait=True, cancel_futures=True)  # reads only: drop them
        self._pool.submit(self._close_database)
        self._pool.shutdown(wait=True)

    def _reporting(
        self,
        call: Callable[[], T],
        on_success: Callable[[T], None] | None,
        on_failure: Callable[[BaseException], None] | None,
    ) -> T:
        """Run ``call`` in the worker and hand its outcome to the UI thread, unless shut down."""
        try:
            result = call()
        except BaseException as error:
            if not self._closed.is_set():
                self._delivered.emit(on_failure, error, True)
            raise
        if not self._closed.is_set():
            self._delivered.emit(on_success, result, False)
        return result

    def _close_database(self) -> None:
        """In the worker: close the database and forget any open error; the next job reopens.

        The reading lane's database closes too, and stays closed until the main lane opens
        again: its jobs find ``_opened`` cleared and queue themselves behind this one.
        """
        self._opened.clear()
        if self._database is not None:
            self._database.close()
        self._database, self._open_error = None, None
        with self._reading_gate:
            if self._reading_database is not None:
                self._reading_database.close()
            self._reading_database = None

    def _ensure_reading_open(self) -> Any:
        """In the reading lane, holding the gate: its own handle on the database."""
        if self._reading_database is None:
            self._reading_database = self._opener()
        return self._reading_database

    def _ensure_open(self) -> Any:
        if self._open_error is not None:
            raise self._open_error
        if self._database is None:
            try:
                self._database = self._opener()
            except BaseException as error:
                self._open_error = error
                raise
            self._opened.set()
        return self._database

    @Slot(object, object, object)
    def _deliver(self, callback: Callable[[Any], None] | None, value: Any, is_error: bool) -> None:
        if callback is not None:
            if _receiver_deleted(callback):
                return  # the view that asked was closed while the job ran
            callback(value)
        elif is_error:
            log.error("database job failed", exc_info=value)
            self.failed.emit(value)


def _receiver_deleted(callback: Callable[[Any], None]) -> bool:
    """True when ``callback`` is a method of a Qt object whose C++ side is already gone.

    Jobs outlive the widgets that start them (a brief editor closed mid-save); checking here
    spares every view its own guard.
    """
    owner = getattr(callback, "__self__", None)
    return isinstance(owner, QObject) and not shiboken6.isValid(owner)
