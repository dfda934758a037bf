"""Register the bundled TrueType family with ReportLab, once per process.

ReportLab's standard Helvetica lacks glyphs such as ``Ł`` and Cyrillic; a registered TTF family
covers them and is embedded as a subset in every PDF. Loading four TTF files costs tens of
milliseconds, so it happens once, guarded by a lock because exports run on a worker thread.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.dossier.theme import Fonts
from desktop.paths import resource_path

_lock = threading.Lock()
_registered: dict[str, FontNames] = {}


@dataclass(frozen=True)
class FontNames:
    """The ReportLab font names of one registered family."""

    regular: str
    bold: str
    italic: str
    bold_italic: str


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
        for name, file_name in (
            (names.regular, fonts.regular),
            (names.bold, fonts.bold),
            (names.italic, fonts.italic),
            (names.bold_italic, fonts.bold_italic),
        ):
            pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file_name))))
        # The family mapping is what makes <b>/<i> in our own markup pick the right face.
        pdfmetrics.registerFontFamily(
            names.regular,
            normal=names.regular,
            bold=names.bold,
            italic=names.italic,
            boldItalic=names.bold_italic,
        )
        _registered[fonts.family] = names
        return names
