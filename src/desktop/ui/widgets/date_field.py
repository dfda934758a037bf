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

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, Qt, Signal
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
        for locale in (QLocale(), QLocale.system()):  # the window's language, then the system's
            parsed = locale.toDate(text, QLocale.FormatType.ShortFormat)
            if not parsed.isValid():
                parsed = locale.toDate(text, QLocale.FormatType.LongFormat)
            if parsed.isValid():
                break
        else:
            return None
        year, month, day = parsed.year(), parsed.month(), parsed.day()
    try:
        return date(year, month, day)
    except ValueError:
        return None


class _Message(QLabel):
    """A wrapping label whose height the field sets itself (:meth:`DateField._fit_message`):
    Qt's height-for-width inside a form row reserves far more than the text needs."""

    def hasHeightForWidth(self) -> bool:
        return False


class DateField(QWidget):
    """Text field + calendar button; :meth:`value` is a date or None, :meth:`problem` says
    why the text is not a date."""

    changed = Signal()

    def __init__(self, name: str, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setObjectName(name)
        self.edit.setAccessibleName(accessible_name)
        hint = self.tr("YYYY-MM-DD or DD.MM.YYYY · empty: no date")
        self.edit.setPlaceholderText(hint)
        self.edit.setToolTip(hint)
        # wide enough for a date and most of the hint, whatever the message beside it says
        advance = self.edit.fontMetrics().horizontalAdvance
        self.edit.setMinimumWidth(max(advance("0000-00-00"), min(advance(hint), 260)) + 40)
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(self._on_text)
        self.edit.editingFinished.connect(self._tidy)
        self.button = QToolButton(self)
        self.button.setObjectName(f"{name}Calendar")
        self.button.setText(self.tr("Calendar…"))
        self.button.setAccessibleName(
            self.tr("{field}: choose in a calendar").format(field=accessible_name)
        )
        self.button.clicked.connect(self.open_calendar)
        self.spelled = _Message(self)
        self.spelled.setObjectName(f"{name}Spelled")
        self.spelled.setTextFormat(Qt.TextFormat.PlainText)
        self.spelled.setWordWrap(True)  # a long message wraps instead of squeezing the field
        self.spelled.installEventFilter(self)
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
        return self.tr(
            "“{text}” is not a date: type 2026-03-15 or 15.03.2026, or leave it empty."
        ).format(text=text)

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
            # the pattern is translatable: German writes "So., 15. März 2026"
            pattern = self.tr("ddd d MMMM yyyy", "QLocale date format of the spelled-out date")
            self.spelled.setText(QLocale().toString(when, pattern))
        else:
            self.spelled.setText(problem or self.tr("no date"))
        self.spelled.setStyleSheet(
            "color: #b3261e;" if problem else "color: palette(placeholder-text);"
        )
        self._fit_message()
        self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.spelled and event.type() == QEvent.Type.Resize:
            self._fit_message()  # the message's own width changed: its height follows
        return super().eventFilter(watched, event)

    def _fit_message(self) -> None:
        """Reserve the height the wrapped message needs at its width: a minimum size, so the
        dialog around grows with it (a wrapped label's own minimum is one line)."""
        width = self.spelled.width()
        if width > 0:
            flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
            box = self.spelled.fontMetrics().boundingRect(
                0, 0, width, 10_000, flags, self.spelled.text()
            )
            self.spelled.setMinimumHeight(box.height())

    def _tidy(self) -> None:
        """Once typing is done, show the date in one clear form (ISO)."""
        value = self.value()
        if value is not None and self.edit.text() != value.isoformat():
            self.set_value(value)
