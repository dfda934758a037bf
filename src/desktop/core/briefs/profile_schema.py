"""The tables and keys of a profile file, and checking a parsed document against them.

:data:`SCHEMA` says which tables a profile has, which keys each holds and how each value is
checked; :func:`check_document` walks a document ``tomllib`` has read and returns the clean
values, raising a located :class:`~desktop.core.briefs.profile_errors.ProfileError` for the
first problem: an unknown or misplaced table or key (with a "did you mean"), a missing one
(with an example to add), a value of the wrong kind. It is apart from
:mod:`desktop.core.briefs.profile` (the model and reading the file) because what a profile may
hold, and how a wrong one is explained, changes on its own; checking a single value lives in
:mod:`desktop.core.briefs.profile_values`.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from desktop.core.briefs.profile_errors import ProfileError
from desktop.core.briefs.profile_values import (
    Field,
    ValueProblem,
    check_value,
    describe,
    expected_codes,
)
from desktop.core.briefs.toml_keys import key_lines
from desktop.core.kb import taxonomy
from desktop.core.kb import vocabulary as prospect_vocab
from desktop.core.language.messages import Message, message

SCHEMA: dict[str, dict[str, Field]] = {
    "investor": {
        "name": Field("line", required=True),
        "code_name": Field("line"),
        "use_code_name": Field("bool"),
        "country": Field("country"),
    },
    "interest": {
        "sectors": Field("codes", required=True, vocabulary=taxonomy.SECTORS),
        "activities": Field("codes", vocabulary=prospect_vocab.ACTIVITIES),
        "requirements": Field("codes", vocabulary=prospect_vocab.REQUIREMENTS),
        "keywords": Field("words"),
        "needs": Field("text"),
    },
    "dossier": {
        "template": Field("code", vocabulary=prospect_vocab.TEMPLATES),
        "language": Field("code", vocabulary=prospect_vocab.LANGUAGES),
        "consultant": Field("line"),
    },
}
_REQUIRED_TABLES = ("investor", "interest")
_DEFAULTS = {"template": "full", "language": "en"}


def check_document(document: dict[str, Any], text: str, source: Path | str) -> dict[str, Any]:
    """The checked values of ``document`` (read from ``text``), one per key of :data:`SCHEMA`;
    raise :class:`ProfileError` naming ``source`` and the line for the first problem."""
    return _Checker(source, text).check(document)


# --- checking ------------------------------------------------------------------------------


class _Checker:
    """Checks a parsed document, turning each problem into a located :class:`ProfileError`."""

    def __init__(self, source: Path | str, text: str) -> None:
        self.source = source
        self.text = text
        self._lines: dict[tuple[str, ...], int] | None = None

    def line_of(self, *key_path: str) -> int | None:
        """The line where ``key_path`` (or, failing that, its nearest parent) is written."""
        if self._lines is None:
            self._lines = key_lines(self.text)
        for end in range(len(key_path), 0, -1):
            line = self._lines.get(key_path[:end])
            if line is not None:
                return line
        return None

    def error(
        self, table: str | None, key: str | None, reason: Message, *, missing: bool = False
    ) -> ProfileError:
        """A :class:`ProfileError` for ``[table] key``; ``missing`` points at the table header."""
        if table is None:
            path = (key,) if key else ()
            label = reason
        elif key is None:
            path = (table,)
            label = message("[{table}] {reason}", table=table, reason=reason)
        else:
            path = (table,) if missing else (table, key)
            label = message("[{table}] {key}: {reason}", table=table, key=key, reason=reason)
        line = self.line_of(*path) if path else None
        dotted = ".".join(part for part in (table, key) if part) or None
        return ProfileError(self.source, label, line=line, key=dotted)

    def check(self, document: dict[str, Any]) -> dict[str, Any]:
        for name, value in document.items():
            if name not in SCHEMA:
                raise self.error(None, name, _unknown_top_level(name, value))
        tables: dict[str, dict[str, Any]] = {}
        for name in SCHEMA:
            if name not in document:
                if name in _REQUIRED_TABLES:
                    raise self.error(
                        None,
                        name,
                        message(
                            "the [{name}] table is missing — add a [{name}] header "
                            "followed by at least {keys}",
                            name=name,
                            keys=_required_keys(name),
                        ),
                    )
                tables[name] = {}
                continue
            value = document[name]
            if not isinstance(value, dict):
                raise self.error(
                    None,
                    name,
                    message(
                        "[{name}] must be a table (a [{name}] header followed by its keys), "
                        "not {value}",
                        name=name,
                        value=describe(value),
                    ),
                )
            tables[name] = value
        values: dict[str, Any] = {}
        for name, fields in SCHEMA.items():
            table = tables[name]
            for key in table:
                if key not in fields:
                    raise self.error(name, key, _unknown_key(name, key))
            for key, spec in fields.items():
                values[key] = self.field(name, key, spec, table)
        if values["use_code_name"] and not values["code_name"]:
            raise self.error(
                "investor",
                "code_name",
                message(
                    'required when use_code_name = true — add code_name = "Project …" '
                    "or set use_code_name = false"
                ),
                missing="code_name" not in tables["investor"],
            )
        return values

    def field(self, table: str, key: str, spec: Field, values: dict[str, Any]) -> Any:
        if key not in values:
            if spec.required:
                raise self.error(
                    table, key, message("missing — {example}", example=_example(key)), missing=True
                )
            return _empty(key, spec)
        value = values[key]
        try:
            return check_value(value, spec)
        except ValueProblem as problem:
            raise self.error(table, key, problem.problem) from None


def _empty(key: str, spec: Field) -> Any:
    if spec.kind in ("codes", "words"):
        return ()
    if spec.kind == "bool":
        return False
    return _DEFAULTS.get(key)


# --- messages ------------------------------------------------------------------------------


def _required_keys(table: str) -> str:
    """The keys a table must have, as written in the file (each required table has one)."""
    return ", ".join(key for key, spec in SCHEMA[table].items() if spec.required)


def _example(key: str) -> Message:
    if key == "name":
        return message('add name = "Company name" under [investor]')
    if key == "sectors":
        return message(
            'add sectors = ["…"] under [interest] — {expected}',
            expected=expected_codes(taxonomy.SECTORS),
        )
    return message("add {key} = …", key=key)


def _home_of(key: str) -> str | None:
    """The table a key belongs in, if it is a known key of any table."""
    for table, fields in SCHEMA.items():
        if key in fields:
            return table
    return None


def _unknown_top_level(name: str, value: Any) -> Message:
    home = _home_of(name)
    if home is not None:
        return message(
            "{name!r} belongs under the [{home}] header — move it there", name=name, home=home
        )
    valid = ", ".join(f"[{table}]" for table in SCHEMA)
    close = difflib.get_close_matches(name.casefold(), list(SCHEMA), n=1, cutoff=0.6)
    if isinstance(value, dict) and close:
        return message(
            "unknown table [{name}] — did you mean [{close}]? (valid tables: {valid})",
            name=name,
            close=close[0],
            valid=valid,
        )
    if isinstance(value, dict):
        return message("unknown table [{name}] (valid tables: {valid})", name=name, valid=valid)
    if close:
        return message(
            "unknown key {name!r} — did you mean [{close}]? (valid tables: {valid})",
            name=name,
            close=close[0],
            valid=valid,
        )
    return message("unknown key {name!r} (valid tables: {valid})", name=name, valid=valid)


def _unknown_key(table: str, key: str) -> Message:
    fields = SCHEMA[table]
    home = _home_of(key)
    if home is not None and home != table:
        return message(
            "belongs under [{home}], not [{table}] — move it there", home=home, table=table
        )
    close = difflib.get_close_matches(key.casefold(), list(fields), n=1, cutoff=0.6)
    valid = ", ".join(fields)
    if close:
        return message(
            "unknown key — did you mean {close!r}? (valid keys in [{table}]: {valid})",
            close=close[0],
            table=table,
            valid=valid,
        )
    return message("unknown key (valid keys in [{table}]: {valid})", table=table, valid=valid)
