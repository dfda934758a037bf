"""Checking one value of an investor profile against its field: type, text, codes.

Each check returns the cleaned value or raises :class:`ValueProblem` with what is wrong and
what to write instead; :mod:`desktop.core.briefs.profile` adds the file, line, table and
key. Unknown codes get a "did you mean" from the vocabulary, since a typo is the usual cause.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from desktop.core.kb import taxonomy, validation

_COUNTRY = re.compile(r"^[A-Z]{2}$")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # line breaks and tabs allowed


@dataclass(frozen=True)
class Field:
    """How one key is checked: its kind, whether it must be given, its allowed codes."""

    kind: str  # "text", "line", "bool", "country", "code", "codes", "words"
    required: bool = False
    vocabulary: dict[str, taxonomy.Term] | None = None


class ValueProblem(Exception):
    """A problem with one value; the caller adds the table, key and line."""


def _check_bool(value: Any, spec: Field) -> bool:
    if not isinstance(value, bool):
        quoted = " (no quotes)" if isinstance(value, str) else ""
        raise ValueProblem(f"expected true or false{quoted}, got {describe(value)}")
    return value


def _check_string(value: Any, spec: Field) -> str | None:
    if not isinstance(value, str):
        raise ValueProblem(f"expected a string in quotes, got {describe(value)}")
    stripped = value.replace("\r\n", "\n").strip()
    if spec.required and not stripped:
        raise ValueProblem("must not be empty")
    if spec.kind != "text" and CONTROL.search(stripped):
        raise ValueProblem("must be a single line without tabs or control characters")
    if _CONTROL_IN_TEXT.search(stripped):
        raise ValueProblem("contains control characters — only line breaks and tabs are allowed")
    _check_length(stripped, spec.kind)
    return stripped or None


def _check_length(text: str, kind: str) -> None:
    """The limits of :mod:`desktop.core.kb.validation`, worded for a profile file."""
    if kind != "text":
        limit = validation.MAX_NAME_CHARS
        if len(text) > limit:
            raise ValueProblem(f"is {len(text):,} characters long; at most {limit:,} fit")
        return
    limit, max_lines = validation.MAX_TEXT_CHARS, validation.MAX_TEXT_LINES
    if len(text) > limit:
        raise ValueProblem(f"is {len(text):,} characters long; at most {limit:,} fit")
    lines = text.count("\n") + 1
    if lines > max_lines:
        raise ValueProblem(f"has {lines:,} lines; at most {max_lines:,} fit")


def _check_country(value: Any, spec: Field) -> str | None:
    country = _check_string(value, spec)
    if country is None or _COUNTRY.match(country):
        return country
    hint = f" — did you mean {country.upper()!r}?" if _COUNTRY.match(country.upper()) else ""
    raise ValueProblem(
        f"{show(country)} is not an ISO 3166-1 alpha-2 code; "
        f"write two upper-case letters such as 'US' or 'DE'{hint}"
    )


def _check_code(value: Any, spec: Field) -> str:
    code = _check_string(value, spec)
    assert spec.vocabulary is not None
    if code is None:
        raise ValueProblem(f"must not be empty — {expected_codes(spec.vocabulary)}")
    return _known_code(code, spec.vocabulary)


def _check_list(value: Any, spec: Field) -> tuple[str, ...]:
    if not isinstance(value, list):
        example = '["…"]' if spec.vocabulary is None else f'["{next(iter(spec.vocabulary))}"]'
        raise ValueProblem(f"expected a list of strings such as {example}, got {describe(value)}")
    seen: set[str] = set()
    result: list[str] = []
    for position, item in enumerate(value, start=1):
        if not isinstance(item, str):
            raise ValueProblem(f"item {position} must be a string in quotes, got {describe(item)}")
        item = item.strip()
        if not item:
            raise ValueProblem(f"item {position} is empty — remove it or fill it in")
        if CONTROL.search(item):
            raise ValueProblem(f"item {position} must be a single line without control characters")
        if len(item) > validation.MAX_NAME_CHARS:
            raise ValueProblem(
                f"item {position} is {len(item):,} characters long; "
                f"at most {validation.MAX_NAME_CHARS:,} fit"
            )
        if spec.vocabulary is not None:
            item = _known_code(item, spec.vocabulary)
            identity = item
        else:
            identity = item.casefold()  # "CAR-T" and "car-t" are the same keyword
        if identity not in seen:
            seen.add(identity)
            result.append(item)
    if spec.required and not result:
        assert spec.vocabulary is not None
        raise ValueProblem(f"needs at least one code — {expected_codes(spec.vocabulary)}")
    return tuple(result)


_CHECKS: dict[str, Callable[[Any, Field], Any]] = {
    "text": _check_string,
    "line": _check_string,
    "bool": _check_bool,
    "country": _check_country,
    "code": _check_code,
    "codes": _check_list,
    "words": _check_list,
}


def _known_code(code: str, vocabulary: dict[str, taxonomy.Term]) -> str:
    if code in vocabulary:
        return code
    hint = ""
    folded = code.casefold()
    by_folded = {known.casefold(): known for known in vocabulary}
    # "gmp" → "gmp-manufacturing": a code it begins or is one part of, when only one matches
    partial = [
        known
        for key, known in by_folded.items()
        if key.startswith(folded) or folded in key.split("-")
    ]
    close = difflib.get_close_matches(folded, list(by_folded), n=1, cutoff=0.6)
    if len(partial) == 1:
        hint = f" (did you mean {partial[0]!r}?)"
    elif 1 < len(partial) <= 3:
        hint = f" (did you mean one of {', '.join(map(repr, partial))}?)"
    elif close:
        hint = f" (did you mean {by_folded[close[0]]!r}?)"
    raise ValueProblem(f"unknown code {show(code)}{hint} — {expected_codes(vocabulary)}")


def expected_codes(vocabulary: dict[str, taxonomy.Term]) -> str:
    return "expected one of: " + ", ".join(sorted(vocabulary))


def describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, str):
        return f"the string {show(value)}"
    if isinstance(value, int):
        return f"the number {value}" if abs(value) < 10**20 else "a number"
    if isinstance(value, float):
        return f"the number {value}"
    if isinstance(value, datetime):
        return "a date-time"
    if isinstance(value, date):
        return "a date"
    if isinstance(value, time):
        return "a time"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def show(text: str, limit: int = 40) -> str:
    """``text`` quoted for a message, shortened, with control characters escaped."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return repr(text)


def check_value(value: Any, spec: Field) -> Any:
    """``value`` cleaned as ``spec`` says; :class:`ValueProblem` when it cannot be used."""
    return _CHECKS[spec.kind](value, spec)
