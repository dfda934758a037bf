"""Cells that hold a number, a year, a date or yes/no, in the forms people write them.

"1.500,5" (German) and "1,500.5" (English) are numbers, "1,500" alone is ambiguous and refused;
a date may be partial (YYYY, YYYY-MM), must be a real one and, for a figure, not in the future;
"ja", "nein", "x" are yes and no. Spreadsheet cells arrive as numbers and dates, JSON as typed
values, and both are taken as they are. Separate from :mod:`.cells`, which they build on,
because each has its own written forms and checks against today's date.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Any

from desktop.core.exchange.convert.cells import CellError, Checked, text, type_name
from desktop.core.kb import validation
from desktop.core.language.messages import message

_MONTH_DAY = re.compile(r"^\d{4}(?:-(\d{2})(?:-(\d{2}))?)?$")


def _real_date(text: str) -> None:
    """Reject 2024-13 and 2024-02-30, which a bare pattern check lets through."""
    match = _MONTH_DAY.match(text)
    if match and match.group(1):
        try:
            date(int(text[:4]), int(match.group(1)), int(match.group(2) or 1))
        except ValueError:
            raise CellError(message("{value!r} is not a real date", value=text)) from None


def year(value: Any, typed: bool) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or (typed and not isinstance(value, int)):
        raise CellError(message("must be a year such as 1997, not {type}", type=type_name(value)))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    written = str(value).strip()
    if validation.year(written, today=date.today()):
        raise CellError(Checked(_year_check, written))
    return int(written)


def _year_check(value: str, language: str) -> str | None:
    return validation.year(value, today=date.today(), language=language)


def _as_of_check(value: str, language: str) -> str | None:
    return validation.as_of(value, today=date.today(), language=language)


_GERMAN_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$|^-?\d+,\d+$")
_ENGLISH_THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")


def number(value: Any, typed: bool) -> float | None:
    """1500, 2.5, "1.500,5" (German), "1,500.5" (English); "1,500" alone is ambiguous."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise CellError(message("must be a number, not {type}", type=type_name(value)))
    if isinstance(value, int | float):
        # JSON allows NaN, Infinity and integers of any size; none of them is a figure.
        try:
            result = float(value)
        except OverflowError:
            result = math.inf
        if math.isnan(result):
            raise CellError(message("is NaN (not a number): give a number such as 1500 or 2.5"))
        if math.isinf(result):
            raise CellError(message("is infinite or too large: give a number such as 1500 or 2.5"))
        return result
    if typed or not isinstance(value, str):
        raise CellError(message("must be a number, not {type}", type=type_name(value)))
    raw = value.strip().replace(" ", "").replace("\u00a0", "")
    if re.fullmatch(r"-?\d{1,3},\d{3}", raw):
        raise CellError(message("{value!r} is ambiguous: write 1500 or 1.5", value=value.strip()))
    if _ENGLISH_THOUSANDS.match(raw):
        raw = raw.replace(",", "")
    elif _GERMAN_NUMBER.match(raw):
        raw = raw.replace(".", "").replace(",", ".")
    not_a_number = message("{value!r} is not a number, e.g. 1500 or 2.5", value=value.strip())
    try:
        result = float(raw)
    except ValueError:
        raise CellError(not_a_number) from None
    if not math.isfinite(result):
        raise CellError(not_a_number)
    return result


def _date_text(value: Any, typed: bool) -> str | None:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return text(value, typed)


def partial_date(value: Any, typed: bool) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD, not in the future (a figure cannot be dated tomorrow)."""
    result = _date_text(value, typed)
    if result is not None:
        _real_date(result)
        if validation.as_of(result, today=date.today()):
            raise CellError(Checked(_as_of_check, result))
    return result


def planned_date(value: Any, typed: bool) -> str | None:
    """A partial date that may lie ahead (space "available from 2027")."""
    result = _date_text(value, typed)
    if result is not None:
        _real_date(result)
        if not _MONTH_DAY.match(result):
            raise CellError(
                message("date {value!r} must be YYYY, YYYY-MM or YYYY-MM-DD", value=result)
            )
    return result


def day(value: Any, typed: bool) -> date | None:
    """A full date, not in the future (verified on, accessed on)."""
    result = _date_text(value, typed)
    if result is None:
        return None
    try:
        parsed = date.fromisoformat(result)
    except ValueError:
        raise CellError(message("date {value!r} must be YYYY-MM-DD", value=result)) from None
    if parsed > date.today():
        raise CellError(message("date {value} is in the future", value=result))
    return parsed


_TRUE = {"true", "yes", "ja", "wahr", "1", "x", "y", "j"}
_FALSE = {"false", "no", "nein", "falsch", "0", "n"}


def flag(value: Any, typed: bool) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int | float) and not typed and value in (0, 1):
        return bool(value)
    if typed or not isinstance(value, str):
        raise CellError(message("must be true or false, not {type}", type=type_name(value)))
    folded = value.strip().casefold()
    if not folded:
        return None
    if folded in _TRUE | _FALSE:
        return folded in _TRUE
    raise CellError(
        message(
            "{value!r} is not yes/no (write yes, no, ja, nein, true or false)", value=value.strip()
        )
    )
