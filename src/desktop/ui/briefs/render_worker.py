"""PDF rendering off the UI thread, with progress and cancel.

Rendering is CPU work, not database work, so it gets its own short-lived thread rather than
the database executor. The renderer reports progress through a plain callback and checks a
``threading.Event`` for cancellation; this class turns both into Qt signals and a slot.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QThread, Signal

if TYPE_CHECKING:
    from desktop.dossier.content.model import DossierData


class RenderWorker(QThread):
    progress = Signal(int, int, str)  # done, total, what
    rendered = Signal(object)  # RenderResult (file) or (bytes, pages) (preview)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self,
        data: DossierData,
        *,
        out: Path | None = None,
        password: str | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._data = data
        self._out = out
        self._password = password or None
        self._cancel = threading.Event()

    @property
    def writes_file(self) -> bool:
        """An export (a file the consultant asked for), not a preview."""
        return self._out is not None

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        from desktop.core.errors import DossierError
        from desktop.dossier import render

        def report(done: int, total: int, text: str) -> None:
            self.progress.emit(done, total, text)

        try:
            if self._out is None:
                result: Any = render.render_bytes(self._data, progress=report, cancel=self._cancel)
            else:
                result = render.render_file(
                    self._data,
                    self._out,
                    password=self._password,
                    progress=report,
                    cancel=self._cancel,
                )
        except render.ExportCancelled:
            self.cancelled.emit()
        except DossierError as error:  # a full disk, a read-only folder: the message says it
            self.failed.emit(str(error))
        except Exception as error:  # reported to the user; the renderer left no partial file
            import logging

            logging.getLogger(__name__).exception("rendering failed")
            self.failed.emit(f"{type(error).__name__}: {error}")
        else:
            self.rendered.emit(result)


def suggested_file_name(prepared_for: str, template: str, language: str) -> str:
    """A file name that says what the dossier is, safe on every file system."""
    safe = "".join(ch if ch.isalnum() or ch in "-_ " else "_" for ch in prepared_for).strip()
    return f"Location dossier - {safe or 'investor'} - {template} - {language}.pdf"


def with_progress(worker: RenderWorker, parent: Any, text: str) -> None:
    """A progress bar for ``worker`` that shows after half a second and whose Cancel stops it."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QProgressDialog

    progress = QProgressDialog(text, "Cancel", 0, 100, parent)
    progress.setObjectName("exportProgress")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(500)
    progress.canceled.connect(worker.cancel)
    worker.progress.connect(
        lambda done, total, _t: progress.setValue(int(100 * done / max(total, 1)))
    )
    worker.finished.connect(progress.deleteLater)
