"""The one way a data string becomes ReportLab paragraph markup: escaped, never interpreted.

ReportLab parses paragraph text as XML-like markup, so ``R&D <b>x</b> < 5 <unclosed`` from the
database would raise or restyle the page. Every string from ``DossierData`` passes through
``text()`` (or ``attr()`` for attribute values); our own tags are added around the result.
Characters the body font lacks (emoji) are set in the fallback font or visibly replaced here
too (:mod:`desktop.dossier.brand.glyphs`), so no string from the data prints as empty boxes.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from desktop.dossier.brand import glyphs

# C0 control characters other than tab and newline have no glyph and upset the parser.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(value: str | None) -> str:
    """Plain text without control characters, newlines normalised (for canvas strings too)."""
    if not value:
        return ""
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))


def text(value: str | None) -> str:
    """Escape a data string for a Paragraph; line breaks in the data stay line breaks."""
    out = []
    for piece, fallback in glyphs.runs(clean(value)):
        escaped = escape(piece).replace("\n", "<br/>")
        out.append(f'<font name="{glyphs.FALLBACK}">{escaped}</font>' if fallback else escaped)
    return "".join(out)


def attr(value: str | None) -> str:
    """A quoted, escaped attribute value, e.g. for ``<a href=…>`` (includes the quotes)."""
    return quoteattr(clean(value).replace("\n", " "))


def one_line(value: str | None) -> str:
    """Plain text on one line, for outline titles and canvas strings (not markup)."""
    return " ".join(clean(value).split())
