"""The consultant's own contact card: the one reader, for the window and the CLI alike (no Qt).

The window stores the card with QSettings in an INI file; both the window and the headless CLI
read it back here, so a dossier exported from either names the same person. QSettings writes
its own dialect of INI — a value with a comma, ``;``, ``=`` or a leading space is quoted,
quotes and backslashes are escaped, a leading ``@`` is doubled — which ``configparser`` would
hand back with the quotes and backslashes still in it; :func:`_unescape` reads it the way
QSettings does. ``problems`` is the check the settings dialog shows before it saves; a
hand-edited file is cut to the same limits on reading, so no card can be too long for the
dossier's contact page and its QR code.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.language.messages import message

# The card's model and the checks (desktop.core.kb.validation) are imported where they are used:
# the window reads this module, through desktop.app.language, before its first paint.
if TYPE_CHECKING:
    from desktop.dossier.content.model import ContactCard

__all__ = ["FIELDS", "problems", "read_consultant", "settings_path"]

SECTION = "consultant"
FIELDS = ("name", "role", "organisation", "phone", "email")
LABELS = {
    "name": message("The name"),
    "role": message("The role"),
    "organisation": message("The organisation"),
    "phone": message("The phone number"),
    "email": message("The e-mail address"),
}
_ESCAPES = {
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "v": "\v",
    '"': '"',
    "?": "?",
    "'": "'",
    "\\": "\\",
}
_HEX = "0123456789abcdefABCDEF"


def problems(values: dict[str, str], language: str = "en") -> dict[str, str]:
    """Field → what is wrong with it in ``language``, for the settings dialog (empty fields
    are fine)."""
    from desktop.core.kb import validation

    found: dict[str, str | None] = {
        key: validation.one_line(
            values.get(key), LABELS[key].said(language), validation.MAX_CONTACT_CHARS, language
        )
        for key in FIELDS
    }
    found["phone"] = found["phone"] or validation.phone(values.get("phone"), language)
    found["email"] = found["email"] or validation.email(values.get("email"), language)
    return {key: problem for key, problem in found.items() if problem}


def settings_path() -> Path:
    """The window's settings file, where the card is saved."""
    from desktop.paths import settings_file

    return settings_file()


def read_consultant(name_override: str | None = None) -> ContactCard:
    """The card as saved in the settings file; ``name_override`` (a profile's consultant)
    replaces the name. A missing or unreadable file is an empty card, never an error: the
    export then asks for the card (window) or reports the empty contact page (CLI)."""
    from desktop.dossier.content.model import ContactCard

    try:
        text = settings_path().read_bytes().decode("utf-8-sig", errors="replace")
    except OSError:
        text = ""
    values = {key: _bounded(value) for key, value in read_section(text, SECTION).items()}
    return ContactCard(
        name=_bounded(name_override) or values.get("name") or "",
        role=values.get("role"),
        organisation=values.get("organisation"),
        phone=values.get("phone"),
        email=values.get("email"),
    )


def _bounded(value: str | None) -> str | None:
    """One line of at most ``MAX_CONTACT_CHARS``: what the dialog would have accepted."""
    from desktop.core.kb import validation

    text = " ".join((value or "").split())
    return text[: validation.MAX_CONTACT_CHARS].strip() or None


# --- QSettings' INI dialect ------------------------------------------------------------------


def read_section(text: str, section: str) -> dict[str, str]:
    """The string values of one ``[section]`` of a QSettings INI text (the last of a key wins,
    as in QSettings); values QSettings itself could not give back as text are left out."""
    values: dict[str, str] = {}
    current: str | None = None
    for line, equals in _lines(text):
        if line.startswith("["):
            end = line.find("]")
            current = (line[1:end] if end > 0 else line[1:]).strip()
            continue
        if current != section or equals < 0:
            continue
        value = _unescape(line[equals + 1 :])
        if value is not None:
            values[line[:equals].strip()] = value
    return values


def _lines(text: str) -> Iterator[tuple[str, int]]:
    """Logical lines as QSettings reads them, with the position of the first ``=`` outside
    quotes (-1 if none): ``;`` at the start of a line is a comment and, outside quotes, ends
    the line; a quoted value or a backslash carries a line on past its line break."""
    i, size = 0, len(text)
    while i < size:
        while i < size and text[i] in " \t\r\n\f\v":
            i += 1
        start, equals, quoted = i, -1, False
        while i < size:
            ch = text[i]
            i += 1
            if ch == "=":
                if not quoted and equals < 0:
                    equals = i - 1
            elif ch in "\r\n":
                if not quoted:
                    i -= 1
                    break
            elif ch == "\\":
                if i < size:
                    i += 2 if text[i : i + 2] in ("\r\n", "\n\r") else 1
            elif ch == '"':
                quoted = not quoted
            elif ch in ";#" and i == start + 1:  # a comment line
                while i < size and text[i] not in "\r\n":
                    i += 1
                while i < size and text[i] in " \t\r\n\f\v":
                    i += 1
                start = i
            elif ch == ";" and not quoted:  # the rest of the line is a comment
                i -= 1
                break
        if i > start:
            yield text[start:i], (equals - start if equals >= 0 else -1)
        while i < size and text[i] == ";":  # skip a trailing comment
            while i < size and text[i] not in "\r\n":
                i += 1


def _unescape(raw: str) -> str | None:
    """One value as QSettings reads it: quotes group, backslash escapes (``\\n``, ``\\x41``,
    octal), unquoted spaces at either end dropped, ``a, b`` a list (joined here with ", "),
    ``@@`` a literal ``@``; ``@Invalid()`` and other typed values give None."""
    items: list[str] = []
    out: list[str] = []
    quoted_now = quoted_value = False
    i, size = 0, len(raw)

    def skip_spaces(at: int) -> int:
        while at < size and raw[at] in " \t":
            at += 1
        return at

    def chop(limit: int) -> None:
        while len(out) > limit and out[-1] in " \t":
            out.pop()

    i = skip_spaces(i)
    keep = 0  # characters from escapes are never chopped as trailing spaces
    while i < size:
        ch = raw[i]
        if ch == "\\":
            i += 1
            if i >= size:
                break
            ch = raw[i]
            i += 1
            if ch in _ESCAPES:
                out.append(_ESCAPES[ch])
            elif ch == "x" and i < size and raw[i] in _HEX:
                j = i
                while j < size and raw[j] in _HEX:
                    j += 1
                out.append(_char(int(raw[i:j], 16)))
                i = j
            elif ch in "01234567":
                j = i
                while j < size and raw[j] in "01234567":
                    j += 1
                out.append(_char(int(raw[i - 1 : j], 8)))
                i = j
            keep = len(out)
        elif ch == '"':
            i += 1
            quoted_value = True
            quoted_now = not quoted_now
            keep = len(out)
            if not quoted_now:
                i = skip_spaces(i)
        elif ch == "," and not quoted_now:
            if not quoted_value:
                chop(keep)
            items.append("".join(out))
            out, keep, quoted_value = [], 0, False
            i = skip_spaces(i + 1)
        else:
            out.append(ch)
            i += 1
    if not quoted_value:
        chop(keep)
    items.append("".join(out))
    if len(items) > 1:
        return ", ".join(items)
    return _typed(items[0])


def _typed(value: str) -> str | None:
    """QSettings' ``@`` prefixes: ``@@x`` is ``@x``; a typed value is not text."""
    if value.startswith("@@"):
        return value[1:]
    if value.startswith("@ByteArray(") and value.endswith(")"):
        return value[len("@ByteArray(") : -1]
    if value.startswith("@") and value.endswith(")") and "(" in value:
        return None  # @Invalid(), @Variant(…), @Rect(…): nothing a card can print
    return value


def _char(code: int) -> str:
    code &= 0xFFFF  # QSettings reads escapes as one UTF-16 unit
    return "\ufffd" if 0xD800 <= code <= 0xDFFF else chr(code)
