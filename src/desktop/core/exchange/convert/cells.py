"""A cell converter's contract, and cells that are text: the base every other converter uses.

Partners write what people write: labels instead of codes ("Medizintechnik"), "ja"/"nein",
"1.500,5", dates as spreadsheet dates. Every converter accepts those forms, but nothing that
would have to be guessed: an unknown code or an ambiguous number raises :class:`CellError`
naming what is valid. Each converter takes ``(value, typed)`` — ``typed`` is set for JSON,
where a number given as text (or text as a number) is a mistake worth reporting — and returns
the value, or None for an empty cell.

Here is what every converter shares (:class:`CellError`, :class:`Checked`, :func:`fold`, and
:func:`text` with its length and control-character limits) and the converters of plain text:
checked text, identifiers, translations. Codes are in :mod:`.codes`, numbers, dates and yes/no
in :mod:`.values`; both build on this module, and it on neither.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from desktop.core.language.messages import Grouped, Message, message, said

MAX_CELL_CHARS = 100_000  # a long description is a few thousand; more is a broken file
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
IDENTIFIER = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")  # what :func:`key` accepts


class CellError(ValueError):
    """A cell that cannot be taken as it is: ``problem`` says why and what would do.

    The dry run turns it into a row problem, said in the reader's language (:meth:`said`);
    ``str(error)`` is the English.
    """

    def __init__(self, problem: Message | Checked) -> None:
        super().__init__(problem)
        self.problem = problem

    def __str__(self) -> str:
        return str(self.problem)

    def said(self, language: str) -> str:
        return said(self.problem, language)


def fold(text: str) -> str:
    """Case-, space-, punctuation- and umlaut-blind form of a header or label."""
    text = text.casefold()
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, plain)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", text)


Converter = Callable[[Any, bool], Any]


def type_name(value: Any) -> Message | str:
    """What a JSON value is, for "must be text, not a number" (another type by its name)."""
    if isinstance(value, bool):
        return message("true/false")
    if isinstance(value, int | float):
        return message("a number")
    if isinstance(value, list):
        return message("a list")
    if isinstance(value, dict):
        return message("an object")
    return type(value).__name__


def text(value: Any, typed: bool) -> str | None:
    """Text as written (markup and SQL included: values are stored, never interpreted)."""
    if value is None:
        return None
    if type(value) is str:
        result = value.strip()
    elif typed or isinstance(value, bool | list | dict):
        raise CellError(message("must be text, not {type}", type=type_name(value)))
    elif isinstance(value, float) and value.is_integer():
        result = str(int(value))  # a spreadsheet's number cell: a phone number, a postcode
    elif isinstance(value, datetime | date):
        result = value.date().isoformat() if isinstance(value, datetime) else value.isoformat()
    else:
        result = str(value)
    if len(result) > MAX_CELL_CHARS:
        raise CellError(
            message(
                "is {count} characters long; at most {limit} fit",
                count=Grouped(len(result)),
                limit=Grouped(MAX_CELL_CHARS),
            )
        )
    bad = _CONTROL.search(result)
    if bad:
        raise CellError(
            message("contains the control character U+{code}", code=format(ord(bad.group()), "04X"))
        )
    return result or None


def _sentence(text: str, language: str) -> str:
    """A validation message as part of a longer line: "An as-of date …." → "an as-of date …"
    (in English only: a German sentence may start with a noun, which keeps its capital)."""
    text = text.rstrip(".")
    if language != "en" or text[1:2].isupper():
        return text
    return text[:1].lower() + text[1:]


Check = Callable[[str, str], object]  # (value, language) → what is wrong, or None


@dataclass(frozen=True, slots=True)
class Checked:
    """What a shared field check (:mod:`desktop.core.kb.validation`) found wrong with a cell.

    The checks word their sentences in a language they are given, from their own catalogue
    table, so the sentence is asked of the check again in the reader's language when said.
    """

    check: Check
    value: str

    def said(self, language: str) -> str:
        return _sentence(said(self.check(self.value, language) or "", language), language)

    def __str__(self) -> str:
        return self.said("en")


_TEXTS_SHAPE = '{"de": {"field": "text"}}'


def checking(check: Check) -> Converter:
    """Text that must pass ``check`` (a validation that takes the text and a language and
    returns what is wrong, or None)."""

    def convert(value: Any, typed: bool) -> str | None:
        result = text(value, typed)
        if result is not None and check(result, "en"):
            raise CellError(Checked(check, result))
        return result

    return convert


def translations(value: Any, typed: bool) -> str | None:
    """A record's texts in other languages, as exported: JSON ``{"de": {"description": …}}``
    (:mod:`desktop.core.language.texts`); anything else is an error naming the shape. The
    fingerprints of their English come along, so a JSON round trip keeps what is stale."""
    from desktop.core.language import texts as record_texts

    result = text(value, typed)
    if result is None:
        return None
    shape = message("expected texts in other languages as {shape}", shape=_TEXTS_SHAPE)
    try:
        data = json.loads(result)
    except ValueError:
        raise CellError(shape) from None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise CellError(shape)
    return record_texts.dump(record_texts.parse(result), record_texts.written_from(result))


def key(value: Any, typed: bool) -> str | None:
    """A stable identifier: lower-case letters, digits and - _ . (slugs, fact and source keys)."""
    result = text(value, typed)
    if result is not None and not IDENTIFIER.match(result):
        raise CellError(
            message(
                "{value!r} is not an identifier: use lower-case letters, digits and '-'",
                value=result,
            )
        )
    return result
