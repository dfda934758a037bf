"""A date field that takes what people type, a calendar to pick from, and "no date" as empty.

Qt's QDateEdit edits one section at a time, needs a sentinel date for "none" (it opened at
January 2000) and refuses most typing. Here the date is plain text: ISO (2026-03-15), German
(15.03.2026, 15.3.26) or the system's own short format are all read; empty means no date. The
calendar button opens at the typed date, or today. A line beside the field spells the date
out, so 03/04 is never misread.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DOTS = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})")


def parse_date(text: str) -> date | None:
    """The date ``text`` means, or None when it is not a date (ValueError-free)."""
    text = text.strip()
    if match := _ISO.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DOTS.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
        year += 2000 if year < 100 else 0
    else:
        parsed = QLocale.system().toDate(text, QLocale.FormatType.ShortFormat)
        if not parsed.isValid():
            parsed = QLocale.system().toDate(text, QLocale.FormatType.LongFormat)
        if not parsed.isValid():
            return None
        year, month, day = parsed.year(), parsed.month(), parsed.day()
    try:
        return date(year, month, day)
    except ValueError:
        return None


class DateField(QWidget):
    """Text field + calendar button; :meth:`value` is a date or None, :meth:`problem` says
    why the text is not a date."""

    changed = Signal()

    def __init__(self, name: str, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setObjectName(name)
        self.edit.setAccessibleName(accessible_name)
        self.edit.setPlaceholderText("YYYY-MM-DD or DD.MM.YYYY · empty: no date")
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(self._on_text)
        self.edit.editingFinished.connect(self._tidy)
        self.button = QToolButton(self)
        self.button.setObjectName(f"{name}Calendar")
        self.button.setText("Calendar…")
        self.button.setAccessibleName(f"{accessible_name}: choose in a calendar")
        self.button.clicked.connect(self.open_calendar)
        self.spelled = QLabel(self)
        self.spelled.setObjectName(f"{name}Spelled")
        self.spelled.setTextFormat(Qt.TextFormat.PlainText)
        self.calendar = QCalendarWidget(self)
        self.calendar.setWindowFlags(Qt.WindowType.Popup)
        self.calendar.setObjectName(f"{name}Popup")
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.button)
        layout.addWidget(self.spelled, 1)
        self.setFocusProxy(self.edit)
        self._on_text()

    def value(self) -> date | None:
        return parse_date(self.edit.text())

    def set_value(self, value: date | None) -> None:
        self.edit.setText(value.isoformat() if value else "")

    def problem(self) -> str | None:
        text = self.edit.text().strip()
        if not text or self.value() is not None:
            return None
        return f"“{text}” is not a date: type 2026-03-15 or 15.03.2026, or leave it empty."

    def open_calendar(self) -> None:
        current = self.value() or date.today()
        self.calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        self.calendar.move(self.button.mapToGlobal(self.button.rect().bottomLeft()))
        self.calendar.show()
        self.calendar.setFocus()

    def _picked(self, picked: QDate) -> None:
        self.set_value(date(picked.year(), picked.month(), picked.day()))
        self.calendar.hide()
        self.edit.setFocus()

    def _on_text(self) -> None:
        value, problem = self.value(), self.problem()
        if value is not None:
            when = QDate(value.year, value.month, value.day)
            self.spelled.setText(
                QLocale(QLocale.Language.English).toString(when, "ddd d MMMM yyyy")
            )
        else:
            self.spelled.setText(problem or "no date")
        self.spelled.setStyleSheet(
            "color: #b3261e;" if problem else "color: palette(placeholder-text);"
        )
        self.changed.emit()

    def _tidy(self) -> None:
        """Once typing is done, show the date in one clear form (ISO)."""
        value = self.value()
        if value is not None and self.edit.text() != value.isoformat():
            self.set_value(value)
