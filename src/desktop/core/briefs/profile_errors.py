"""What goes wrong with a profile file, said as one line that names where: :class:`ProfileError`.

Every problem with a profile raises :class:`ProfileError` with a one-line message that names the
file, the line, the table and key, and what to write instead, said in the reader's language
(what the file holds, and what ``tomllib`` reports, is quoted as it is). This module owns that
error and the translation of ``tomllib``'s syntax reports into it. It is apart from reading
(:mod:`desktop.core.briefs.profile`) and from checking the tables and keys
(:mod:`desktop.core.briefs.profile_schema`) because both raise it, and because how a TOML
mistake is located and explained is a job of its own. ``tomllib`` does not report where a key
was written, so :mod:`desktop.core.briefs.toml_keys` scans the raw text for that.
"""

from __future__ import annotations

import re
from pathlib import Path

from desktop.core.briefs.profile_values import CONTROL
from desktop.core.briefs.toml_keys import KeyScanner
from desktop.core.errors import DossierError
from desktop.core.language.messages import Message, message

_TOML_HINT = message(" — check quotes, brackets and commas")
_TOML_HINTS = (  # tomllib's wording → what to do about it
    ("Illegal character '\\n'", message(" — probably a closing quote is missing")),
    ("Unterminated string", message(" — a closing quote is missing")),
    ("Cannot declare", message(" — merge the two into one")),
    ("Cannot overwrite a value", message(" — each key may be set only once")),
    ("Invalid value", message(' — strings need quotes; lists look like ["a", "b"]')),
)
_DECLARED_TWICE = re.compile(r"^Cannot declare \((.*)\) twice$")
_TOML_POSITION = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")


class ProfileError(DossierError):
    """A profile file that cannot be used; ``str(error)`` is one line saying where and why.

    ``path`` is the file (or the ``source`` given to
    :func:`desktop.core.briefs.profile.parse_profile`), ``line`` the 1-based line the problem is
    on (``None`` when it has none, e.g. a missing table), ``key`` the dotted key concerned
    (``"interest.requirements"``; ``None`` for file-level problems) and ``reason`` the message
    without the location, in English. Said in any language, it stays one line (a key or a path
    may hold a line break).
    """

    def __init__(
        self,
        path: Path | str,
        reason: Message,
        *,
        line: int | None = None,
        key: str | None = None,
        column: int | None = None,
    ) -> None:
        if line is None:
            sentence = message("{path}: {reason}", path=path, reason=reason)
        elif column is None:
            sentence = message("{path}, line {line}: {reason}", path=path, line=line, reason=reason)
        else:
            sentence = message(
                "{path}, line {line}, column {column}: {reason}",
                path=path,
                line=line,
                column=column,
                reason=reason,
            )
        super().__init__(sentence)
        self.path = path
        self.line = line
        self.key = key
        self.reason = str(reason)

    def __str__(self) -> str:
        return _one_line(super().__str__())

    def said(self, language: str) -> str:
        return _one_line(super().said(language))


def _one_line(text: str) -> str:
    return CONTROL.sub(" ", text)


def syntax_error(reported: str, text: str, source: Path | str) -> ProfileError:
    """Turn tomllib's message (English, quoted as it is) into a located error, finding what it
    could not place."""
    match = _TOML_POSITION.search(reported)
    line = column = None
    if match:
        reported = reported[: match.start()]
        if match.group(1):
            line, column = int(match.group(1)), int(match.group(2))
    hint = next((hint for start, hint in _TOML_HINTS if reported.startswith(start)), _TOML_HINT)
    problem: str | Message = reported
    declared = _DECLARED_TWICE.match(reported)
    if declared:  # "Cannot declare ('interest',) twice"
        names = re.findall(r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"", declared.group(1))
        table = ".".join(single or double for single, double in names)
        problem = message("the table [{table}] appears twice", table=table)
    scanner = KeyScanner(text)
    scanner.scan()
    if reported.startswith("Cannot overwrite") and scanner.duplicates:
        path, line = scanner.duplicates[0]
        dotted = ".".join(path)
        return ProfileError(
            source,
            message("not valid TOML: {key} is set twice — keep one of them", key=dotted),
            line=line,
            key=dotted,
        )
    if line is None:  # "at end of document": tomllib saw the problem only there
        if scanner.unclosed is not None:
            line, problem = scanner.unclosed, message("a string is not closed")
            hint = message(" — add the closing quotes")
        else:
            line = text.rstrip("\n").count("\n") + 1
            hint = message(" at the end of the file — a quote or bracket is probably not closed")
    return ProfileError(
        source,
        message("not valid TOML: {problem}{hint}", problem=problem, hint=hint),
        line=line,
        column=column,
    )
