"""Sentences for a person, kept until we know who reads them: ``message("{path} is busy", path=p)``.

Core builds messages where it knows what happened (an error, an import's row problem, a
check's finding) but not who reads them — the window in German, the command line in English, a
log. So a :class:`Message` keeps the English sentence (its own key, as in gettext: the code
stays readable) and the values, and is said in a language only when shown: the sentence is
looked up in the catalogue's ``message`` table, then the values are filled in, so a
translation may move them. ``str(message)`` is the English, for logs and ``--json``.

A value may itself be :class:`Sayable` — a message (a reason inside an error), a
:class:`Listing` of them, a :class:`Grouped` count ("1.500") — and is said in the same language;
anything else is shown as ``str()``: paths, names, numbers as written (a row number or a year is
not grouped). Every literal sentence is found in the source by a test that keeps each catalogue
complete, so a sentence is always a literal, never an f-string.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from desktop.core.language.catalogues import SOURCE_LANGUAGE, grouped_number, word

DOMAIN = "message"  # the catalogue's table


@runtime_checkable
class Sayable(Protocol):
    """Anything said in the reader's language: a message, a list of them, a grouped number, a
    report."""

    def said(self, language: str) -> str: ...


@dataclass(frozen=True)
class Message:
    """An English sentence with ``{name}`` placeholders and the values for them."""

    english: str
    values: Mapping[str, object] = field(default_factory=dict)

    def said(self, language: str) -> str:
        """The sentence in ``language`` (English where the catalogue lacks it)."""
        template = word(DOMAIN, self.english, language, self.english)
        if not self.values:
            return template
        return template.format(
            **{name: said(value, language) for name, value in self.values.items()}
        )

    def __str__(self) -> str:
        return self.said(SOURCE_LANGUAGE)


def message(english: str, /, **values: object) -> Message:
    """A sentence to say later, in the reader's language."""
    return Message(english, values)


def counted(one: str, other: str, /, count: int, **values: object) -> Message:
    """``one`` for a count of 1, else ``other``, with ``{count}`` filled in (grouped). English
    and German tell only one from many; a language with more forms would key its catalogue by
    count."""
    return Message(one if count == 1 else other, {"count": Grouped(count), **values})


@dataclass(frozen=True, slots=True)
class Grouped:
    """A count or size in a sentence, with the reader's digit grouping: "10,001" in English,
    "10.001" in German. Row numbers, line numbers and years are never grouped: plain values."""

    value: float

    def said(self, language: str) -> str:
        return grouped_number(self.value, language)

    def __str__(self) -> str:
        return self.said(SOURCE_LANGUAGE)


@dataclass(frozen=True)
class Listing:
    """Texts said one after another in the reader's language (a list inside a sentence)."""

    parts: tuple[object, ...]
    separator: str = ", "

    def said(self, language: str) -> str:
        return self.separator.join(said(part, language) for part in self.parts)

    def __str__(self) -> str:
        return self.said(SOURCE_LANGUAGE)


def said(value: object, language: str) -> str:
    """Any text for a person in ``language``: a message (or an error carrying one) translated,
    anything else as written."""
    return value.said(language) if isinstance(value, Sayable) else str(value)
