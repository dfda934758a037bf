"""Why a service will not store a record, said in the reader's language.

The services check every record before they write it, so nothing half-valid is ever stored,
and refuse with :class:`RefusedError`: still a ``ValueError``, which is how they have always
said "not saved, and why", and a :class:`~desktop.core.errors.DossierError`, whose message the
window and the command line say in their own language. The field checks of
:mod:`desktop.core.kb.validation` word their sentences in a language they are given, so a
refusal keeps the question (:class:`Problems`) rather than the English answer.

The class lives outside :mod:`desktop.core.errors` (below the vocabularies, which refuse
unknown codes with it), so its sentences are always built with ``message(...)``: the check
that keeps each catalogue complete finds those wherever they are written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from desktop.core.errors import DossierError
from desktop.core.language.catalogues import SOURCE_LANGUAGE


class RefusedError(DossierError, ValueError):
    """A record, value or code a service will not take; the message says what is wrong."""


@dataclass(frozen=True)
class Problems:
    """What ``find`` (language → sentences, empty ones skipped) finds wrong, found again when
    said."""

    find: Callable[[str], Iterable[str]]

    def said(self, language: str) -> str:
        return " ".join(problem for problem in self.find(language) if problem)

    def __str__(self) -> str:
        return self.said(SOURCE_LANGUAGE)


def refuse(find: Callable[[str], Iterable[str]]) -> None:
    """Raise :class:`RefusedError` when ``find`` finds anything wrong with a record."""
    if any(find(SOURCE_LANGUAGE)):
        raise RefusedError(Problems(find))
