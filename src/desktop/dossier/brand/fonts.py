"""Register the bundled TrueType family and the emoji fallback with ReportLab, once per process.

ReportLab's standard Helvetica lacks glyphs such as ``Ł`` and Cyrillic; a registered TTF family
covers them and is embedded as a subset in every PDF. DejaVu has no emoji, so Symbola is
registered beside it and :mod:`desktop.dossier.brand.glyphs` learns which characters each draws.
Loading the TTF files costs tens of milliseconds, so it happens once, guarded by a lock because
exports run on a worker thread.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

from desktop.dossier.brand import glyphs
from desktop.dossier.brand.theme import Fonts
from desktop.paths import resource_path

FALLBACK_FILE = "Symbola.ttf"

_lock = threading.Lock()
_registered: dict[str, FontNames] = {}


@dataclass(frozen=True)
class FontNames:
    """The ReportLab font names of one registered family."""

    regular: str
    bold: str
    italic: str
    bold_italic: str


def _to_unicode_cmap(font_name: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap, with characters beyond U+FFFF written as UTF-16 pairs.

    ReportLab writes them as five hex digits, which readers reject, so an emoji's text could
    not be copied or searched in the PDF. Characters of the BMP come out as before.
    """
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({font_name})",
        f"/Ordering ({font_name})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{font_name} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{index:02X}> <{_hex16(code)}>" for index, code in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


def _hex16(code: int) -> str:
    """A code point as UTF-16BE hex, as ToUnicode CMaps want it."""
    if code <= 0xFFFF:
        return f"{code:04X}"
    code -= 0x10000
    return f"{0xD800 + (code >> 10):04X}{0xDC00 + (code & 0x3FF):04X}"


class _Font(TTFont):
    """A TTFont whose ToUnicode map is right for characters beyond U+FFFF (emoji)."""

    def addObjects(self, doc) -> None:  # type: ignore[no-untyped-def]
        state = self.state.get(doc)
        subsets = [list(subset) for subset in state.subsets] if state is not None else []
        super().addObjects(doc)
        for index, subset in enumerate(subsets):
            if all(code <= 0xFFFF for code in subset):
                continue
            base = b"".join((SUBSETN(index), b"+", self.face.name, self.face.subfontNameX))
            stream = doc.idToObject.get("toUnicodeCMap:" + base.decode("pdfdoc"))
            if stream is not None:
                stream.content = _to_unicode_cmap(base.decode("pdfdoc"), subset)


def _register_fallback() -> set[int]:
    """Symbola as a one-face family (so ``<b>`` around an emoji still finds a face)."""
    if glyphs.FALLBACK not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(_Font(glyphs.FALLBACK, str(resource_path("fonts", FALLBACK_FILE))))
        pdfmetrics.registerFontFamily(
            glyphs.FALLBACK,
            normal=glyphs.FALLBACK,
            bold=glyphs.FALLBACK,
            italic=glyphs.FALLBACK,
            boldItalic=glyphs.FALLBACK,
        )
    return set(pdfmetrics.getFont(glyphs.FALLBACK).face.charToGlyph)


def register_fonts(fonts: Fonts) -> FontNames:
    """Register the theme's family (idempotent) and return its four face names."""
    with _lock:
        known = _registered.get(fonts.family)
        if known:
            return known
        names = FontNames(
            regular=fonts.family,
            bold=f"{fonts.family}-Bold",
            italic=f"{fonts.family}-Italic",
            bold_italic=f"{fonts.family}-BoldItalic",
        )
        coverage: set[int] | None = None
        for name, file_name in (
            (names.regular, fonts.regular),
            (names.bold, fonts.bold),
            (names.italic, fonts.italic),
            (names.bold_italic, fonts.bold_italic),
        ):
            face = _Font(name, str(resource_path("fonts", file_name)))
            pdfmetrics.registerFont(face)
            # Only what every face draws is safe: <b> must not turn a glyph into a box.
            chars = set(face.face.charToGlyph)
            coverage = chars if coverage is None else coverage & chars
        # The family mapping is what makes <b>/<i> in our own markup pick the right face.
        pdfmetrics.registerFontFamily(
            names.regular,
            normal=names.regular,
            bold=names.bold,
            italic=names.italic,
            boldItalic=names.bold_italic,
        )
        glyphs.set_coverage(coverage or set(), _register_fallback())
        _registered[fonts.family] = names
        return names
