"""File ▸ Print preview: the dossier of the open brief, as the printer will get it.

The dossier is rendered to PDF off the UI thread (the same renderer as the export), loaded
into a ``QPdfDocument`` and painted page by page onto the printer of a
``QPrintPreviewDialog``, so what is printed is what would be sent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QWidget

from desktop.ui.dossier.render_worker import RenderWorker

if TYPE_CHECKING:
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter

    from desktop.dossier.content.assemble import Assembled

RENDER_DPI = 200  # sharp on paper, and an A4 page stays a few MB in memory


class Printing(Protocol):
    """What the print preview needs of the brief editor it prints."""

    status: QLabel

    @property
    def current(self) -> Assembled | None: ...
    def start_render(self, worker: RenderWorker, on_done: Callable[[Any], Any]) -> None: ...
    def window(self) -> QWidget: ...


def start(editor: Printing) -> None:
    """Render the editor's dossier, then show the preview (once it is assembled)."""
    if editor.current is None:
        return
    editor.status.setText(
        QCoreApplication.translate("PrintPreview", "Preparing the print preview…")
    )
    worker = RenderWorker.preview(editor.current.data, parent=editor.window())
    editor.start_render(worker, lambda result: _rendered(editor, result[0]))


def _rendered(editor: Printing, pdf: bytes) -> None:
    editor.status.setText("")
    show_print_preview(editor.window(), pdf)


def load(pdf: bytes, parent: QWidget | None = None) -> QPdfDocument:
    """A ``QPdfDocument`` over ``pdf`` (the buffer is its child, so it lives as long)."""
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument(parent)
    buffer = QBuffer(document)
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return document


def paint(document: QPdfDocument, printer: QPrinter) -> int:
    """Paint every page of ``document`` onto ``printer``, fitted to the page; returns pages."""
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        pages = document.pageCount()
        for page in range(pages):
            if page:
                printer.newPage()
            area = painter.viewport()
            points = document.pagePointSize(page)
            pixels = QSize(
                max(1, round(points.width() * RENDER_DPI / 72)),
                max(1, round(points.height() * RENDER_DPI / 72)),
            )
            image = document.render(page, pixels)
            fitted = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(area.x(), area.y(), fitted.width(), fitted.height())
            painter.drawImage(target, image)
        return pages
    finally:
        painter.end()


def show_print_preview(parent: QWidget | None, pdf: bytes) -> None:
    """The print preview dialog over ``pdf``. Tests replace this function."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    document = load(pdf, parent)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setObjectName("printPreview")
    dialog.setWindowTitle(
        QCoreApplication.translate("PrintPreview", "Print preview of the dossier")
    )
    dialog.paintRequested.connect(lambda target: paint(document, target))
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()
        document.deleteLater()
