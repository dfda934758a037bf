"""A small horizontal bar chart for figures that share a unit (painted, no chart module)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the value as printed, qualifier included ("more than 500 trainees")


class BarChart(QWidget):
    """Bars scaled to the largest value, labelled with the figure as the source states it."""

    BAR_HEIGHT = 22
    GAP = 10

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figuresChart")
        self.setAccessibleName(self.tr("Bar chart of comparable key figures"))
        self._title = ""
        self._bars: list[Bar] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_bars(self, title: str, bars: list[Bar]) -> None:
        self._title = title
        self._bars = sorted(bars, key=lambda bar: bar.value, reverse=True)
        self.setAccessibleDescription(
            title + ": " + "; ".join(f"{bar.label}: {bar.text}" for bar in self._bars)
        )
        self.updateGeometry()
        self.update()

    def bars(self) -> list[Bar]:
        return list(self._bars)

    def sizeHint(self) -> QSize:
        rows = len(self._bars)
        return QSize(480, 36 + rows * (self.BAR_HEIGHT + self.GAP))

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        bar_colour = palette.color(QPalette.ColorRole.Highlight)
        metrics = QFontMetrics(self.font())
        title_font = self.font()
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(text_colour)
        painter.drawText(0, metrics.ascent() + 4, self._title)
        painter.setFont(self.font())
        if not self._bars:
            return
        label_width = min(
            max(metrics.horizontalAdvance(bar.label) for bar in self._bars) + 12,
            int(self.width() * 0.45),
        )
        value_width = max(metrics.horizontalAdvance(bar.text) for bar in self._bars) + 12
        track = max(20, self.width() - label_width - value_width)
        largest = max(bar.value for bar in self._bars) or 1
        y = 32
        for bar in self._bars:
            label_rect = QRectF(0, y, label_width - 8, self.BAR_HEIGHT)
            elided = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_width - 8)
            painter.setPen(text_colour)
            painter.drawText(
                label_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, elided
            )
            width = max(2.0, track * bar.value / largest)
            painter.fillRect(QRectF(label_width, y + 3, width, self.BAR_HEIGHT - 6), bar_colour)
            painter.drawText(
                QRectF(label_width + width + 6, y, value_width, self.BAR_HEIGHT),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                bar.text,
            )
            y += self.BAR_HEIGHT + self.GAP
        painter.end()
