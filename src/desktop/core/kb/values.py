"""Small value rules shared by the seed, the CLI, the window and the dossier.

Sources date figures loosely ("2017", "2024-03"), so as-of values are partial dates; figures
keep their qualifier ("more than 1,500") because dropping it would overstate the source.
"""

from __future__ import annotations

import re
from datetime import date

from desktop.core.kb import taxonomy
from desktop.core.kb.refusals import RefusedError
from desktop.core.language.catalogues import grouped_number
from desktop.core.language.messages import message

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# Units whose values are calendar years: printed without a thousands separator.
YEAR_UNITS = frozenset({"year", "years (calendar)"})


def check_partial_date(value: str) -> date:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` to the *last* day it could mean (a
    ``ValueError`` when it is none of these).

    Taking the end of the period keeps staleness checks conservative in the source's favour:
    a figure "as of 2024" is treated as current until the end of 2024.
    """
    match = _PARTIAL_DATE.match(value.strip())
    if not match:
        raise RefusedError(
            message("date {value!r} must be YYYY, YYYY-MM or YYYY-MM-DD", value=value)
        )
    year, month, day = match.groups()
    if month is None:
        return date(int(year), 12, 31)
    if not 1 <= int(month) <= 12:
        raise RefusedError(message("date {value!r} has no month {month}", value=value, month=month))
    if day is None:
        next_month = date(int(year) + int(month) // 12, int(month) % 12 + 1, 1)
        return date.fromordinal(next_month.toordinal() - 1)
    return date(int(year), int(month), int(day))


def months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


# Thousands and decimal separators per language: "1,500.5" in English, "1.500,5" in German.
def format_number(value: float, unit: str = "", language: str = "en") -> str:
    """``1500.0`` → ``1,500`` (``1.500`` in German); years stay ``1997``; fractions keep up to
    two decimals."""
    if float(value).is_integer() and unit in YEAR_UNITS:
        return str(int(value))
    return grouped_number(value, language)


def format_figure(
    value: float,
    qualifier: str,
    unit: str,
    period: str | None = None,
    language: str = "en",
    *,
    unit_words: str | None = None,
    period_words: str | None = None,
) -> str:
    """The figure as a sentence fragment: ``more than 4,000 blood products per month``, or in
    ``language`` with the unit and period as the caller translated them (``unit_words``,
    ``period_words``; the record's own where not given). The unit code still decides how the
    number is written (a year has no thousands separator)."""
    words = taxonomy.QUALIFIERS.get(qualifier, taxonomy.QUALIFIERS["exact"]).label(language)
    parts = [words, format_number(value, unit, language)]
    if unit and unit not in YEAR_UNITS:
        parts.append(unit_words or unit)
    if period:
        parts.append(period_words or period)
    return " ".join(part for part in parts if part)


def freshness(as_of: str | None, *, today: date, stale_after_months: int = 24) -> str:
    """``"current"``, ``"stale"`` (older than the limit) or ``"undated"`` for a figure.

    A consultant must see at a glance which figures need checking before they go to an
    investor; an undated figure is flagged separately because its age is unknown.
    """
    if not as_of:
        return "undated"
    try:
        dated = check_partial_date(as_of)
    except ValueError:
        return "undated"
    return "stale" if months_between(dated, today) > stale_after_months else "current"
