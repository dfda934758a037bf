"""Every character of the data printed with a glyph an embedded font has, or visibly replaced.

DejaVu Sans has no emoji, so "🧬", "🇩🇪" or "✅" printed as empty boxes. The bundled fallback
font (Symbola: monochrome, TrueType outlines, free for any use) draws most emoji and symbols;
:func:`runs` tells the markup escaper which pieces of a text need it. What neither font has is
replaced by something a reader understands: the character's Unicode name in brackets for
symbols ("[dna double helix]"), U+FFFD for letters of scripts the fonts lack. Invisible
emoji mechanics (variation selectors, zero-width joiners, skin-tone modifiers) are dropped.

Canvas strings (page headers, tag chips, chart labels) are drawn in one font, so
:func:`plain` keeps them to the primary family's glyphs, with a few look-alike symbols first.

The coverage is set by :func:`desktop.dossier.brand.fonts.register_fonts`; before that (e.g. in a
unit test of the escaper alone) every character passes unchanged.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterable

FALLBACK = "Symbola"  # the ReportLab name of the fallback face
# Characters of bracketed names one string may grow by; past that U+FFFD stands in, so a
# name of 254 emoji cannot become 5,000 characters too tall for its table cell.
NAME_BUDGET = 120

_lock = threading.Lock()
_primary: frozenset[int] | None = None
_fallback: frozenset[int] = frozenset()

_INVISIBLE = frozenset(
    [
        0x200D,  # zero-width joiner
        0xFE0E,  # text presentation
        0xFE0F,  # emoji presentation
        0x20E3,  # keycap
        *range(0x1F3FB, 0x1F400),  # skin tones
        *range(0xE0020, 0xE0080),  # tag characters of subdivision flags
    ]
)
_REGIONAL = range(0x1F1E6, 0x1F200)  # regional indicators: two of them make a flag
# Emoji → a symbol DejaVu has, for strings drawn in one font.
_LOOK_ALIKE = {
    "✅": "✔",
    "☑": "✔",
    "❌": "✘",
    "❎": "✘",
    "⭐": "★",
    "🌟": "★",
    "📞": "☎",
    "☎": "☎",
    "📧": "✉",
    "📩": "✉",
    "❗": "!",
    "❓": "?",
    "👉": "☞",
}


def set_coverage(primary: Iterable[int], fallback: Iterable[int]) -> None:
    """The code points every face of the primary family draws, and those the fallback does."""
    global _primary, _fallback
    with _lock:
        _primary = frozenset(primary)
        _fallback = frozenset(fallback)


def covered(char: str) -> bool:
    """Whether the primary family draws ``char`` (always True before fonts are registered)."""
    return _primary is None or ord(char) in _primary


class _Replacer:
    """What to print for characters no embedded font draws, within one string's budget."""

    def __init__(self) -> None:
        self.budget = NAME_BUDGET

    def __call__(self, char: str) -> str:
        code = ord(char)
        if code in _INVISIBLE:
            return ""
        category = unicodedata.category(char)
        name = unicodedata.name(char, "")
        if name and (category.startswith("S") or code >= 0x1F000) and self.budget > 0:
            self.budget -= len(name) + 2
            return f"[{name.lower()}]"
        return "\ufffd" if covered("\ufffd") else "?"


def runs(value: str) -> list[tuple[str, bool]]:
    """``value`` as pieces, each with whether it is drawn in the fallback font; characters
    neither font draws are already replaced."""
    primary = _primary
    if primary is None or value.isascii():
        return [(value, False)] if value else []
    out: list[tuple[str, bool]] = []
    piece: list[str] = []
    in_fallback = False
    replace = _Replacer()
    for char in value:
        code = ord(char)
        if code in primary or char == "\n":
            wanted, text = False, char
        elif code in _fallback and code not in _INVISIBLE:
            wanted, text = True, char
        else:
            wanted, text = False, replace(char)
        if wanted != in_fallback and piece:
            out.append(("".join(piece), in_fallback))
            piece = []
        in_fallback = wanted
        piece.append(text)
    if piece:
        out.append(("".join(piece), in_fallback))
    return [(text, fallback) for text, fallback in out if text]


def plain(value: str) -> str:
    """``value`` with only characters the primary family draws (flags as "[DE]")."""
    if _primary is None or value.isascii():
        return value
    out: list[str] = []
    chars = list(value)
    replace = _Replacer()
    index = 0
    while index < len(chars):
        char = chars[index]
        code = ord(char)
        index += 1
        if code in _primary or char == "\n":
            out.append(char)
        elif code in _REGIONAL:
            letters = [chr(code - 0x1F1E6 + ord("A"))]
            if index < len(chars) and ord(chars[index]) in _REGIONAL:
                letters.append(chr(ord(chars[index]) - 0x1F1E6 + ord("A")))
                index += 1
            out.append(f"[{''.join(letters)}]")
        elif char in _LOOK_ALIKE and covered(_LOOK_ALIKE[char]):
            out.append(_LOOK_ALIKE[char])
        else:
            out.append(replace(char))
    return "".join(out)
