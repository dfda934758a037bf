"""File ▸ Print preview: the dossier of the open brief, as the printer will get it.

The dossier is rendered to PDF off the UI thread (the same renderer as the export), loaded
into a ``QPdfDocument`` and painted page by page onto the printer of a
``QPrintPreviewDialog``, so what is printed is what would be sent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter

    from desktop.ui.briefs.brief_editor import BriefEditor

RENDER_DPI = 200  # sharp on paper, and an A4 page stays a few MB in memory


def start(editor: BriefEditor) -> None:
    """Render the editor's dossier, then show the preview (once it is assembled)."""
    from desktop.ui.briefs.render_worker import RenderWorker

    if editor.current is None:
        return
    editor.status.setText("Preparing the print preview…")
    worker = RenderWorker(editor.current.data, parent=editor)
    editor._start(worker, lambda result: _rendered(editor, result[0]))


def _rendered(editor: BriefEditor, pdf: bytes) -> None:
    editor.status.setText("")
    show_print_preview(editor, pdf)


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
    dialog.setWindowTitle("Print preview of the dossier")
    dialog.paintRequested.connect(lambda target: paint(document, target))
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()
        document.deleteLater()
