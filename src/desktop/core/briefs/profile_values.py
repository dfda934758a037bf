"""Checking one value of an investor profile against its field: type, text, codes.

Each check returns the cleaned value or raises :class:`ValueProblem` with what is wrong and
what to write instead (a message, said in the reader's language);
:mod:`desktop.core.briefs.profile_schema` adds the file, line, table and key. Unknown codes get
a "did you mean" from the vocabulary, since a typo is the usual cause. What the file holds
(keys, codes, values) is quoted as written.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from desktop.core.kb import taxonomy, validation
from desktop.core.language.messages import Grouped, Message, message

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
    """A problem with one value; the caller adds the table, key and line. ``problem`` is the
    message, ``str()`` its English."""

    def __init__(self, problem: Message) -> None:
        super().__init__(str(problem))
        self.problem = problem


def _check_bool(value: Any, spec: Field) -> bool:
    if not isinstance(value, bool):
        if isinstance(value, str):
            raise ValueProblem(
                message("expected true or false (no quotes), got {value}", value=describe(value))
            )
        raise ValueProblem(message("expected true or false, got {value}", value=describe(value)))
    return value


def _check_string(value: Any, spec: Field) -> str | None:
    if not isinstance(value, str):
        raise ValueProblem(
            message("expected a string in quotes, got {value}", value=describe(value))
        )
    stripped = value.replace("\r\n", "\n").strip()
    if spec.required and not stripped:
        raise ValueProblem(message("must not be empty"))
    if spec.kind != "text" and CONTROL.search(stripped):
        raise ValueProblem(message("must be a single line without tabs or control characters"))
    if _CONTROL_IN_TEXT.search(stripped):
        raise ValueProblem(
            message("contains control characters — only line breaks and tabs are allowed")
        )
    _check_length(stripped, spec.kind)
    return stripped or None


def _check_length(text: str, kind: str) -> None:
    """The limits of :mod:`desktop.core.kb.validation`, worded for a profile file."""
    limit = validation.MAX_NAME_CHARS if kind != "text" else validation.MAX_TEXT_CHARS
    if len(text) > limit:
        raise ValueProblem(
            message(
                "is {count} characters long; at most {limit} fit",
                count=Grouped(len(text)),
                limit=Grouped(limit),
            )
        )
    lines, max_lines = text.count("\n") + 1, validation.MAX_TEXT_LINES
    if kind == "text" and lines > max_lines:
        raise ValueProblem(
            message(
                "has {count} lines; at most {limit} fit",
                count=Grouped(lines),
                limit=Grouped(max_lines),
            )
        )


def _check_country(value: Any, spec: Field) -> str | None:
    country = _check_string(value, spec)
    if country is None or _COUNTRY.match(country):
        return country
    if _COUNTRY.match(country.upper()):
        raise ValueProblem(
            message(
                "{value} is not an ISO 3166-1 alpha-2 code; write two upper-case letters such "
                "as 'US' or 'DE' — did you mean {code!r}?",
                value=show(country),
                code=country.upper(),
            )
        )
    raise ValueProblem(
        message(
            "{value} is not an ISO 3166-1 alpha-2 code; write two upper-case letters such "
            "as 'US' or 'DE'",
            value=show(country),
        )
    )


def _check_code(value: Any, spec: Field) -> str:
    code = _check_string(value, spec)
    assert spec.vocabulary is not None
    if code is None:
        raise ValueProblem(
            message("must not be empty — {expected}", expected=expected_codes(spec.vocabulary))
        )
    return _known_code(code, spec.vocabulary)


def _check_list(value: Any, spec: Field) -> tuple[str, ...]:
    if not isinstance(value, list):
        example = '["…"]' if spec.vocabulary is None else f'["{next(iter(spec.vocabulary))}"]'
        raise ValueProblem(
            message(
                "expected a list of strings such as {example}, got {value}",
                example=example,
                value=describe(value),
            )
        )
    seen: set[str] = set()
    result: list[str] = []
    for position, item in enumerate(value, start=1):
        if not isinstance(item, str):
            raise ValueProblem(
                message(
                    "item {position} must be a string in quotes, got {value}",
                    position=position,
                    value=describe(item),
                )
            )
        item = item.strip()
        if not item:
            raise ValueProblem(
                message("item {position} is empty — remove it or fill it in", position=position)
            )
        if CONTROL.search(item):
            raise ValueProblem(
                message(
                    "item {position} must be a single line without control characters",
                    position=position,
                )
            )
        if len(item) > validation.MAX_NAME_CHARS:
            raise ValueProblem(
                message(
                    "item {position} is {count} characters long; at most {limit} fit",
                    position=position,
                    count=Grouped(len(item)),
                    limit=Grouped(validation.MAX_NAME_CHARS),
                )
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
        raise ValueProblem(
            message(
                "needs at least one code — {expected}", expected=expected_codes(spec.vocabulary)
            )
        )
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
    folded = code.casefold()
    by_folded = {known.casefold(): known for known in vocabulary}
    # "gmp" → "gmp-manufacturing": a code it begins or is one part of, when only one matches
    partial = [
        known
        for key, known in by_folded.items()
        if key.startswith(folded) or folded in key.split("-")
    ]
    close = difflib.get_close_matches(folded, list(by_folded), n=1, cutoff=0.6)
    # one or a few codes it is part of, else the closest spelling
    guesses = partial if 1 <= len(partial) <= 3 else [by_folded[close[0]]] if close else []
    shown, expected = show(code), expected_codes(vocabulary)
    if len(guesses) == 1:
        raise ValueProblem(
            message(
                "unknown code {code} (did you mean {guess!r}?) — {expected}",
                code=shown,
                guess=guesses[0],
                expected=expected,
            )
        )
    if guesses:
        raise ValueProblem(
            message(
                "unknown code {code} (did you mean one of {guesses}?) — {expected}",
                code=shown,
                guesses=", ".join(map(repr, guesses)),
                expected=expected,
            )
        )
    raise ValueProblem(message("unknown code {code} — {expected}", code=shown, expected=expected))


def expected_codes(vocabulary: dict[str, taxonomy.Term]) -> Message:
    return message("expected one of: {codes}", codes=", ".join(sorted(vocabulary)))


def describe(value: Any) -> Message | str:
    """What a value of the file is, for "got …": its type, and short values as written."""
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, str):
        return message("the string {text}", text=show(value))
    if isinstance(value, int) and abs(value) >= 10**20:
        return message("a number")
    if isinstance(value, (int, float)):
        return message("the number {value}", value=value)
    if isinstance(value, datetime):
        return message("a date-time")
    if isinstance(value, date):
        return message("a date")
    if isinstance(value, time):
        return message("a time")
    if isinstance(value, list):
        return message("a list")
    if isinstance(value, dict):
        return message("a table")
    return type(value).__name__


def show(text: str, limit: int = 40) -> str:
    """``text`` quoted for a message, shortened, with control characters escaped."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return repr(text)


def check_value(value: Any, spec: Field) -> Any:
    """``value`` cleaned as ``spec`` says; :class:`ValueProblem` when it cannot be used."""
    return _CHECKS[spec.kind](value, spec)
