"""Paints the Name column as the name plus, while searching, the matching snippet beneath.

The snippet arrives as escaped HTML (see ``entity_model.snippet_html``), so data can never
inject markup here.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop.ui.browse.entity_model import MATCH_HTML_ROLE

ModelIndex = QModelIndex | QPersistentModelIndex


class NameDelegate(QStyledItemDelegate):
    PADDING = 4

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        snippet = index.data(MATCH_HTML_ROLE) or ""
        if not snippet:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else QApplication.style()
        name = option.text
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_colour = option.palette.color(group)
        muted = option.palette.color(QPalette.ColorRole.PlaceholderText)
        muted_colour = text_colour if selected else muted

        rect = option.rect.adjusted(self.PADDING, 2, -self.PADDING, -2)
        metrics = option.fontMetrics
        painter.save()
        painter.setPen(text_colour)
        painter.drawText(
            rect.adjusted(0, 0, 0, -rect.height() // 2),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(name, Qt.TextElideMode.ElideRight, rect.width()),
        )
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(0)
        document.setHtml(
            f"<span style='color:{muted_colour.name()}; white-space:pre'>{snippet}</span>"
        )
        painter.translate(rect.left(), rect.top() + rect.height() // 2)
        painter.setClipRect(QRectF(0, 0, rect.width(), rect.height() / 2))
        context = QAbstractTextDocumentLayout.PaintContext()
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        if index.data(MATCH_HTML_ROLE):
            size.setHeight(option.fontMetrics.height() * 2 + 8)
        return size
