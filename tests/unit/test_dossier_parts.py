"""The renderer's small parts without a PDF: wording, escaping, vCard, theme, progress."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
import segno
from reportlab.lib.colors import black
from reportlab.platypus import Paragraph

from desktop.dossier.brand import markup
from desktop.dossier.brand.styles import make_kit
from desktop.dossier.brand.theme import ThemeError, load_theme
from desktop.dossier.content import i18n
from desktop.dossier.content.model import ContactCard, SourceNote
from desktop.dossier.layout.progress import ExportCancelled, Progress
from desktop.dossier.layout.qrcode import QUIET_ZONE, qr_drawing, vcard


def test_dates_per_language() -> None:
    """Full dates and partial as-of dates in English and German."""
    day = date(2026, 11, 26)
    assert i18n.format_date(day, "en") == "26 November 2026"
    assert i18n.format_date(day, "de") == "26. November 2026"
    assert i18n.format_partial_date("2024-03", "de") == "März 2024"
    assert i18n.format_partial_date("2024", "en") == "2024"
    assert i18n.format_partial_date("2024-03-05", "en") == "5 March 2024"
    assert i18n.format_partial_date("spring 2024", "en") == "spring 2024"


def test_fact_source_line() -> None:
    """Dated and undated figures name their source and say how they are dated."""
    source = SourceNote("Cluster profile", "Agency", None, "2026-11-26")
    assert (
        i18n.fact_source_line(source, "2024", "en")
        == "Source: Cluster profile, Agency · as of 2024"
    )
    assert (
        i18n.fact_source_line(source, None, "de")
        == "Quelle: Cluster profile, Agency · im Quelltext undatiert (abgerufen 26. November 2026)"
    )
    assert i18n.fact_source_line(None, None, "en") == "Source not recorded · undated in source"


def test_every_label_exists_in_both_languages() -> None:
    for key in i18n._LABELS:
        assert i18n.label(key, "en") and i18n.label(key, "de")


@pytest.mark.parametrize(
    "raw", ["R&D <b>x</b> < 5 <unclosed", "<b>Evil & Co</b> <font size=40>", "a\x00b\x1fc"]
)
def test_escaped_text_parses_as_literal_text(raw: str) -> None:
    """Whatever the data says, the paragraph shows exactly that text."""
    kit = make_kit(load_theme(), "en")
    paragraph = Paragraph(markup.text(raw), kit.style("body"))
    assert paragraph.getPlainText() == markup.clean(raw)


def test_newlines_become_breaks_and_attributes_are_quoted() -> None:
    assert markup.text("a\r\nb") == "a<br/>b"
    assert markup.attr('x" onclick="y') == "'x\" onclick=\"y'"


def test_vcard_escapes_and_skips_missing_fields() -> None:
    card = vcard(ContactCard("Anna Müller-Łęcka", "Lead; CDMO, GMP", phone="+49 341 1"))
    lines = card.split("\r\n")
    assert lines[:4] == [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "N:Müller-Łęcka;Anna;;;",
        "FN:Anna Müller-Łęcka",
    ]
    assert "TITLE:Lead\\; CDMO\\, GMP" in lines
    assert "TEL;TYPE=WORK,VOICE:+49 341 1" in lines
    assert not any(line.startswith(("EMAIL", "ORG", "ADR")) for line in lines)
    assert card.endswith("END:VCARD\r\n")


def test_qr_drawing_matches_the_code_module_for_module() -> None:
    """The vector QR is exactly segno's matrix (runs of dark modules as rectangles)."""
    text = vcard(ContactCard("Jana Beispiel", phone="+49 341 555 0142"))
    matrix = [list(row) for row in segno.make(text, error="l", encoding="utf-8").matrix]
    drawing = qr_drawing(text, 100, black)
    background, path = drawing.contents
    unit = 100 / (len(matrix) + 2 * QUIET_ZONE)
    dark = set()
    points = path.points
    for index in range(0, len(points), 8):  # 4 corners (x, y) per rectangle
        left, right = points[index], points[index + 2]
        top = points[index + 5]
        row = round((100 - top) / unit) - QUIET_ZONE
        for col in range(round(left / unit) - QUIET_ZONE, round(right / unit) - QUIET_ZONE):
            dark.add((row, col))
    expected = {(r, c) for r, line in enumerate(matrix) for c, v in enumerate(line) if v}
    assert dark == expected
    assert background.width == 100


def test_theme_loads_and_names_bad_fields(tmp_path: Path) -> None:
    theme = load_theme()
    assert theme.page_size == pytest.approx((595.27, 841.89), abs=0.01)
    assert theme.confidentiality_line("de").startswith("Vertraulich")
    assert theme.confidentiality_line("fr") == theme.confidentiality_line("en")
    broken = tmp_path / "theme.toml"
    source = Path(__file__).parents[2] / "resources" / "brand" / "theme.toml"
    broken.write_text(source.read_text("utf-8").replace('"#0B4F5C"', '"teal"'), "utf-8")
    with pytest.raises(ThemeError, match=r"colours\.primary"):
        load_theme(broken)


def test_progress_checks_cancel_and_never_goes_back() -> None:
    seen: list[int] = []
    cancel = threading.Event()
    progress = Progress(lambda done, total, text: seen.append(done), cancel)
    progress.reportlab("STARTED", 0)
    progress.reportlab("SIZE_EST", 10)
    progress.reportlab("PROGRESS", 5)
    progress.reportlab("STARTED", 0)
    progress.reportlab("SIZE_EST", 10)
    progress.reportlab("PROGRESS", 1)
    assert seen == sorted(seen)
    cancel.set()
    with pytest.raises(ExportCancelled):
        progress.reportlab("PROGRESS", 2)
    progress.finish()  # after the file is written, cancel no longer applies
    assert seen[-1] == 1000
