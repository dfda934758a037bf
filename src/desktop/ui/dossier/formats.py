"""Counts, numbers and dates of the Prospects tab, the brief editor and the export, as the
window's language writes them.

``QLocale()``'s default is the window's language (set at start), so a German window reads
"1.500", "0,8" and "15.03.2026 14:30". A count names its thing in two translated texts, one for
one thing and one for any other number: German counts as English does, and a Qt plural form
(``%n``) would read "1 pages" in the English window, which runs without a translator. Without a
window language (a bare test: the C locale) numbers and dates stay as the program stores them.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QDateTime, QLocale

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
