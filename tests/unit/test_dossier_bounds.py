"""The renderer stays bounded whatever the data holds: huge texts, names and contact cards.

Sizes are those that used to take minutes (a 49,000-line description, a 20,000-character
investor name) or crash (a 2,000-character consultant name in the QR code). The tests assert
limits — page counts, paragraph sizes, the visible "…" and "shortened" marks — never a time.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace

import pytest
from pypdf import PdfReader
from reportlab.platypus import SimpleDocTemplate

from desktop.dossier.brand.styles import make_kit
from desktop.dossier.content.model import ContactCard, DossierData
from desktop.dossier.layout import bounds
from desktop.dossier.layout.prose import paragraphs
from desktop.dossier.layout.qrcode import MAX_VERSION, _code, contact_qr, short_card, vcard
from desktop.dossier.render import _theme, render_bytes
from desktop.dossier.sections.contact import consultant_card
from tests.fixtures.sample_dossier import sample_data

SAMPLE_PAGES = 8  # the English sample dossier
LINES = 49_000
INVESTOR = "Investor " * 2_223  # 20,007 characters
CONSULTANT = "Consultant " * 182  # 2,002 characters: beyond any QR code's capacity twice over
MARK = "(shortened for this dossier)"


def squash(text: str) -> str:
    return " ".join(text.split())


def stress_data(template: str = "full") -> DossierData:
    data = sample_data("en", template)
    first = data.sections[0]
    huge = replace(
        first.entities[0],
        name="Gigantic " * 2_223,
        description="\n".join(f"line {n}" for n in range(LINES)),
        note="\n".join(f"note {n}" for n in range(LINES)),
    )
    sections = [replace(first, entities=[huge, *first.entities[1:]]), *data.sections[1:]]
    consultant = replace(data.consultant, name=CONSULTANT)
    return replace(data, prepared_for=INVESTOR, consultant=consultant, sections=sections)


@pytest.fixture(scope="module")
def stress() -> tuple[PdfReader, int]:
    pdf, pages = render_bytes(stress_data())
    return PdfReader(io.BytesIO(pdf)), pages


def test_huge_values_render_to_a_bounded_dossier(stress: tuple[PdfReader, int]) -> None:
    """49,000 lines of description and of note print as at most 400 lines each, marked."""
    reader, pages = stress
    assert len(reader.pages) == pages
    assert pages <= SAMPLE_PAGES + 2 * bounds.TEXT_LINES // 40  # ≈ 50 lines a page
    everything = " ".join(squash(page.extract_text()) for page in reader.pages)
    assert "line 399 …" in everything and "line 400" not in everything
    assert "note 399 …" in everything and "note 400" not in everything
    assert everything.count(MARK) == 2


def test_long_names_are_cut_visibly_everywhere(stress: tuple[PdfReader, int]) -> None:
    """Cover, footer, card header, contents, outline and metadata: cut with "…"."""
    reader, _ = stress
    cover = squash(reader.pages[0].extract_text())
    assert "Investor Investor" in cover and "Investor…" in cover
    assert len(cover) < bounds.NAME_CHARS + 2 * bounds.CONTACT_CHARS + 300
    for page in reader.pages[1:]:
        footer = re.search(r"Prepared for (Investor[^…]*…)", squash(page.extract_text()))
        assert footer is not None and len(footer.group(1)) < 100
    contents = squash(reader.pages[1].extract_text())
    assert "Gigantic Gigantic" in contents
    assert contents.count("Gigantic") <= bounds.TIGHT_CHARS // len("Gigantic ") + 1
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    nested = [item.title for group in reader.outline if isinstance(group, list) for item in group]
    assert max(len(title) for title in titles + nested) <= bounds.TIGHT_CHARS
    assert any(title.startswith("Gigantic") and title.endswith("…") for title in nested)
    assert len(reader.metadata.title) < bounds.NAME_CHARS + 50


def test_consultant_name_too_long_for_a_qr_code(stress: tuple[PdfReader, int]) -> None:
    """The contact page prints the (cut) name; its QR code carries the short vCard."""
    reader, _ = stress
    contact = squash(reader.pages[-1].extract_text())
    assert "Your contact Consultant Consultant" in contact
    assert "Consultant…" in contact and "Scan to save this contact" in contact
    card = bounds.card(ContactCard(CONSULTANT, phone="+49 341 1", email="jana@example.org"))
    assert _code(vcard(card)) is None  # the full card does not fit …
    short = _code(vcard(short_card(card)))
    assert short is not None and int(short.version) <= MAX_VERSION  # … the short one does
    assert contact_qr(card, 96, make_kit(_theme(None), "en").colours.primary) is not None


def test_card_beyond_any_short_vcard_prints_without_a_code() -> None:
    """Even name, phone and e-mail cut to 80 characters can be too much: no code, all text."""
    card = ContactCard(name="🧬" * 254, phone="Ж" * 254, email="é" * 254)
    kit = make_kit(_theme(None), "en")
    assert contact_qr(card, 96, kit.colours.primary) is None
    table = consultant_card(card, kit, kit.frame_width)
    assert len(table._cellvalues[0]) == 1  # the text alone, full width
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build([table])
    text = PdfReader(buffer).pages[0].extract_text()
    assert "ЖЖЖ" in text and "Scan to save" not in text


def test_onepager_stays_one_page() -> None:
    pdf, pages = render_bytes(stress_data("onepager"))
    assert pages == 1
    text = squash(PdfReader(io.BytesIO(pdf)).pages[0].extract_text())
    assert "Prepared for Investor Investor" in text and "Investor… ·" in text


def test_long_text_is_laid_out_in_small_paragraphs() -> None:
    """400 lines become 34 paragraphs of ≤ 12 lines; a blank line keeps its space."""
    style = make_kit(_theme(None), "en").style("body")
    text = "\n".join(f"line {n}" for n in range(bounds.TEXT_LINES))
    parts = paragraphs(text, style, space_before=7)
    assert len(parts) == -(-bounds.TEXT_LINES // bounds.LINES_PER_PARAGRAPH)
    assert all(part.text.count("<br/>") < bounds.LINES_PER_PARAGRAPH for part in parts)
    assert parts[0].spaceBefore == 7 and parts[1].spaceBefore == 0
    assert all(part.spaceAfter == 0 for part in parts[:-1])
    two = paragraphs("First.\n\n\nSecond.", style)
    assert [part.text for part in two] == ["First.", "Second."]
    assert two[1].spaceBefore == style.leading
    words = " ".join(f"word{n}" for n in range(3_000))  # one line of 26,000 characters
    pieces = bounds.blocks(words)
    assert all(len(piece) <= bounds.CHARS_PER_PARAGRAPH for piece, _ in pieces)
    assert " ".join(piece for piece, _ in pieces) == words


def test_text_and_names_are_cut_to_the_render_limits() -> None:
    assert bounds.text("x\n" * 10, "en") == "x\n" * 10  # within the limits: unchanged
    cut = bounds.text("y" * 30_000, "de")
    assert cut == "y" * bounds.TEXT_CHARS + " …\n(für dieses Dossier gekürzt)"
    assert bounds.name("Name " * 200) == ("Name " * 79).rstrip() + "…"
    assert len(bounds.name("N" * 20_000) or "") == bounds.NAME_CHARS


def test_fit_width_of_a_huge_string() -> None:
    fitted = bounds.fit_width("W" * 20_000, "Helvetica", 9, 200)
    assert fitted.endswith("…") and 10 < len(fitted) < 40
    assert bounds.fit_width("short", "Helvetica", 9, 200) == "short"
