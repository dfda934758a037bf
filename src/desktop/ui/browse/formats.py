"""Numbers, dates and sorting as the window's language writes them.

The window's ``QLocale`` default is set to its language at start
(:func:`desktop.ui.base.translation.install_translations`): counts read ``1,500`` in English
and ``1.500`` in German. Stored dates are ISO and often partial (``2026``, ``2026-06``); the
English window keeps them ISO — the form its date fields take and show — and other languages
get their locale's own (``20.11.2026``, ``Juni 2026``). Python's ``sorted`` and Qt's
``setSortLocaleAware`` follow the system locale, not the window's, so names shown in order
are compared with a ``QCollator`` of the window's locale (Ä sorts with A).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import (
    QCollator,
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from desktop.ui.base.translation import current_language

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
ModelIndex = QModelIndex | QPersistentModelIndex


def number(value: int) -> str:
    """A count with the locale's digit grouping."""
    return QLocale().toString(value)


def shown_date(iso: str) -> str:
    """A stored date (``2026-11-20``, ``2026-06`` or ``2026``) as the window writes it;
    anything that is not such a date is shown as stored."""
    match = _PARTIAL_DATE.match(iso.strip())
    if current_language() == "en" or not match:
        return iso
    year, month, day = (int(part) if part else 0 for part in match.groups())
    locale = QLocale()
    if day:
        when = QDate(year, month, day)
        if not when.isValid():
            return iso
        pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
        if "yyyy" not in pattern:  # "dd.MM.yy": a figure's year must not be ambiguous
            pattern = pattern.replace("yy", "yyyy")
        return locale.toString(when, pattern)
    if month:
        if not 1 <= month <= 12:
            return iso
        return f"{locale.standaloneMonthName(month)} {year}"
    return str(year)


def collator() -> QCollator:
    """Compares names as the window's language sorts them, case aside, 2 before 10."""
    compare = QCollator(QLocale())
    compare.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    compare.setNumericMode(True)
    return compare


def sorted_names(names: Iterable[str]) -> list[str]:
    return sorted(names, key=collator().sortKey)


class CollatedProxy(QSortFilterProxyModel):
    """A sort proxy that orders text with :func:`collator` and everything else as Qt does."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._collator = collator()

    def lessThan(self, left: ModelIndex, right: ModelIndex) -> bool:
        first, second = left.data(self.sortRole()), right.data(self.sortRole())
        if isinstance(first, str) and isinstance(second, str):
            return self._collator.compare(first, second) < 0
        return super().lessThan(left, right)
