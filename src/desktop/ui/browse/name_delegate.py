"""Paints the Name column as the name plus, while searching, the matching excerpt beneath.

The excerpt is drawn piece by piece with the painter: plain text in the muted colour, the
matched words in bold, cut with an ellipsis where the cell ends. A rich-text document per row
would look the same but costs nearly twice the paint, and a new search's first paint (the one a
consultant waits for) has nothing cached. The pieces come from the hit's excerpt and its
highlight markers (:func:`highlight_segments`), never from markup, so data cannot inject any.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop.core.search.snippets import ELLIPSIS, highlight_segments
from desktop.ui.browse.entity_model import HIT_ROLE

ModelIndex = QModelIndex | QPersistentModelIndex


class _Fonts:
    """The plain and bold fonts of one cell font, with their metrics (made once per font)."""

    def __init__(self, font: QFont) -> None:
        self.plain = QFont(font)
        self.bold = QFont(font)
        self.bold.setBold(True)
        self.plain_metrics = QFontMetricsF(self.plain)
        self.bold_metrics = QFontMetricsF(self.bold)
        self.ascent = self.plain_metrics.ascent()
        self.ellipsis = self.plain_metrics.horizontalAdvance(ELLIPSIS)


def excerpt_of(index: ModelIndex) -> str:
    """The row's excerpt with its highlight markers ("" when it has none)."""
    hit = index.data(HIT_ROLE)
    return getattr(hit, "snippet", "") or ""


class NameDelegate(QStyledItemDelegate):
    PADDING = 4

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)
        self._fonts: dict[str, _Fonts] = {}

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        snippet = excerpt_of(index)
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
        # the placeholder colour without its transparency (light palettes give half-transparent
        # black: the excerpt then shows in the text's black, muted in dark palettes only)
        muted = QColor(option.palette.color(QPalette.ColorRole.PlaceholderText).rgb())

        rect = option.rect.adjusted(self.PADDING, 2, -self.PADDING, -2)
        fonts = self._fonts_of(option.font)
        painter.save()
        painter.setFont(fonts.plain)
        painter.setPen(text_colour)
        painter.drawText(
            rect.adjusted(0, 0, 0, -rect.height() // 2),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            option.fontMetrics.elidedText(name, Qt.TextElideMode.ElideRight, rect.width()),
        )
        painter.setPen(text_colour if selected else muted)
        baseline = rect.top() + rect.height() // 2 + fonts.ascent
        self._draw_excerpt(painter, fonts, snippet, rect.left(), baseline, rect.width())
        painter.restore()

    def _draw_excerpt(
        self,
        painter: QPainter,
        fonts: _Fonts,
        snippet: str,
        left: float,
        baseline: float,
        width: float,
    ) -> None:
        """The excerpt on one line from ``left``, its matches bold, cut with an ellipsis where
        it would pass ``width`` — unless the cut would fall in a matched word that fits whole:
        then the line ends with that word, the one the consultant looks for.

        Each piece is measured once; the pieces after the cut are never measured."""
        pieces = highlight_segments(snippet)
        x = 0.0
        for number, (text, matched) in enumerate(pieces):
            font, metrics = (
                (fonts.bold, fonts.bold_metrics) if matched else (fonts.plain, fonts.plain_metrics)
            )
            advance = metrics.horizontalAdvance(text)
            painter.setFont(font)
            if x + advance > width - fonts.ellipsis:  # no room for an ellipsis after this one
                rest = pieces[number + 1 :]
                if x + advance + self._advance(fonts, rest) > width:
                    if not (matched and x + advance <= width):
                        text = metrics.elidedText(
                            text + ELLIPSIS, Qt.TextElideMode.ElideRight, width - x
                        )
                    painter.drawText(QPointF(left + x, baseline), text)
                    return
            painter.drawText(QPointF(left + x, baseline), text)
            x += advance

    @staticmethod
    def _advance(fonts: _Fonts, pieces: list[tuple[str, bool]]) -> float:
        return sum(
            (fonts.bold_metrics if matched else fonts.plain_metrics).horizontalAdvance(text)
            for text, matched in pieces
        )

    def _fonts_of(self, font: QFont) -> _Fonts:
        key = font.key()
        fonts = self._fonts.get(key)
        if fonts is None:
            fonts = self._fonts[key] = _Fonts(font)
        return fonts

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        if excerpt_of(index):
            size.setHeight(option.fontMetrics.height() * 2 + 8)
        return size
