"""The consultant's vCard as a vector QR code, so an investor can save the contact by phone.

The code is drawn as rectangles in a ReportLab Drawing (no raster image): sharp in print and
at any zoom, tiny in the file. Adjacent dark modules in a row are merged into one rectangle.

A card too long for a code that still scans at print size (or for any QR code at all: a
1,500-character name) falls back to a short vCard — name, phone and e-mail, each cut — and
then to no code; the contact text is printed beside it either way.
"""

from __future__ import annotations

import segno
from reportlab.graphics.shapes import Drawing, Path, Rect
from reportlab.lib.colors import Color, white
from reportlab.pdfgen.canvas import FILL_NON_ZERO

from desktop.dossier.brand.markup import one_line
from desktop.dossier.content.model import ContactCard
from desktop.dossier.layout.bounds import shorten

QUIET_ZONE = 4  # modules of white margin the QR specification asks for (drawn, on white)
# Version 15 is 77 modules across: about 0.4 mm a module at the contact page's 96 pt, which
# phone cameras still read; a larger version would print too fine to scan.
MAX_VERSION = 15
SHORT_FIELD_CHARS = 80  # each field of the fallback vCard


def _vcard_text(value: str) -> str:
    """RFC 2426 text escaping: backslash, comma, semicolon; newlines become ``\\n``."""
    value = value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return value.replace("\r\n", "\n").replace("\n", "\\n")


def vcard(contact: ContactCard) -> str:
    """A vCard 3.0 of the contact, CRLF line ends, only the fields that are present."""
    name = one_line(contact.name)
    given, _, family = name.rpartition(" ")
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"N:{_vcard_text(family)};{_vcard_text(given)};;;",
        f"FN:{_vcard_text(name)}",
    ]
    if contact.organisation:
        lines.append(f"ORG:{_vcard_text(one_line(contact.organisation))}")
    if contact.role:
        lines.append(f"TITLE:{_vcard_text(one_line(contact.role))}")
    if contact.phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{_vcard_text(one_line(contact.phone))}")
    if contact.email:
        lines.append(f"EMAIL;TYPE=INTERNET,WORK:{_vcard_text(one_line(contact.email))}")
    if contact.address:
        lines.append(f"ADR;TYPE=WORK:;;{_vcard_text(contact.address.strip())};;;;")
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"


def short_card(contact: ContactCard) -> ContactCard:
    """Name, phone and e-mail only, each cut to ``SHORT_FIELD_CHARS``: the fallback vCard."""
    return ContactCard(
        name=shorten(one_line(contact.name), SHORT_FIELD_CHARS) or "",
        phone=shorten(one_line(contact.phone), SHORT_FIELD_CHARS) or None,
        email=shorten(one_line(contact.email), SHORT_FIELD_CHARS) or None,
    )


def _code(content: str) -> segno.QRCode | None:
    """The QR code of ``content``, or None when it needs more than ``MAX_VERSION``."""
    if len(content.encode("utf-8")) > 3_000:  # beyond any QR code; segno need not try
        return None
    try:
        # Level L (segno raises it when that costs no size) keeps the modules large enough to
        # scan at one-pager size; UTF-8 so umlauts survive in every reader.
        code = segno.make(content, error="l", encoding="utf-8", micro=False)
    except segno.DataOverflowError:
        return None
    return code if int(code.version) <= MAX_VERSION else None


def contact_qr(contact: ContactCard, size: float, colour: Color) -> Drawing | None:
    """The contact's vCard as a QR drawing: the full card, else the short one, else None."""
    for content in (vcard(contact), vcard(short_card(contact))):
        code = _code(content)
        if code is not None:
            return _drawing(code, size, colour, white)
    return None


def qr_drawing(content: str, size: float, colour: Color, background: Color = white) -> Drawing:
    """A ``size`` × ``size`` point Drawing of ``content`` as a QR code (quiet zone included).

    Raises ``segno.DataOverflowError`` when no QR code holds ``content``; layout code uses
    :func:`contact_qr`, which falls back instead.
    """
    code = segno.make(content, error="l", encoding="utf-8", micro=False)
    return _drawing(code, size, colour, background)


def _drawing(code: segno.QRCode, size: float, colour: Color, background: Color) -> Drawing:
    """All dark modules form one filled Path (a rectangle per horizontal run): a single node
    renders an order of magnitude faster than hundreds of Rect shapes and reads the same."""
    rows = [list(row) for row in code.matrix]
    modules = len(rows) + 2 * QUIET_ZONE
    unit = size / modules
    path = Path(fillColor=colour, strokeColor=None, strokeWidth=0, fillMode=FILL_NON_ZERO)
    for row_index, row in enumerate(rows):
        # A hair of overlap between rows: no seams in viewers that anti-alias each edge.
        top = size - (row_index + QUIET_ZONE) * unit
        bottom = top - unit * 1.02
        col = 0
        while col < len(row):
            if not row[col]:
                col += 1
                continue
            start = col
            while col < len(row) and row[col]:
                col += 1
            left, right = (start + QUIET_ZONE) * unit, (col + QUIET_ZONE) * unit
            path.moveTo(left, bottom)
            path.lineTo(right, bottom)
            path.lineTo(right, top)
            path.lineTo(left, top)
            path.closePath()
    drawing = Drawing(size, size)
    drawing.add(Rect(0, 0, size, size, fillColor=background, strokeColor=None, strokeWidth=0))
    drawing.add(path)
    return drawing
