"""PDF rendering off the UI thread, with progress and cancel.

Rendering is CPU work, not database work, so it gets its own short-lived thread rather than
the database executor. The work is a plain function of a progress callback and a
``threading.Event`` — :func:`desktop.app.export.write_dossier` for an export, the renderer's
``render_bytes`` for a preview — and this class turns both into Qt signals and a slot.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QThread, Signal
from PySide6.QtWidgets import QWidget

from desktop.ui.base import dialogs, formats

if TYPE_CHECKING:
    from desktop.dossier.content.assemble import Assembled
    from desktop.dossier.content.model import DossierData

Progress = Callable[[int, int, str], None]
Work = Callable[[Progress, threading.Event], Any]


class RenderWorker(QThread):
    progress = Signal(int, int, str)  # done, total, what
    rendered = Signal(object)  # RenderResult (file) or (bytes, pages) (preview)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, work: Work, *, writes_file: bool, parent: Any = None) -> None:
        super().__init__(parent)
        self._work = work
        self._writes_file = writes_file
        self._cancel = threading.Event()

    @classmethod
    def preview(cls, data: DossierData, *, parent: Any = None) -> RenderWorker:
        """The dossier as PDF bytes and its page count, for the preview pane or the printer."""

        def work(report: Progress, cancel: threading.Event) -> Any:
            from desktop.dossier import render

            return render.render_bytes(data, progress=report, cancel=cancel)

        return cls(work, writes_file=False, parent=parent)

    @classmethod
    def writing(
        cls, assembled: Assembled, *, out: Path, password: str | None, parent: Any = None
    ) -> RenderWorker:
        """Write ``assembled`` to ``out``, atomically (:func:`desktop.app.export.write_dossier`)."""

        def work(report: Progress, cancel: threading.Event) -> Any:
            from desktop.app import export

            return export.write_dossier(
                assembled, out=out, password=password or None, progress=report, cancel=cancel
            )

        return cls(work, writes_file=True, parent=parent)

    @property
    def writes_file(self) -> bool:
        """An export (a file the consultant asked for), not a preview."""
        return self._writes_file

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        from desktop.core.errors import DossierError
        from desktop.dossier.render import ExportCancelled

        def report(done: int, total: int, text: object) -> None:
            self.progress.emit(done, total, formats.said(text))  # a stage message, said here

        try:
            result = self._work(report, self._cancel)
        except ExportCancelled:
            self.cancelled.emit()
        except DossierError as error:  # a full disk, a read-only folder: the message says it
            self.failed.emit(formats.said(error))
        except Exception as error:  # reported to the user; the renderer left no partial file
            import logging

            logging.getLogger(__name__).exception("rendering failed")
            self.failed.emit(f"{type(error).__name__}: {error}")
        else:
            self.rendered.emit(result)


class RenderSlot:
    """One render at a time for a window: a preview still rendering is replaced by new work,
    but a dossier being written is never given up for other work (only its own Cancel stops
    it) — the new work waits for it, and so does closing the window."""

    def __init__(self, parent: QWidget) -> None:
        self._parent = parent
        self.worker: RenderWorker | None = None

    def busy(self) -> bool:
        return self.worker is not None and self.worker.isRunning()

    def start(self, worker: RenderWorker, on_done: Callable[[Any], Any]) -> None:
        running = self.worker
        if running is not None and running.isRunning():
            if running.writes_file:
                running.finished.connect(
                    lambda: self.start(worker, on_done), Qt.ConnectionType.SingleShotConnection
                )
                return
            running.cancel()
            running.wait()
        self.worker = worker
        worker.rendered.connect(on_done)
        title = QCoreApplication.translate("RenderSlot", "The dossier could not be written")
        # the message is core's (a full disk, a read-only folder), in English for now
        worker.failed.connect(lambda message: dialogs.show_error(self._parent, title, message))
        worker.start()

    def finish(self) -> None:
        """The window closes: a preview stops, a dossier being written is finished first."""
        if self.worker is not None and self.worker.isRunning():
            if not self.worker.writes_file:
                self.worker.cancel()
            self.worker.wait()


def with_progress(worker: RenderWorker, parent: Any, text: str) -> None:
    """A progress bar for ``worker`` that shows after half a second and whose Cancel stops it."""
    from PySide6.QtWidgets import QProgressDialog

    cancel = QCoreApplication.translate("RenderSlot", "Cancel")
    progress = QProgressDialog(text, cancel, 0, 100, parent)
    progress.setObjectName("exportProgress")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(500)
    progress.canceled.connect(worker.cancel)
    worker.progress.connect(
        lambda done, total, _t: progress.setValue(int(100 * done / max(total, 1)))
    )
    worker.finished.connect(progress.deleteLater)
