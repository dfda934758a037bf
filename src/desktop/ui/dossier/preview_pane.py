"""The brief editor's right column: the dossier as it will be printed, page after page.

Until the first preview it shows a hint; a rendered PDF is loaded from memory (a buffer the
pane owns), never from a temporary file.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget


class PreviewPane(QStackedWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        self._buffer: QBuffer | None = None
        self.document = QPdfDocument(self)
        self.pdf_view = QPdfView(self)
        self.pdf_view.setObjectName("dossierPreview")
        self.pdf_view.setAccessibleName(self.tr("Dossier preview"))
        self.pdf_view.setDocument(self.document)
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.hint = QLabel(self.tr("Press Preview to see the dossier as it will be printed."), self)
        self.hint.setObjectName("previewHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.addWidget(self.hint)
        self.addWidget(self.pdf_view)

    def show_pdf(self, pdf: bytes) -> None:
        self.document.close()
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        self.setCurrentWidget(self.pdf_view)
