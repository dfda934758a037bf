"""Investor profiles: one small TOML file per prospect, read into a checked profile.

A profile says who the investor is, what they are looking for (sectors, activities,
requirements, keywords) and how their dossier should be produced. The format is documented
field by field in ``examples/README.md``.

This module owns the profile model and reading it: :func:`load_profile` (a file: its size, its
encoding) and :func:`parse_profile` (TOML text). Every problem raises
:class:`~desktop.core.briefs.profile_errors.ProfileError`, one line naming the file, the line,
the table and key, and what to write instead; that error and the wording of TOML syntax
mistakes live in :mod:`desktop.core.briefs.profile_errors`. Which tables and keys a profile
holds, and checking a parsed document against them, lives in
:mod:`desktop.core.briefs.profile_schema`; checking single values (types, text, codes) in
:mod:`desktop.core.briefs.profile_values`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from desktop.core.briefs.profile_errors import ProfileError, syntax_error
from desktop.core.briefs.profile_schema import check_document
from desktop.core.language.messages import Message, message

MAX_PROFILE_BYTES = 1_000_000


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


def load_profile(path: Path) -> InvestorProfile:
    """Read and check the profile at ``path``; raise :class:`ProfileError` for any problem."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_PROFILE_BYTES + 1)
    except FileNotFoundError:
        raise ProfileError(path, message("file not found — check the path")) from None
    except IsADirectoryError:
        raise ProfileError(path, message("is a folder, not a profile file")) from None
    except PermissionError:
        raise ProfileError(path, message("cannot read the file: permission denied")) from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise ProfileError(path, message("cannot read the file: {reason}", reason=reason)) from None
    if len(data) > MAX_PROFILE_BYTES:
        raise ProfileError(path, _too_big())
    try:
        text = data.decode("utf-8-sig")  # editors on Windows like to add a byte-order mark
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ProfileError(
            path,
            message("not UTF-8 text (byte {byte}) — save the file as UTF-8", byte=error.start + 1),
            line=line,
        ) from None
    return _parse(text, path)


def parse_profile(text: str, *, source: str = "<profile>") -> InvestorProfile:
    """Check a profile given as TOML text; ``source`` names it in error messages."""
    return _parse(text, source)


def _too_big() -> Message:
    return message(
        "larger than {size} MB — a profile is a few lines of text; check that this is the "
        "right file",
        size=MAX_PROFILE_BYTES // 1_000_000,
    )


def _parse(text: str, source: Path | str) -> InvestorProfile:
    if len(text) > MAX_PROFILE_BYTES or len(text.encode("utf-8", "surrogatepass")) > (
        MAX_PROFILE_BYTES
    ):
        raise ProfileError(source, _too_big())
    text = text.removeprefix("\ufeff")
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise syntax_error(str(error), text, source) from None
    except RecursionError:
        raise ProfileError(source, message("not valid TOML: brackets nested too deeply")) from None
    except ValueError as error:  # e.g. an integer with thousands of digits
        raise ProfileError(source, message("not valid TOML: {error}", error=error)) from None
    return InvestorProfile(**check_document(document, text, source))
