"""Investor profiles: one small TOML file per prospect, checked with errors a person can act on.

A profile says who the investor is, what they are looking for (sectors, activities,
requirements, keywords) and how their dossier should be produced. The format is documented
field by field in ``examples/README.md``.

Every problem with a profile file raises :class:`ProfileError` with a one-line message that
names the file, the line, the table and key, and what to write instead. ``tomllib`` does not
report where a key was written, so :mod:`desktop.core.briefs.toml_keys` scans the raw text for that.
Checking single values (types, text, codes) lives in :mod:`desktop.core.briefs.profile_values`.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core.briefs.profile_values import (
    CONTROL,
    Field,
    ValueProblem,
    check_value,
    describe,
    expected_codes,
)
from desktop.core.briefs.toml_keys import KeyScanner, key_lines
from desktop.core.errors import DossierError
from desktop.core.kb import taxonomy
from desktop.core.kb import vocabulary as prospect_vocab

MAX_PROFILE_BYTES = 1_000_000

_TOML_HINT = " — check quotes, brackets and commas"
_TOML_HINTS = (  # tomllib's wording → what to do about it
    ("Illegal character '\\n'", " — probably a closing quote is missing"),
    ("Unterminated string", " — a closing quote is missing"),
    ("Cannot declare", " — merge the two into one"),
    ("Cannot overwrite a value", " — each key may be set only once"),
    ("Invalid value", ' — strings need quotes; lists look like ["a", "b"]'),
)
_DECLARED_TWICE = re.compile(r"^Cannot declare \((.*)\) twice$")
_TOML_POSITION = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")


@dataclass(frozen=True)
class InvestorProfile:
    """A checked investor profile: codes are valid, strings stripped, lists without duplicates."""

    name: str
    code_name: str | None
    use_code_name: bool
    country: str | None  # ISO 3166-1 alpha-2, e.g. "US"
    sectors: tuple[str, ...]  # taxonomy.SECTORS codes, at least one
    activities: tuple[str, ...]  # prospect_vocab.ACTIVITIES codes
    requirements: tuple[str, ...]  # prospect_vocab.REQUIREMENTS codes
    keywords: tuple[str, ...]
    needs: str | None
    template: str  # prospect_vocab.TEMPLATES code
    language: str  # prospect_vocab.LANGUAGES code
    consultant: str | None  # None: the app settings supply the consultant

    @property
    def display_name(self) -> str:
        """The name to print: the code name when the investor asked for confidentiality."""
        if self.use_code_name and self.code_name:
            return self.code_name
        return self.name


class ProfileError(DossierError):
    """A profile file that cannot be used; ``str(error)`` is one line saying where and why.

    ``path`` is the file (or the ``source`` given to :func:`parse_profile`), ``line`` the
    1-based line the problem is on (``None`` when it has none, e.g. a missing table), ``key``
    the dotted key concerned (``"interest.requirements"``; ``None`` for file-level problems)
    and ``reason`` the message without the location.
    """

    def __init__(
        self,
        path: Path | str,
        reason: str,
        *,
        line: int | None = None,
        key: str | None = None,
        column: int | None = None,
    ) -> None:
        where = str(path)
        if line is not None:
            where += f", line {line}"
            if column is not None:
                where += f", column {column}"
        super().__init__(_one_line(f"{where}: {reason}"))
        self.path = path
        self.line = line
        self.key = key
        self.reason = reason


def load_profile(path: Path) -> InvestorProfile:
    """Read and check the profile at ``path``; raise :class:`ProfileError` for any problem."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_PROFILE_BYTES + 1)
    except FileNotFoundError:
        raise ProfileError(path, "file not found — check the path") from None
    except IsADirectoryError:
        raise ProfileError(path, "is a folder, not a profile file") from None
    except PermissionError:
        raise ProfileError(path, "cannot read the file: permission denied") from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise ProfileError(path, f"cannot read the file: {reason}") from None
    if len(data) > MAX_PROFILE_BYTES:
        raise ProfileError(path, _too_big())
    try:
        text = data.decode("utf-8-sig")  # editors on Windows like to add a byte-order mark
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ProfileError(
            path,
            f"not UTF-8 text (byte {error.start + 1}) — save the file as UTF-8",
            line=line,
        ) from None
    return _parse(text, path)


def parse_profile(text: str, *, source: str = "<profile>") -> InvestorProfile:
    """Check a profile given as TOML text; ``source`` names it in error messages."""
    return _parse(text, source)


# --- schema --------------------------------------------------------------------------------


_SCHEMA: dict[str, dict[str, Field]] = {
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
        self, table: str | None, key: str | None, reason: str, *, missing: bool = False
    ) -> ProfileError:
        """A :class:`ProfileError` for ``[table] key``; ``missing`` points at the table header."""
        if table is None:
            path = (key,) if key else ()
            label = reason
        elif key is None:
            path = (table,)
            label = f"[{table}] {reason}"
        else:
            path = (table,) if missing else (table, key)
            label = f"[{table}] {key}: {reason}"
        line = self.line_of(*path) if path else None
        dotted = ".".join(part for part in (table, key) if part) or None
        return ProfileError(self.source, label, line=line, key=dotted)

    def check(self, document: dict[str, Any]) -> InvestorProfile:
        for name, value in document.items():
            if name not in _SCHEMA:
                raise self.error(None, name, _unknown_top_level(name, value))
        tables: dict[str, dict[str, Any]] = {}
        for name in _SCHEMA:
            if name not in document:
                if name in _REQUIRED_TABLES:
                    raise self.error(
                        None,
                        name,
                        f"the [{name}] table is missing — add a [{name}] header "
                        f"followed by at least {_required_keys(name)}",
                    )
                tables[name] = {}
                continue
            value = document[name]
            if not isinstance(value, dict):
                raise self.error(
                    None,
                    name,
                    f"[{name}] must be a table (a [{name}] header followed by its keys), "
                    f"not {describe(value)}",
                )
            tables[name] = value
        values: dict[str, Any] = {}
        for name, fields in _SCHEMA.items():
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
                'required when use_code_name = true — add code_name = "Project …" '
                "or set use_code_name = false",
                missing="code_name" not in tables["investor"],
            )
        return InvestorProfile(**values)

    def field(self, table: str, key: str, spec: Field, values: dict[str, Any]) -> Any:
        if key not in values:
            if spec.required:
                raise self.error(table, key, f"missing — {_example(key)}", missing=True)
            return _empty(key, spec)
        value = values[key]
        try:
            return check_value(value, spec)
        except ValueProblem as problem:
            raise self.error(table, key, str(problem)) from None


def _empty(key: str, spec: Field) -> Any:
    if spec.kind in ("codes", "words"):
        return ()
    if spec.kind == "bool":
        return False
    return _DEFAULTS.get(key)


# --- messages ------------------------------------------------------------------------------


def _required_keys(table: str) -> str:
    return " and ".join(key for key, spec in _SCHEMA[table].items() if spec.required)


def _example(key: str) -> str:
    if key == "name":
        return 'add name = "Company name" under [investor]'
    if key == "sectors":
        return f'add sectors = ["…"] under [interest] — {expected_codes(taxonomy.SECTORS)}'
    return f"add {key} = …"


def _home_of(key: str) -> str | None:
    """The table a key belongs in, if it is a known key of any table."""
    for table, fields in _SCHEMA.items():
        if key in fields:
            return table
    return None


def _unknown_top_level(name: str, value: Any) -> str:
    home = _home_of(name)
    if home is not None:
        return f"{name!r} belongs under the [{home}] header — move it there"
    valid = ", ".join(f"[{table}]" for table in _SCHEMA)
    close = difflib.get_close_matches(name.casefold(), list(_SCHEMA), n=1, cutoff=0.6)
    what = f"table [{name}]" if isinstance(value, dict) else f"key {name!r}"
    hint = f" — did you mean [{close[0]}]?" if close else ""
    return f"unknown {what}{hint} (valid tables: {valid})"


def _unknown_key(table: str, key: str) -> str:
    fields = _SCHEMA[table]
    home = _home_of(key)
    if home is not None and home != table:
        return f"belongs under [{home}], not [{table}] — move it there"
    close = difflib.get_close_matches(key.casefold(), list(fields), n=1, cutoff=0.6)
    hint = f" — did you mean {close[0]!r}?" if close else ""
    valid = ", ".join(fields)
    return f"unknown key{hint} (valid keys in [{table}]: {valid})"


def _one_line(message: str) -> str:
    return CONTROL.sub(" ", message)


def _too_big() -> str:
    return (
        f"larger than {MAX_PROFILE_BYTES // 1_000_000} MB — a profile is a few lines of text; "
        "check that this is the right file"
    )


# --- parsing -------------------------------------------------------------------------------


def _parse(text: str, source: Path | str) -> InvestorProfile:
    if len(text) > MAX_PROFILE_BYTES or len(text.encode("utf-8", "surrogatepass")) > (
        MAX_PROFILE_BYTES
    ):
        raise ProfileError(source, _too_big())
    text = text.removeprefix("\ufeff")
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _syntax_error(str(error), text, source) from None
    except RecursionError:
        raise ProfileError(source, "not valid TOML: brackets nested too deeply") from None
    except ValueError as error:  # e.g. an integer with thousands of digits
        raise ProfileError(source, f"not valid TOML: {error}") from None
    return _Checker(source, text).check(document)


def _syntax_error(message: str, text: str, source: Path | str) -> ProfileError:
    """Turn tomllib's message into a located error, finding what it could not place."""
    match = _TOML_POSITION.search(message)
    line = column = None
    if match:
        message = message[: match.start()]
        if match.group(1):
            line, column = int(match.group(1)), int(match.group(2))
    hint = next((hint for start, hint in _TOML_HINTS if message.startswith(start)), _TOML_HINT)
    declared = _DECLARED_TWICE.match(message)
    if declared:  # "Cannot declare ('interest',) twice"
        names = re.findall(r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"", declared.group(1))
        table = ".".join(single or double for single, double in names)
        message = f"the table [{table}] appears twice"
    scanner = KeyScanner(text)
    scanner.scan()
    if message.startswith("Cannot overwrite") and scanner.duplicates:
        path, line = scanner.duplicates[0]
        dotted = ".".join(path)
        return ProfileError(
            source,
            f"not valid TOML: {dotted} is set twice — keep one of them",
            line=line,
            key=dotted,
        )
    if line is None:  # "at end of document": tomllib saw the problem only there
        if scanner.unclosed is not None:
            line, message = scanner.unclosed, "a string is not closed"
            hint = " — add the closing quotes"
        else:
            line = text.rstrip("\n").count("\n") + 1
            hint = " at the end of the file — a quote or bracket is probably not closed"
    return ProfileError(source, f"not valid TOML: {message}{hint}", line=line, column=column)
