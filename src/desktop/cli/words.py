"""The command line's words in the consultant's language: ``say("{count} entities", count=…)``.

The English sentence is its own key, as in gettext: the code stays readable, and the German
is in the ``cli`` table of ``resources/translations/de.toml`` (a sentence a catalogue lacks is
printed in English). Values are filled in after the lookup, so a translation may move them.
The language is the window's (:func:`desktop.app.language.current`: the saved Settings choice,
else the environment), settled once per run by :func:`speaking` — not read from the settings
file again for every line of a long listing, and not kept after the run, so one process (a
test) can run the commands in one language, then in another.

Only what people read goes through here: ``--json`` output, codes, slugs and paths stay as
they are, whatever the language.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from desktop import APP_ID
from desktop.core.kb.values import format_number
from desktop.core.language.catalogues import separators, word

DOMAIN = "cli"  # the catalogue's table
ENGLISH = "en"
_settled: list[str] = []  # the language of the run in progress, once cli.main has settled it


@contextlib.contextmanager
def speaking(language: str | None = None) -> Iterator[str]:
    """One run of the command line in ``language`` (default: the one in use, read once)."""
    from desktop.app.language import current

    before = list(_settled)
    _settled[:] = [language or current()]
    try:
        yield _settled[0]
    finally:
        _settled[:] = before


def language() -> str:
    """The language of this run (outside a run, e.g. a test building the parser: as in use)."""
    if _settled:
        return _settled[0]
    from desktop.app.language import current

    return current()


def say(english: str, **values: object) -> str:
    """``english`` in the run's language, with ``values`` filled in (``str.format``)."""
    text = word(DOMAIN, english, language(), english)
    return text.format(**values) if values else text


def say_n(one: str, other: str, count: int, **values: object) -> str:
    """:func:`say` of ``one`` for a count of 1, else of ``other``; ``{count}`` is the count in
    the language's digits. (English and German both tell only one from many.)"""
    return say(one if count == 1 else other, count=number(count), **values)


def number(value: float, spec: str | None = None) -> str:
    """A number for people: ``1,500`` / ``1.500``; with ``spec`` as ``format(value, spec)``
    writes it in English (``".1f"``, ``"g"``), with the language's separators."""
    if spec is None:
        return format_number(value, language=language())
    thousands, decimal = separators(language())
    return format(value, spec).translate(str.maketrans({",": thousands, ".": decimal}))


def shown_date(value: str) -> str:
    """A stored date (``2026-03-05``, ``2026-03``, ``2026``) for people: as stored in English
    (as the window shows it), ``5. März 2026`` / ``März 2026`` in German."""
    if language() == ENGLISH:
        return value
    from desktop.dossier.content.i18n import format_partial_date

    return format_partial_date(value, language())


def error_line(message: str) -> str:
    """The one line on stderr that says what went wrong: ``dossier-desk: error: …``."""
    return say("{program}: error: {message}", program=APP_ID, message=message)
