"""How a spreadsheet cell becomes a field value, or a clear reason why it cannot.

Partners write what people write: labels instead of codes ("Medizintechnik"), "ja"/"nein",
"1.500,5", dates as spreadsheet dates. Every converter accepts those forms, but nothing that
would have to be guessed: an unknown code or an ambiguous number raises :class:`CellError`
naming what is valid. Each converter takes ``(value, typed)`` — ``typed`` is set for JSON,
where a number given as text (or text as a number) is a mistake worth reporting — and returns
the value, or None for an empty cell.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from desktop.core.kb import taxonomy, validation
from desktop.core.kb.values import check_partial_date

MAX_CELL_CHARS = 100_000  # a long description is a few thousand; more is a broken file
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LIST_SPLIT = re.compile(r"[;,|\n]")
_KEY = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")


class CellError(ValueError):
    """A cell that cannot be taken as it is; ``str(error)`` says why and what would do."""


def fold(text: str) -> str:
    """Case-, space-, punctuation- and umlaut-blind form of a header or label."""
    text = text.casefold()
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, plain)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", text)


Converter = Callable[[Any, bool], Any]


def _type_name(value: Any) -> str:
    return {bool: "true/false", int: "a number", float: "a number", list: "a list"}.get(
        type(value), "an object" if isinstance(value, dict) else type(value).__name__
    )


def text(value: Any, typed: bool) -> str | None:
    """Text as written (markup and SQL included: values are stored, never interpreted)."""
    if value is None:
        return None
    if type(value) is str:
        result = value.strip()
    elif typed or isinstance(value, bool | list | dict):
        raise CellError(f"must be text, not {_type_name(value)}")
    elif isinstance(value, float) and value.is_integer():
        result = str(int(value))  # a spreadsheet's number cell: a phone number, a postcode
    elif isinstance(value, datetime | date):
        result = value.date().isoformat() if isinstance(value, datetime) else value.isoformat()
    else:
        result = str(value)
    if len(result) > MAX_CELL_CHARS:
        raise CellError(f"is {len(result):,} characters long; at most {MAX_CELL_CHARS:,} fit")
    bad = _CONTROL.search(result)
    if bad:
        raise CellError(f"contains the control character U+{ord(bad.group()):04X}")
    return result or None


def _sentence(message: str) -> str:
    """A validation message as part of a longer line: "An as-of date …." → "an as-of date …"."""
    message = message.rstrip(".")
    return message if message[1:2].isupper() else message[:1].lower() + message[1:]


_MONTH_DAY = re.compile(r"^\d{4}(?:-(\d{2})(?:-(\d{2}))?)?$")


def _real_date(text: str) -> None:
    """Reject 2024-13 and 2024-02-30, which a bare pattern check lets through."""
    match = _MONTH_DAY.match(text)
    if match and match.group(1):
        try:
            date(int(text[:4]), int(match.group(1)), int(match.group(2) or 1))
        except ValueError:
            raise CellError(f"{text!r} is not a real date") from None


def checking(check: Callable[[str], str | None]) -> Converter:
    """Text that must pass ``check`` (a validation that returns what is wrong, or None)."""

    def convert(value: Any, typed: bool) -> str | None:
        result = text(value, typed)
        problem = check(result) if result is not None else None
        if problem:
            raise CellError(_sentence(problem))
        return result

    return convert


def translations(value: Any, typed: bool) -> str | None:
    """A record's texts in other languages, as exported: JSON ``{"de": {"description": …}}``
    (:mod:`desktop.core.language.texts`); anything else is an error naming the shape."""
    from desktop.core.language import texts as record_texts

    result = text(value, typed)
    if result is None:
        return None
    try:
        data = json.loads(result)
    except ValueError:
        raise CellError('expected texts in other languages as {"de": {"field": "text"}}') from None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise CellError('expected texts in other languages as {"de": {"field": "text"}}')
    return record_texts.dump(record_texts.parse(result))


def key(value: Any, typed: bool) -> str | None:
    """A stable identifier: lower-case letters, digits and - _ . (slugs, fact and source keys)."""
    result = text(value, typed)
    if result is not None and not _KEY.match(result):
        raise CellError(f"{result!r} is not an identifier: use lower-case letters, digits and '-'")
    return result


def _memo(convert: Converter) -> Converter:
    """Remember the result for each distinct text.

    Code cells repeat ("medtech; diagnostics", "company") thousands of times in a bulk file,
    and converting them is pure, so a 100,000-row import converts each combination once.
    """
    cache: dict[tuple[str, bool], Any] = {}

    def cached(value: Any, typed: bool) -> Any:
        if type(value) is not str:
            return convert(value, typed)
        try:
            result = cache[value, typed]
        except KeyError:
            try:
                result = convert(value, typed)
            except CellError as error:
                result = error
            if len(cache) > 20_000:
                cache.clear()
            cache[value, typed] = result
        if isinstance(result, CellError):
            raise CellError(str(result))  # a fresh error: a raised one keeps its traceback
        return result

    return cached


def tag_code(value: Any, typed: bool) -> str | None:
    """A tag code, or its label written as people do: "GMP", "EN ISO 13485" → en-iso-13485."""
    if type(value) is str and _KEY.match(value):
        return value
    result = text(value, typed)
    if result is None:
        return None
    return key(re.sub(r"\s+", "-", result.casefold()), typed)


def from_vocabulary(terms: dict[str, taxonomy.Term] | dict[str, Any], what: str) -> Converter:
    """A code, or its label in any language we hold, in any case (``Medizintechnik`` →
    medtech)."""
    lookup: dict[str, str] = {}
    for code, term in terms.items():
        lookup[fold(code)] = code
        labels = term.labels().values() if hasattr(term, "labels") else ()
        for label in (getattr(term, "en", None), *labels):
            if label:
                lookup.setdefault(fold(label), code)
    valid = ", ".join(sorted(terms))

    def convert(value: Any, typed: bool) -> str | None:
        if type(value) is str and value in terms:  # the common case: a code as exported
            return value
        result = text(value, typed)
        if result is None:
            return None
        if result in terms:
            return result
        code = lookup.get(fold(result))
        if code is None:
            raise CellError(f"unknown {what} {result!r}; expected one of: {valid}")
        return code

    return _memo(convert)


def many(single: Converter, *, ordered: bool = False) -> Converter:
    """Several codes: a JSON list, or text separated by ; , | or new lines.

    A set (sectors, tags) comes back sorted, as the database lists it, so that the same codes
    in another order are no change; ``ordered`` lists (topics) keep the order given.
    """

    def convert(value: Any, typed: bool) -> tuple[str, ...] | None:
        if value is None:
            return None
        if isinstance(value, list):
            items = value
        elif isinstance(value, str):
            items = [part.strip() for part in _LIST_SPLIT.split(value)]
            if all(_KEY.match(item) and single(item, typed) == item for item in items):
                found = tuple(dict.fromkeys(items))  # codes as exported: done
                return (found if ordered else tuple(sorted(found))) or None
        else:
            raise CellError(f"must be a list of codes, not {_type_name(value)}")
        codes: list[str] = []
        for item in items:
            if isinstance(item, str) and not item.strip():
                continue
            try:
                found = [single(item, typed)]
            except CellError:
                if not isinstance(item, str) or " " not in item.strip():
                    raise
                found = [single(word, typed) for word in item.split()]  # "medtech diagnostics"
            codes += [code for code in found if code and code not in codes]
        return (tuple(codes) if ordered else tuple(sorted(codes))) or None

    return _memo(convert)


def year(value: Any, typed: bool) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or (typed and not isinstance(value, int)):
        raise CellError(f"must be a year such as 1997, not {_type_name(value)}")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    problem = validation.year(str(value).strip(), today=date.today())
    if problem:
        raise CellError(_sentence(problem))
    return int(str(value).strip())


_GERMAN_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$|^-?\d+,\d+$")
_ENGLISH_THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")


def number(value: Any, typed: bool) -> float | None:
    """1500, 2.5, "1.500,5" (German), "1,500.5" (English); "1,500" alone is ambiguous."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise CellError("must be a number, not true/false")
    if isinstance(value, int | float):
        # JSON allows NaN, Infinity and integers of any size; none of them is a figure.
        try:
            result = float(value)
        except OverflowError:
            result = math.inf
        if math.isnan(result):
            raise CellError("is NaN (not a number): give a number such as 1500 or 2.5")
        if math.isinf(result):
            raise CellError("is infinite or too large: give a number such as 1500 or 2.5")
        return result
    if typed or not isinstance(value, str):
        raise CellError(f"must be a number, not {_type_name(value)}")
    raw = value.strip().replace(" ", "").replace("\u00a0", "")
    if re.fullmatch(r"-?\d{1,3},\d{3}", raw):
        raise CellError(f"{value.strip()!r} is ambiguous: write 1500 or 1.5")
    if _ENGLISH_THOUSANDS.match(raw):
        raw = raw.replace(",", "")
    elif _GERMAN_NUMBER.match(raw):
        raw = raw.replace(".", "").replace(",", ".")
    try:
        result = float(raw)
    except ValueError:
        raise CellError(f"{value.strip()!r} is not a number, e.g. 1500 or 2.5") from None
    if not math.isfinite(result):
        raise CellError(f"{value.strip()!r} is not a number, e.g. 1500 or 2.5")
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
        problem = validation.as_of(result, today=date.today())
        if problem:
            raise CellError(_sentence(problem))
    return result


def planned_date(value: Any, typed: bool) -> str | None:
    """A partial date that may lie ahead (space "available from 2027")."""
    result = _date_text(value, typed)
    if result is not None:
        _real_date(result)
        try:
            check_partial_date(result)
        except ValueError as error:
            raise CellError(str(error)) from None
    return result


def day(value: Any, typed: bool) -> date | None:
    """A full date, not in the future (verified on, accessed on)."""
    result = _date_text(value, typed)
    if result is None:
        return None
    try:
        parsed = date.fromisoformat(result)
    except ValueError:
        raise CellError(f"date {result!r} must be YYYY-MM-DD") from None
    if parsed > date.today():
        raise CellError(f"date {result} is in the future")
    return parsed


_TRUE = {"true", "yes", "ja", "wahr", "1", "x", "y", "j"}
_FALSE = {"false", "no", "nein", "falsch", "0", "n"}


def flag(value: Any, typed: bool) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int | float) and not typed and value in (0, 1):
        return bool(value)
    if typed or not isinstance(value, str):
        raise CellError(f"must be true or false, not {_type_name(value)}")
    folded = value.strip().casefold()
    if not folded:
        return None
    if folded in _TRUE | _FALSE:
        return folded in _TRUE
    raise CellError(f"{value.strip()!r} is not yes/no (write yes, no, ja, nein, true or false)")
