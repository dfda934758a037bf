"""Emoji and other characters DejaVu lacks: drawn with the fallback font or visibly replaced.

The PDF is read back piece by piece with the font each piece is set in; every character must
be one that font's file has a glyph for — an empty box is exactly a character that is not.
"""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from desktop.dossier.brand import glyphs, markup
from desktop.dossier.brand.styles import make_kit
from desktop.dossier.render import _theme, render_bytes
from tests.fixtures.sample_dossier import sample_data

NAME = "🧬 BioCity ✅ 🇩🇪 Leipzig 👩‍🔬"
DESCRIPTION = "Gene 🧬, flag 🇩🇪, check ✅, rocket 🚀, thumbs 👍🏽, 1️⃣ keycap, 中文, Łódź ☕️."


def emoji_data(template: str = "full"):  # type: ignore[no-untyped-def]
    data = sample_data("en", template)
    first = data.sections[0]
    entity = replace(
        first.entities[0],
        name=NAME,
        description=DESCRIPTION,
        tags=["✅ GMP", "🇩🇪 Made in Germany", *first.entities[0].tags],
    )
    sections = [replace(first, entities=[entity, *first.entities[1:]]), *data.sections[1:]]
    return replace(data, prepared_for="Projekt 🚀 Aurora 🇩🇪", sections=sections)


def glyph_maps() -> dict[str, set[int]]:
    """Face name as it appears after the subset tag in /BaseFont → the file's characters."""
    kit = make_kit(_theme(None), "en")
    names = [*vars(kit.fonts).values(), glyphs.FALLBACK]
    maps = {}
    for name in names:
        face = pdfmetrics.getFont(name).face
        maps[face.name.decode()] = set(face.charToGlyph)
    return maps


def pieces(pdf: bytes) -> list[tuple[str, str]]:
    """(face name, text) of every piece of text on every page."""
    out: list[tuple[str, str]] = []

    def visit(text, _cm, _tm, font, _size) -> None:  # type: ignore[no-untyped-def]
        if text.strip() and font is not None:
            out.append((str(font["/BaseFont"]).split("+", 1)[-1], text))

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return out


@pytest.fixture(scope="module")
def emoji_pdf() -> bytes:
    return render_bytes(emoji_data())[0]


def test_every_printed_character_has_a_glyph(emoji_pdf: bytes) -> None:
    maps = glyph_maps()
    found = pieces(emoji_pdf)
    assert found
    missing = {
        (face, char)
        for face, text in found
        for char in text
        if char not in "\n\r" and ord(char) not in maps[face]
    }
    assert not missing


def test_emoji_are_drawn_by_the_fallback_font(emoji_pdf: bytes) -> None:
    in_fallback = "".join(text for face, text in pieces(emoji_pdf) if face == glyphs.FALLBACK)
    for emoji in ("✅", "🚀", "🇩🇪", "👍", "🔬"):
        assert emoji in in_fallback  # and its text survives copying (the ToUnicode map)


def test_what_no_font_has_is_replaced_readably(emoji_pdf: bytes) -> None:
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(emoji_pdf)).pages
    )
    assert "[dna double helix] BioCity" in text  # the fallback font predates U+1F9EC
    assert "Gene [dna double helix], flag" in text
    assert "Łódź" in text
    # Chips and the footer are drawn in one font: look-alikes and codes instead of emoji.
    assert "✔ GMP" in text and "[DE] Made in Germany" in text
    assert "Prepared for Projekt [rocket] Aurora [DE]" in text


def test_onepager_with_emoji_has_no_missing_glyphs() -> None:
    maps = glyph_maps()
    pdf, pages = render_bytes(emoji_data("onepager"))
    assert pages == 1
    for face, text in pieces(pdf):
        assert all(ord(char) in maps[face] for char in text if char not in "\n\r"), (face, text)


def test_escaper_sets_emoji_in_the_fallback_font_and_stays_literal() -> None:
    make_kit(_theme(None), "en")  # registers the fonts, and with them the coverage
    assert markup.text("R&D ✅ <b>") == 'R&amp;D <font name="Symbola">✅</font> &lt;b&gt;'
    assert markup.text("plain text") == "plain text"
    # Bracketed names are bounded: 254 unknown emoji do not become 5,000 characters.
    assert len(markup.text("🧬" * 254)) < 120 + 254 + 40
