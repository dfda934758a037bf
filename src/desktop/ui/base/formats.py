"""Counts, numbers, dates and alphabetical order as the window's language writes them — one
place for every window (browse, briefs, upkeep, the export).

``QLocale()``'s default is the window's language (set at start), so a German window reads
"1.500", "0,8" and "15.03.2026 14:30". A count names its thing in two translated texts, one for
one thing and one for any other number: German counts as English does, and a Qt plural form
(``%n``) would read "1 pages" in the English window, which runs without a translator. Without a
window language (a bare test: the C locale) numbers and dates stay as the program stores them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime

from PySide6.QtCore import QCollator, QDate, QDateTime, QLocale, Qt, QTime

from desktop.core.language import messages
from desktop.ui.base.translation import current_language

_SHORT = QLocale.FormatType.ShortFormat


def _bare() -> bool:
    """No window language was set (the C locale of a test run)."""
    return QLocale().language() == QLocale.Language.C


def number(value: int) -> str:
    """``1,500`` in English, ``1.500`` in German."""
    return f"{value:,}" if _bare() else QLocale().toString(value)


def decimal(value: float, places: int = 1) -> str:
    """``0.8`` in English, ``0,8`` in German."""
    return f"{value:.{places}f}" if _bare() else QLocale().toString(value, "f", places)


def said(text: object) -> str:
    """A message from the services (an error, a row problem, a finding) in the window's
    language; a plain text as it is."""
    return messages.said(text, current_language())


def counted(count: int, one: str, many: str) -> str:
    """``one`` (a translated text for a single thing) or ``many`` with ``{count}`` filled in."""
    return one if count == 1 else many.format(count=number(count))


def _date_pattern() -> str:
    """The locale's short date pattern with a four-digit year ("dd.MM.yy" → "dd.MM.yyyy")."""
    pattern = QLocale().dateFormat(_SHORT)
    return pattern if "yyyy" in pattern else pattern.replace("yy", "yyyy")


def shown_date(day: date | None) -> str:
    """A date as the window writes dates ("" for none): 15.03.2026 in German."""
    if day is None:
        return ""
    if _bare():
        return day.isoformat()
    return QLocale().toString(QDate(day.year, day.month, day.day), _date_pattern())


def shown_stamp(text: str) -> str:
    """A stored "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" as the window writes it; anything else as
    it is."""
    if _bare():
        return text
    moment = QDateTime.fromString(text, "yyyy-MM-dd HH:mm")
    if moment.isValid():
        pattern = f"{_date_pattern()} {QLocale().timeFormat(_SHORT)}"
        return QLocale().toString(moment, pattern)
    day = QDate.fromString(text, "yyyy-MM-dd")
    return QLocale().toString(day, _date_pattern()) if day.isValid() else text


def stamp_order(text: str) -> int:
    """A sort key for a stored date or time stamp: its digits, as one number."""
    digits = "".join(ch for ch in text if ch.isdigit())
    return int(digits) if digits else 0


_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def shown_iso_date(text: str | None, empty: str = "") -> str:
    """A stored, often partial ISO date (``2026-11-20``, ``2026-06``, ``2026``) as the window
    writes it: the English window keeps ISO — the form its date fields take —, German reads
    ``20.11.2026`` and ``Juni 2026``; anything that is not such a date is shown as stored."""
    if not text:
        return empty
    match = _PARTIAL_DATE.match(text.strip())
    if current_language() == "en" or _bare() or not match:
        return text
    year, month, day = (int(part) if part else 0 for part in match.groups())
    if day:
        when = QDate(year, month, day)
        return QLocale().toString(when, _date_pattern()) if when.isValid() else text
    if month:
        return f"{QLocale().standaloneMonthName(month)} {year}" if 1 <= month <= 12 else text
    return str(year)


def shown_time(moment: datetime) -> str:
    """A local date and time: "2024-05-01 14:30" in English, "01.05.2024 14:30" in German."""
    if current_language() == "en" or _bare():
        return f"{moment:%Y-%m-%d %H:%M}"
    when = QDateTime(
        QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute)
    )
    return QLocale().toString(when, f"{_date_pattern()} {QLocale().timeFormat(_SHORT)}")


def collator() -> QCollator:
    """Compares names as the window's language sorts them (Ä with A), case aside, 2 before 10.
    Python's ``sorted`` and Qt's locale-aware sorting follow the system, not the window."""
    compare = QCollator(QLocale())
    compare.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    compare.setNumericMode(True)
    return compare


def sorted_names(names: Iterable[str]) -> list[str]:
    return sorted(names, key=collator().sortKey)
